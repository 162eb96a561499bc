import { and, eq, isNull, lte, not, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staffUsers } from "../../db/schema/staff-users";
import { staffRepo } from "../../db/repos/staff";
import { atomic } from "../../db/atomic";
import { staffAudit } from "../audit";
import { hashIterations, hashPassword, verifyPassword } from "./password";
import { toStaffUser, type StaffUser } from "./roles";
import { ACCOUNT_MAX_FAILURES, clearPair, countAccountFailure, countPairFailure, PAIR_MAX_FAILURES, pairLocked, pairLockedNow } from "./login-failures";

export { ACCOUNT_MAX_FAILURES, LOCK_MS, PAIR_MAX_FAILURES } from "./login-failures";
/** The failures from one client address that lock (that pair); kept under its old name. */
export const MAX_FAILED_LOGINS = PAIR_MAX_FAILURES;

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; reason: "invalid" | "locked" };

export interface SignInDeps {
  db: Db;
  now: () => number;
  passwordIterations: number;
  /** the hash check (tests count its calls: every failure must cost exactly one) */
  verify?: (password: string, stored: string) => Promise<boolean>;
}

// verified against when the e-mail is unknown, so both cases cost the same time
let decoy: Promise<string> | null = null;

/** A hash verification whose result is thrown away: every failure answer costs one, locked or not. */
async function spendVerify(password: string, iterations: number, verify: typeof verifyPassword): Promise<void> {
  decoy ??= hashPassword("decoy-password-never-matches", iterations);
  await verify(password, await decoy);
}

/** Hashes running at once, and waiting; more than that is "try again" (issue 14 item 6). */
export const MAX_CONCURRENT_HASHES = 2;
export const MAX_QUEUED_HASHES = 8;
/**
 * Logins one client (address, IPv6 by /64) may have hashing or waiting at once. Without it one
 * address sending a dozen logins in a loop held every slot and the queue, and every member of
 * staff got "try again" (session 8 review); now it holds two, and the rest stay free.
 */
export const MAX_HASHES_PER_CLIENT = 2;
let running = 0;
const waiting: Array<() => void> = [];
const perClient = new Map<string, number>();

export class SignInBusyError extends Error {}

// Cloudflare's documented navigator.userAgent (global_navigator, on since 2022-03-21)
const ON_WORKERS = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers";

/**
 * At most MAX_CONCURRENT_HASHES logins hash at once (PBKDF2 600k on Node runs in the 4-thread
 * libuv pool that webhooks' crypto and file I/O share); MAX_QUEUED_HASHES wait; one more is
 * refused with SignInBusyError at once (the route answers 503 "try again"). With `client`, that
 * client may hold at most MAX_HASHES_PER_CLIENT of them (hashing or waiting); one more is refused
 * the same way without taking a place.
 */
export async function withHashSlot<T>(work: () => Promise<T>, client?: string): Promise<T> {
  // Workers: PBKDF2 runs on the isolate's own thread (no pool to protect), and a request waiting
  // on a promise another request resolves is cancelled as hung, leaking the slot for good
  if (ON_WORKERS) return work();
  if (client === undefined) return inSlot(work);
  const held = perClient.get(client) ?? 0;
  if (held >= MAX_HASHES_PER_CLIENT) throw new SignInBusyError("too many logins at once from this client");
  perClient.set(client, held + 1);
  try {
    return await inSlot(work);
  } finally {
    const left = (perClient.get(client) ?? 1) - 1;
    if (left <= 0) perClient.delete(client);
    else perClient.set(client, left);
  }
}

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
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
 * Checks an e-mail and password from one client (`client`: a keyed hash of the client address,
 * never the address). Failures are counted per (account, client) pair first: PAIR_MAX_FAILURES
 * lock that pair only, so a colleague guessing from their own machine cannot lock the real person
 * out; ACCOUNT_MAX_FAILURES from all clients together lock the account. Each count is one
 * statement that also decides its lock (see login-failures.ts), so parallel guesses cannot
 * overwrite each other's count (Node and D1 alike), and a success only counts if neither lock
 * holds when it is written. A lock ends no live session (it must not be a way to throw a
 * colleague out). Every failure, unknown account, locked or wrong, costs exactly one hash
 * verification and the caller shows one message, so the answer tells nothing.
 */
export async function signIn(deps: SignInDeps, emailInput: string, password: string, client = "local"): Promise<SignInResult> {
  const { db } = deps;
  const verify = deps.verify ?? verifyPassword;
  const email = emailInput.trim().toLowerCase();
  const user = email ? await staffRepo.findByEmail(db, email) : undefined;
  const now = deps.now();
  if (!user || user.disabled) {
    await spendVerify(password, deps.passwordIterations, verify);
    await atomic(db, [staffAudit(db, { staffId: null, action: "staff.login", outcome: "unknown_account" }, now)]);
    return { ok: false, reason: "invalid" };
  }
  if ((user.lockedUntil ?? 0) > now || (await pairLocked(db, user.id, client, now))) {
    await spendVerify(password, deps.passwordIterations, verify);
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "locked" }, now)]);
    return { ok: false, reason: "locked" };
  }
  if (!(await verify(password, user.passwordHash))) {
    const pair = await countPairFailure(db, user.id, client, now);
    const account = await countAccountFailure(db, user.id, now);
    const outcome = account.locked ? (account.failures === ACCOUNT_MAX_FAILURES ? "account_locked_now" : "locked") : pair.locked ? (pair.failures === PAIR_MAX_FAILURES ? "locked_now" : "locked") : "bad_password";
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome, detail: { failures: pair.failures, accountFailures: account.failures } }, now)] as never);
    return { ok: false, reason: pair.locked || account.locked ? "locked" : "invalid" };
  }
  // a changed work factor takes effect at the next successful login
  const rehash = hashIterations(user.passwordHash) !== deps.passwordIterations ? await hashPassword(password, deps.passwordIterations) : null;
  // written only while neither lock holds: parallel wrong guesses that locked it meanwhile win
  const unlocked = await db
    .update(staffUsers)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
    .where(and(eq(staffUsers.id, user.id), or(isNull(staffUsers.lockedUntil), lte(staffUsers.lockedUntil, now)), not(pairLockedNow(user.id, client, now))))
    .returning({ id: staffUsers.id });
  if (unlocked.length === 0) {
    await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "locked" }, now)]);
    return { ok: false, reason: "locked" };
  }
  await atomic(db, [clearPair(db, user.id, client), staffAudit(db, { staffId: user.id, action: "staff.login", outcome: "ok" }, now)] as never);
  return { ok: true, user: toStaffUser(user) };
}
