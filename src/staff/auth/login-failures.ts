import { and, count, eq, gt, max, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staffLoginFailures } from "../../db/schema/staff-login-failures";
import { staffUsers } from "../../db/schema/staff-users";

/** Wrong passwords from one client address that lock that (account, address) pair. */
export const PAIR_MAX_FAILURES = 5;
/**
 * Wrong passwords from all addresses together that lock the account itself. Higher than the
 * pair's, so a colleague guessing from their own machine cannot lock the real person out, while
 * a guesser spread over many addresses is still stopped (issue 14 item 3).
 */
export const ACCOUNT_MAX_FAILURES = 20;
/** How long a lock lasts; also the window a pair's failures are counted in. */
export const LOCK_MS = 15 * 60_000;

export interface FailureCount {
  failures: number;
  locked: boolean;
}

/** Whether this (account, client) pair is locked right now. */
export async function pairLocked(db: Db, userId: string, client: string, now: number): Promise<boolean> {
  const row = await db
    .select({ lockedUntil: staffLoginFailures.lockedUntil })
    .from(staffLoginFailures)
    .where(and(eq(staffLoginFailures.userId, userId), eq(staffLoginFailures.client, client), gt(staffLoginFailures.lockedUntil, now)))
    .get();
  return row !== undefined;
}

/** SQL for "this pair is locked now", for a success written only while it is not. */
export const pairLockedNow = (userId: string, client: string, now: number) =>
  sql`EXISTS (SELECT 1 FROM ${staffLoginFailures} WHERE ${staffLoginFailures.userId} = ${userId} AND ${staffLoginFailures.client} = ${client} AND ${staffLoginFailures.lockedUntil} > ${now})`;

/**
 * One failure from `client`, counted and judged in a single `INSERT … ON CONFLICT DO UPDATE …
 * RETURNING` (SQLite evaluates every SET on the old row, so the count and the lock are one
 * decision, on better-sqlite3 and D1 alike: parallel guesses cannot overwrite each other). A
 * window or a lock that is over starts a fresh count; a lock already set is never shortened.
 */
export async function countPairFailure(db: Db, userId: string, client: string, now: number): Promise<FailureCount> {
  const t = staffLoginFailures;
  const fresh = sql`((${t.lockedUntil} IS NOT NULL AND ${t.lockedUntil} <= ${now}) OR (${t.lockedUntil} IS NULL AND ${t.windowStart} <= ${now - LOCK_MS}))`;
  const count = sql`(CASE WHEN ${fresh} THEN 1 ELSE ${t.failures} + 1 END)`;
  const [row] = await db
    .insert(t)
    .values({ userId, client, failures: 1, windowStart: now, lockedUntil: PAIR_MAX_FAILURES <= 1 ? now + LOCK_MS : null })
    .onConflictDoUpdate({
      target: [t.userId, t.client],
      set: {
        failures: count,
        windowStart: sql`CASE WHEN ${fresh} THEN ${now} ELSE ${t.windowStart} END`,
        lockedUntil: sql`CASE WHEN ${count} >= ${PAIR_MAX_FAILURES} THEN (CASE WHEN ${t.lockedUntil} > ${now} THEN ${t.lockedUntil} ELSE ${now + LOCK_MS} END) WHEN ${fresh} THEN NULL ELSE ${t.lockedUntil} END`,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil });
  // no row back cannot happen (an upsert); judged locked if it ever did
  return row ? { failures: row.failures, locked: (row.lockedUntil ?? 0) > now } : { failures: PAIR_MAX_FAILURES, locked: true };
}

/**
 * One failure counted against the account as a whole, in one `UPDATE … RETURNING` on
 * `staff_users` (the row the accounts page shows and unlocks). The count runs from the last
 * successful login or the end of the last lock.
 */
export async function countAccountFailure(db: Db, userId: string, now: number): Promise<FailureCount> {
  const u = staffUsers;
  const fresh = sql`(${u.lockedUntil} IS NOT NULL AND ${u.lockedUntil} <= ${now})`;
  const count = sql`(CASE WHEN ${fresh} THEN 1 ELSE ${u.failedLogins} + 1 END)`;
  const [row] = await db
    .update(u)
    .set({
      failedLogins: count,
      lockedUntil: sql`CASE WHEN ${count} >= ${ACCOUNT_MAX_FAILURES} THEN (CASE WHEN ${u.lockedUntil} > ${now} THEN ${u.lockedUntil} ELSE ${now + LOCK_MS} END) WHEN ${fresh} THEN NULL ELSE ${u.lockedUntil} END`,
      updatedAt: now,
    })
    .where(eq(u.id, userId))
    .returning({ failures: u.failedLogins, lockedUntil: u.lockedUntil });
  // no row: the account was deleted meanwhile; judged locked
  return row ? { failures: row.failures, locked: (row.lockedUntil ?? 0) > now } : { failures: ACCOUNT_MAX_FAILURES, locked: true };
}

/** A success from `client` forgets that pair's failures. */
export const clearPair = (db: Db, userId: string, client: string) =>
  db.delete(staffLoginFailures).where(and(eq(staffLoginFailures.userId, userId), eq(staffLoginFailures.client, client)));

/** An administrator's unlock lifts every pair's lock too. */
export const clearAccountPairs = (db: Db, userId: string) => db.delete(staffLoginFailures).where(eq(staffLoginFailures.userId, userId));

/** Accounts with (account, address) pairs locked now: the accounts page shows and lifts them. */
export const lockedPairs = (db: Db, now: number) =>
  db
    .select({ userId: staffLoginFailures.userId, until: sql<number>`${max(staffLoginFailures.lockedUntil)}`, addresses: count() })
    .from(staffLoginFailures)
    .where(gt(staffLoginFailures.lockedUntil, now))
    .groupBy(staffLoginFailures.userId)
    .all();
