import type { Db } from "../../db/client";
import { staffRepo } from "../../db/repos/staff";
import { atomic } from "../../db/atomic";
import { staffAudit } from "../audit";
import { hashIterations, hashPassword, verifyPassword } from "./password";
import { toStaffUser, type StaffUser } from "./roles";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; reason: "invalid" | "locked" };

export interface SignInDeps {
  db: Db;
  now: () => number;
  passwordIterations: number;
}

// verified against when the e-mail is unknown, so both cases cost the same time
let decoy: Promise<string> | null = null;

/**
 * Checks an e-mail and password. After MAX_FAILED_LOGINS consecutive failures the account is
 * locked for LOCK_MS and its sessions end. The caller shows one message for every failure, so
 * the answer never tells whether an account exists.
 */
export async function signIn(deps: SignInDeps, emailInput: string, password: string): Promise<SignInResult> {
  const { db } = deps;
  const email = emailInput.trim().toLowerCase();
  const user = email ? await staffRepo.findByEmail(db, email) : undefined;
  const now = deps.now();
  if (!user || user.disabled) {
    decoy ??= hashPassword("decoy-password-never-matches", deps.passwordIterations);
    await verifyPassword(password, await decoy);
    await atomic(db, [staffAudit(db, { staffId: null, action: "staff.login", outcome: "unknown_account" }, now)]);
    return { ok: false, reason: "invalid" };
  }
  if ((user.lockedUntil ?? 0) > now) {
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "locked" }, now)]);
    return { ok: false, reason: "locked" };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await atomic(db, [
      staffRepo.update(db, user.id, lock ? { failedLogins: 0, lockedUntil: now + LOCK_MS, updatedAt: now } : { failedLogins: failures, updatedAt: now }),
      ...(lock ? [staffRepo.deleteUserSessions(db, user.id)] : []),
      staffAudit(db, { staffId: user.id, action: "staff.login", outcome: lock ? "locked_now" : "bad_password", detail: { failures } }, now),
    ] as never);
    return { ok: false, reason: lock ? "locked" : "invalid" };
  }
  // a changed work factor takes effect at the next successful login
  const rehash = hashIterations(user.passwordHash) !== deps.passwordIterations ? await hashPassword(password, deps.passwordIterations) : null;
  await atomic(db, [
    staffRepo.update(db, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now, ...(rehash ? { passwordHash: rehash } : {}) }),
    staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "ok" }, now),
  ] as never);
  return { ok: true, user: toStaffUser(user) };
}
