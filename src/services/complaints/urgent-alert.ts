import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { complaints, outbox } from "../../db/schema";

/** At most one urgent-case SMS to the supervisor per this many ms (issue 14 item 6). */
export const URGENT_ALERT_INTERVAL_MS = 10 * 60_000;
/** The outbox ref every supervisor alert carries (the outbox_ref_idx index finds them). */
export const URGENT_ALERT_REF = "urgent-alert";
export const URGENT_ALERT_KEY = "complaints:notify.urgent_alerts";

/**
 * The supervisor's urgent-case alert, coalesced in the outbox: one filing's two statements, run
 * inside the filing's own atomic write (after the complaint's insert, so `code` can read it).
 *
 * 1. If an alert is still pending (not yet claimed by the dispatcher), this case is added to it:
 *    its count grows by one and it names this, the latest, case.
 * 2. Otherwise a new pending alert is inserted, due at the later of now and the last alert's time
 *    + URGENT_ALERT_INTERVAL_MS: the first urgent case after a quiet spell is alerted at once,
 *    and a burst becomes one SMS per 10 minutes saying how many arrived.
 *
 * Nothing is lost: a case arriving while an alert is being sent finds no pending one and starts
 * the next. Concurrent filings are serialised by the write (one SQLite/D1 writer), so two cannot
 * both create an alert, and the dispatcher claims the row as it is at claim time.
 */
export function urgentAlertStatements(db: Db, a: { phone: string; now: number; complaintId: string; code: SQL; deadline: string }) {
  const pending = sql`${outbox.ref} = ${URGENT_ALERT_REF} AND ${outbox.status} = 'pending'`;
  const add = db
    .update(outbox)
    .set({
      body: sql`json_set(${outbox.body}, '$[0].params.count', coalesce(json_extract(${outbox.body}, '$[0].params.count'), 1) + 1, '$[0].params.code', ${a.code}, '$[0].params.deadline', ${a.deadline})`,
      updatedAt: a.now,
    })
    .where(pending);
  const last = sql`(SELECT max(${outbox.nextAttemptAt}) FROM ${outbox} WHERE ${outbox.ref} = ${URGENT_ALERT_REF})`;
  // INSERT … SELECT from the complaint's own row (exactly one), kept only when no alert is pending
  const start = db.insert(outbox).select(
    db
      .select({
        id: sql`${crypto.randomUUID()}`.as("id"),
        channel: sql`'sms'`.as("channel"),
        address: sql`${a.phone}`.as("address"),
        lang: sql`'es'`.as("lang"),
        body: sql`json_array(json_object('key', ${URGENT_ALERT_KEY}, 'params', json_object('count', 1, 'code', ${complaints.code}, 'deadline', ${a.deadline})))`.as("body"),
        choices: sql`NULL`.as("choices"),
        ref: sql`${URGENT_ALERT_REF}`.as("ref"),
        status: sql`'pending'`.as("status"),
        attempts: sql`0`.as("attempts"),
        nextAttemptAt: sql`max(${a.now}, coalesce(${last} + ${URGENT_ALERT_INTERVAL_MS}, 0))`.as("next_attempt_at"),
        lastError: sql`NULL`.as("last_error"),
        providerId: sql`NULL`.as("provider_id"),
        delivery: sql`NULL`.as("delivery"),
        deliveryAt: sql`NULL`.as("delivery_at"),
        deliveryError: sql`NULL`.as("delivery_error"),
        createdAt: sql`${a.now}`.as("created_at"),
        updatedAt: sql`${a.now}`.as("updated_at"),
      })
      .from(complaints)
      .where(and(eq(complaints.id, a.complaintId), sql`NOT EXISTS (SELECT 1 FROM ${outbox} WHERE ${pending})`)) as never,
  );
  return [add, start];
}
