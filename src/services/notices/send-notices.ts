import type { BatchItem } from "drizzle-orm/batch";
import { and, asc, count, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { noticeConsents, notices, outbox, type NoticeRow } from "../../db/schema";
import { inQuietHours } from "./lima-clock";
import { noticeMessage } from "./notice-message";

/**
 * The sending half of the notices job: the pending notices, oldest first, into the outbox —
 * outside quiet hours, within the day's cap, and only while their consent still stands (a
 * revocation cancels what had not gone yet). Each notice becomes one outbox row in the same
 * write that marks it sent; both statements are guarded by the notice still being pending, so
 * an overlapping run cannot enqueue it twice.
 */
export interface SendDeps {
  db: Db;
  now: number;
  today: string;
  quietHours: { from: number; until: number } | null;
  dailyLimit: number;
  dryRun: boolean;
}

export interface SendReport {
  sent: number;
  /** consent revoked (or the window over) before it went */
  cancelled: number;
  heldQuiet: number;
  heldCap: number;
}

const PAGE = 500;

export async function sendPendingNotices(deps: SendDeps): Promise<SendReport> {
  const report: SendReport = { sent: 0, cancelled: 0, heldQuiet: 0, heldCap: 0 };
  const { db } = deps;
  if (!deps.dryRun) {
    // a payment notice whose window is over says nothing useful any more
    const over = await db
      .update(notices)
      .set({ status: "cancelled" })
      .where(and(eq(notices.status, "pending"), isNotNull(notices.windowUntil), lt(notices.windowUntil, deps.today)))
      .returning({ id: notices.id });
    report.cancelled += over.length;
  }
  if (inQuietHours(deps.now, deps.quietHours)) {
    report.heldQuiet = await hold(deps, "quiet");
    return report;
  }
  const sentToday = (await db.select({ n: count() }).from(notices).where(eq(notices.sentDay, deps.today)).get())?.n ?? 0;
  let budget = Math.max(0, deps.dailyLimit - sentToday);
  let skip = 0; // dry run: nothing changes, so page through instead
  while (budget > 0) {
    const rows = await db.select().from(notices).where(eq(notices.status, "pending")).orderBy(asc(notices.createdAt), asc(sql`notices.rowid`)).limit(Math.min(PAGE, budget)).offset(skip).all();
    if (rows.length === 0) break;
    const granted = await grantedOf(db, rows);
    const writes: BatchItem<"sqlite">[] = [];
    for (const n of rows) {
      if (!granted.has(consentId(n))) {
        report.cancelled += 1;
        writes.push(db.update(notices).set({ status: "cancelled" }).where(and(eq(notices.id, n.id), eq(notices.status, "pending"))));
        continue;
      }
      report.sent += 1;
      budget -= 1;
      writes.push(...sendStatements(db, n, deps));
    }
    if (deps.dryRun) skip += rows.length;
    else await atomic(db, writes);
    if (rows.length < PAGE && budget > 0) break;
  }
  report.heldCap = await hold(deps, "cap");
  return report;
}

/** marks what is still pending as waiting for this reason, and counts it */
async function hold(deps: SendDeps, reason: "quiet" | "cap"): Promise<number> {
  if (deps.dryRun) return (await deps.db.select({ n: count() }).from(notices).where(eq(notices.status, "pending")).get())?.n ?? 0;
  const held = await deps.db.update(notices).set({ held: reason }).where(eq(notices.status, "pending")).returning({ id: notices.id });
  return held.length;
}

const consentId = (n: { personKey: string; channel: string; address: string }) => `${n.personKey}|${n.channel}|${n.address}`;

/** the consents of these notices that are granted now */
async function grantedOf(db: Db, rows: NoticeRow[]): Promise<Set<string>> {
  const keys = [...new Set(rows.map((n) => n.personKey))];
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 400) {
    const consents = await db
      .select({ personKey: noticeConsents.personKey, channel: noticeConsents.channel, address: noticeConsents.address })
      .from(noticeConsents)
      .where(and(inArray(noticeConsents.personKey, keys.slice(i, i + 400)), eq(noticeConsents.status, "granted")))
      .all();
    for (const c of consents) found.add(consentId(c));
  }
  return found;
}

/**
 * The outbox row (id `notice:<id>`, so a second attempt collides instead of sending twice) and
 * the notice marked sent, both only while the notice is pending.
 */
function sendStatements(db: Db, n: NoticeRow, deps: SendDeps): BatchItem<"sqlite">[] {
  const outboxId = `notice:${n.id}`;
  const body = JSON.stringify([noticeMessage(n.kind, n.params)]);
  const ref = `notice:${n.kind}`;
  const pending = and(eq(notices.id, n.id), eq(notices.status, "pending"));
  return [
    db.insert(outbox).select(
      db
        .select({
          id: sql`${outboxId}`.as("id"),
          channel: notices.channel,
          address: notices.address,
          lang: notices.lang,
          body: sql`${body}`.as("body"),
          choices: sql`NULL`.as("choices"),
          ref: sql`${ref}`.as("ref"),
          status: sql`'pending'`.as("status"),
          attempts: sql`0`.as("attempts"),
          nextAttemptAt: sql`${deps.now}`.as("next_attempt_at"),
          lastError: sql`NULL`.as("last_error"),
          providerId: sql`NULL`.as("provider_id"),
          delivery: sql`NULL`.as("delivery"),
          deliveryAt: sql`NULL`.as("delivery_at"),
          deliveryError: sql`NULL`.as("delivery_error"),
          createdAt: sql`${deps.now}`.as("created_at"),
          updatedAt: sql`${deps.now}`.as("updated_at"),
        })
        .from(notices)
        .where(pending) as never,
    ),
    db.update(notices).set({ status: "sent", sentAt: deps.now, sentDay: deps.today, outboxId }).where(and(eq(notices.id, n.id), eq(notices.status, "pending"))),
  ];
}
