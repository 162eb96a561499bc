import { z } from "zod";
import type { Db } from "../../db/client";
import { staffRepo } from "../../db/repos/staff";
import { atomic } from "../../db/atomic";
import { STAFF_ROLES } from "../../db/schema";
import { staffAudit } from "../audit";
import { checkPasswordPolicy, hashPassword } from "../auth/password";
import { toStaffUser, type StaffUser } from "../auth/roles";

export class StaffUserError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const inputSchema = z
  .object({
    email: z.string().trim().toLowerCase().email(),
    name: z.string().trim().min(1).max(120).optional(),
    role: z.enum(STAFF_ROLES),
    district: z.string().regex(/^\d{6}$/, "district must be a 6-digit ubigeo").optional(),
    password: z.string(),
  })
  .refine((v) => v.role !== "helpdesk" || !!v.district, { path: ["district"], message: "a helpdesk account needs --district <ubigeo>" })
  .refine((v) => v.role === "helpdesk" || !v.district, { path: ["district"], message: "only helpdesk accounts have a district" });

export type NewStaffUser = z.input<typeof inputSchema>;

/** Validates a new account and hashes its password: the row to insert (no database needed). */
export async function buildStaffUserRow(input: NewStaffUser, passwordIterations: number, now: number) {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StaffUserError(String(issue.path[0] ?? "input"), issue.message);
  }
  const value = parsed.data;
  try {
    checkPasswordPolicy(value.password);
  } catch (error) {
    throw new StaffUserError("password", (error as Error).message);
  }
  return {
    id: crypto.randomUUID(),
    email: value.email,
    name: value.name ?? value.email.split("@")[0],
    role: value.role,
    district: value.district ?? null,
    passwordHash: await hashPassword(value.password, passwordIterations),
    failedLogins: 0,
    lockedUntil: null,
    disabled: false,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Creates a console account (CLI, demo data, tests). Typed errors name the offending field. */
export async function createStaffUser(
  deps: { db: Db; now: () => number; passwordIterations: number },
  input: NewStaffUser,
  createdBy: string | null = null,
): Promise<StaffUser> {
  const now = deps.now();
  const row = await buildStaffUserRow(input, deps.passwordIterations, now);
  if (await staffRepo.findByEmail(deps.db, row.email)) throw new StaffUserError("email", "an account with this e-mail already exists");
  await atomic(deps.db, [
    staffRepo.insert(deps.db, row),
    staffAudit(deps.db, { staffId: createdBy, action: "staff.user.create", subject: `staff:${row.id}`, detail: { role: row.role, district: row.district } }, now),
  ] as never);
  return toStaffUser(row);
}
