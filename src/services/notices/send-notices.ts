import type { BatchItem } from "drizzle-orm/batch";
import { and, count, eq, isNotNull, lt, not, or, sql } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { noticeConsents, notices, outbox } from "../../db/schema";
import { inQuietHours } from "./lima-clock";

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

// the consent of a notice, granted now (notice_consents_person_idx)
const consented = sql`exists (select 1 from ${noticeConsents} c where c.person_key = ${notices.personKey} and c.channel = ${notices.channel} and c.address = ${notices.address} and c.status = 'granted')`;

// notices per send write: a few thousand rows per transaction keeps each write short
const PAGE = 2_000;

export async function sendPendingNotices(deps: SendDeps): Promise<SendReport> {
  const report: SendReport = { sent: 0, cancelled: 0, heldQuiet: 0, heldCap: 0 };
  const { db } = deps;
  const pending = eq(notices.status, "pending");
  // a payment notice whose window is over says nothing useful any more; a revoked consent cancels at once
  const stale = and(pending, or(and(isNotNull(notices.windowUntil), lt(notices.windowUntil, deps.today)), not(consented)));
  if (deps.dryRun) report.cancelled = (await db.select({ n: count() }).from(notices).where(stale).get())?.n ?? 0;
  else report.cancelled = (await db.update(notices).set({ status: "cancelled" }).where(stale).returning({ id: notices.id })).length;
  const waiting = (await db.select({ n: count() }).from(notices).where(pending).get())?.n ?? 0;
  if (inQuietHours(deps.now, deps.quietHours)) {
    report.heldQuiet = deps.dryRun ? waiting : await hold(deps, "quiet");
    return report;
  }
  const sentToday = (await db.select({ n: count() }).from(notices).where(eq(notices.sentDay, deps.today)).get())?.n ?? 0;
  const budget = Math.max(0, deps.dailyLimit - sentToday);
  const toSend = Math.min(budget, waiting);
  if (deps.dryRun) return { ...report, sent: toSend, heldCap: waiting - toSend };
  while (report.sent < toSend) {
    const n = Math.min(PAGE, toSend - report.sent);
    await atomic(db, sendStatements(db, n, deps));
    report.sent += n;
  }
  report.heldCap = waiting > toSend ? await hold(deps, "cap") : 0;
  return report;
}

/** marks what is still pending as waiting for this reason, and counts it */
async function hold(deps: SendDeps, reason: "quiet" | "cap"): Promise<number> {
  const held = await deps.db.update(notices).set({ held: reason }).where(eq(notices.status, "pending")).returning({ id: notices.id });
  return held.length;
}

/**
 * The next `n` pending notices (oldest first, the carry-over order) into the outbox, and marked
 * sent: two set-based statements over the same subquery, in one atomic write (in it, the second
 * statement still sees the same notices pending). The outbox id is `notice:<id>`, so a notice can
 * never be enqueued twice. The body is `noticeMessage(kind, params)` (notice-message.ts) built in
 * SQL: the key by kind (status_changed: by the new status; a payment without a place: `_noplace`)
 * and the stored params; the job tests compare what lands in the outbox.
 */
function sendStatements(db: Db, n: number, deps: SendDeps): BatchItem<"sqlite">[] {
  // consent judged again inside the write itself: a revocation that committed after this run's
  // cancelling step found no outbox row to cancel, and its notice was queued after the no (session
  // 9 review); left pending here, the next run cancels it
  const next = sql`${notices.id} in (select id from ${notices} where status = 'pending' and ${consented} order by created_at, rowid limit ${n})`;
  const key = sql`case when ${notices.kind} = 'status_changed' then 'notices:status.' || json_extract(${notices.params}, '$.status')
    else 'notices:' || ${notices.kind} || case when coalesce(json_extract(${notices.params}, '$.place'), '') = '' then '_noplace' else '' end end`;
  return [
    db.insert(outbox).select(
      db
        .select({
          id: sql`'notice:' || ${notices.id}`.as("id"),
          channel: notices.channel,
          address: notices.address,
          lang: notices.lang,
          body: sql`json_array(json_object('key', ${key}, 'params', json(${notices.params})))`.as("body"),
          choices: sql`NULL`.as("choices"),
          ref: sql`'notice:' || ${notices.kind}`.as("ref"),
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
        .where(next) as never,
    ),
    db
      .update(notices)
      .set({ status: "sent", sentAt: deps.now, sentDay: deps.today, outboxId: sql`'notice:' || ${notices.id}` })
      .where(and(next, eq(notices.status, "pending"))),
  ];
}
