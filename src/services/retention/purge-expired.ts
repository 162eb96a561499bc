import { and, count, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, sessions } from "../../db/schema";

export const DAY_MS = 24 * 3_600_000;

export interface RetentionReport {
  /** everything last touched before this instant (ms) was eligible */
  cutoff: number;
  sessions: number;
  outbox: number;
}

/**
 * Retention: conversation sessions (what a person typed: DNIs, dates, answers) and the log of
 * messages already sent (phone numbers, texts) are personal data we stop needing after
 * `retentionDays`. Complaints, their history and the audit log are records the ministry must
 * keep: this never touches them. Outbox rows still pending, sending or failed stay too (the
 * dispatcher or staff still need them).
 */
export async function purgeExpired(db: Db, now: number, retentionDays: number): Promise<RetentionReport> {
  const cutoff = now - retentionDays * DAY_MS;
  const oldSessions = lt(sessions.updatedAt, cutoff);
  const oldSent = and(eq(outbox.status, "sent"), lt(outbox.updatedAt, cutoff));
  // counted first: the delete's own change count is driver-specific (better-sqlite3 vs D1)
  const [[s], [o]] = await Promise.all([
    db.select({ n: count() }).from(sessions).where(oldSessions),
    db.select({ n: count() }).from(outbox).where(oldSent),
  ]);
  await db.delete(sessions).where(oldSessions);
  await db.delete(outbox).where(oldSent);
  return { cutoff, sessions: s?.n ?? 0, outbox: o?.n ?? 0 };
}
