import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staffUsers } from "../../db/schema/staff-users";
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

/** A hash verification whose result is thrown away: every failure answer costs one, locked or not. */
async function spendVerify(password: string, iterations: number): Promise<void> {
  decoy ??= hashPassword("decoy-password-never-matches", iterations);
  await verifyPassword(password, await decoy);
}

/** Hashes running at once, and waiting; more than that is "try again" (issue 14 item 6). */
export const MAX_CONCURRENT_HASHES = 2;
export const MAX_QUEUED_HASHES = 8;
let running = 0;
const waiting: Array<() => void> = [];

export class SignInBusyError extends Error {}

/**
 * At most MAX_CONCURRENT_HASHES logins hash at once (PBKDF2 600k on Node runs in the 4-thread
 * libuv pool that webhooks' crypto and file I/O share); MAX_QUEUED_HASHES wait; one more is
 * refused with SignInBusyError at once (the route answers 503 "try again").
 */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_QUEUED_HASHES) throw new SignInBusyError("too many logins at once");
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next in line
    else running--;
  }
}

/**
 * Checks an e-mail and password. After MAX_FAILED_LOGINS consecutive failures the account is
 * locked for LOCK_MS; its live sessions go on (a lock must not be a way to throw a colleague out).
 * The failure count is incremented in one UPDATE … RETURNING that also decides the lock, so
 * parallel guesses cannot overwrite each other's count (Node and D1 alike), and a success only
 * counts if the account is still unlocked when it is written. Every failure costs one hash
 * verification, locked or not, and the caller shows one message, so the answer never tells
 * whether an account exists or is locked.
 */
export async function signIn(deps: SignInDeps, emailInput: string, password: string): Promise<SignInResult> {
  const { db } = deps;
  const email = emailInput.trim().toLowerCase();
  const user = email ? await staffRepo.findByEmail(db, email) : undefined;
  const now = deps.now();
  if (!user || user.disabled) {
    await spendVerify(password, deps.passwordIterations);
    await atomic(db, [staffAudit(db, { staffId: null, action: "staff.login", outcome: "unknown_account" }, now)]);
    return { ok: false, reason: "invalid" };
  }
  if ((user.lockedUntil ?? 0) > now) {
    await spendVerify(password, deps.passwordIterations);
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "locked" }, now)]);
    return { ok: false, reason: "locked" };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    // SQLite evaluates every SET expression on the row's old values: one count, one decision. An
    // expired lock starts a fresh count; the count is never reset by a lock (parallel guesses
    // after it only raise it), only by a successful login.
    const fresh = sql`(${staffUsers.lockedUntil} IS NOT NULL AND ${staffUsers.lockedUntil} <= ${now})`;
    const count = sql`(CASE WHEN ${fresh} THEN 1 ELSE ${staffUsers.failedLogins} + 1 END)`;
    const [row] = await db
      .update(staffUsers)
      .set({
        failedLogins: count,
        lockedUntil: sql`CASE WHEN ${count} >= ${MAX_FAILED_LOGINS} THEN (CASE WHEN ${staffUsers.lockedUntil} > ${now} THEN ${staffUsers.lockedUntil} ELSE ${now + LOCK_MS} END) WHEN ${fresh} THEN NULL ELSE ${staffUsers.lockedUntil} END`,
        updatedAt: now,
      })
      .where(eq(staffUsers.id, user.id))
      .returning({ failedLogins: staffUsers.failedLogins });
    const failures = row?.failedLogins ?? MAX_FAILED_LOGINS;
    const lock = failures >= MAX_FAILED_LOGINS;
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: failures === MAX_FAILED_LOGINS ? "locked_now" : lock ? "locked" : "bad_password", detail: { failures } }, now)] as never);
    return { ok: false, reason: lock ? "locked" : "invalid" };
  }
  // a changed work factor takes effect at the next successful login
  const rehash = hashIterations(user.passwordHash) !== deps.passwordIterations ? await hashPassword(password, deps.passwordIterations) : null;
  // written only while still unlocked: parallel wrong guesses that locked it meanwhile win
  const unlocked = await db
    .update(staffUsers)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
    .where(and(eq(staffUsers.id, user.id), or(isNull(staffUsers.lockedUntil), lte(staffUsers.lockedUntil, now))))
    .returning({ id: staffUsers.id });
  if (unlocked.length === 0) {
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "locked" }, now)]);
    return { ok: false, reason: "locked" };
  }
  await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "ok" }, now)]);
  return { ok: true, user: toStaffUser(user) };
}
