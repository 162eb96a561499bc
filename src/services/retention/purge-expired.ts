import { and, count, eq, inArray, isNull, lt, notExists, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { complaints, contacts, lookupThrottle, outbox, rateLimitHits, sessions, staffLoginFailures } from "../../db/schema";

export const DAY_MS = 24 * 3_600_000;

export interface RetentionReport {
  /** everything last touched before this instant (ms) was eligible */
  cutoff: number;
  sessions: number;
  outbox: number;
  /** contacts left with no session, no complaint reaching their number and no opt-out to keep */
  contacts: number;
  /** lookup_throttle rows whose window and lock are both over (the same as no row) */
  throttle: number;
}

/**
 * Retention: conversation sessions (what a person typed: DNIs, dates, answers) and the log of
 * messages already sent (phone numbers, texts) are personal data we stop needing after
 * `retentionDays`. Complaints, their history and the audit log are records the ministry must
 * keep: this never touches them. Outbox rows still pending, sending or failed stay too (the
 * dispatcher or staff still need them).
 */
export async function purgeExpired(db: Db, now: number, retentionDays: number, throttleWindowMs = DAY_MS): Promise<RetentionReport> {
  const cutoff = now - retentionDays * DAY_MS;
  const oldSessions = lt(sessions.updatedAt, cutoff);
  // not_sent is as final as sent (no provider will ever take it): the same personal data, the same age
  const oldSent = and(inArray(outbox.status, ["sent", "not_sent"]), lt(outbox.updatedAt, cutoff));
  // counted first: the delete's own change count is driver-specific (better-sqlite3 vs D1)
  const [[s], [o]] = await Promise.all([
    db.select({ n: count() }).from(sessions).where(oldSessions),
    db.select({ n: count() }).from(outbox).where(oldSent),
  ]);
  await db.delete(sessions).where(oldSessions);
  await db.delete(outbox).where(oldSent);
  // after the sessions: a contact whose last session just went is an orphan now. Kept: an opt-out
  // (consent to remember) and a number a complaint still answers to (`tel:` + its E.164 address)
  const orphan = and(
    lt(contacts.updatedAt, cutoff),
    eq(contacts.optedOut, false),
    notExists(db.select({ one: sql`1` }).from(sessions).where(eq(sessions.contactId, contacts.id))),
    notExists(db.select({ one: sql`1` }).from(complaints).where(sql`'tel:' || ${complaints.contactAddress} = ${contacts.urn}`)),
  );
  const expiredThrottle = and(lt(lookupThrottle.windowStart, now - throttleWindowMs), or(isNull(lookupThrottle.lockedUntil), lt(lookupThrottle.lockedUntil, now)));
  const [[c], [t]] = await Promise.all([
    db.select({ n: count() }).from(contacts).where(orphan),
    db.select({ n: count() }).from(lookupThrottle).where(expiredThrottle),
  ]);
  await db.delete(contacts).where(orphan);
  await db.delete(lookupThrottle).where(expiredThrottle);
  // staff sign-in failures per (account, address) whose 15-minute window and lock are over
  await db.delete(staffLoginFailures).where(and(lt(staffLoginFailures.windowStart, now - throttleWindowMs), or(isNull(staffLoginFailures.lockedUntil), lt(staffLoginFailures.lockedUntil, now))));
  // the public APIs' rate-limit counts whose window is over (the same as no row)
  await db.delete(rateLimitHits).where(lt(rateLimitHits.windowEnd, now));
  return { cutoff, sessions: s?.n ?? 0, outbox: o?.n ?? 0, contacts: c?.n ?? 0, throttle: t?.n ?? 0 };
}
