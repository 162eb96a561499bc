import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveryReports, outbox } from "../../db/schema";

export type DeliveryStatus = "queued" | "sent" | "delivered" | "read" | "undelivered" | "failed";

/** A provider's report about a message we sent (WhatsApp `statuses` webhook, SMS delivery receipts). */
export interface DeliveryUpdate {
  channel: string;
  providerId: string;
  status: DeliveryStatus;
  /** when the provider says it happened, epoch ms */
  at: number;
  /** undelivered/failed: provider's code and title, e.g. "131047 Re-engagement message", "30003 Unreachable destination handset" */
  error?: string;
}

/**
 * Reports arrive out of order (read before delivered, several devices, a carrier's late receipt),
 * so a row never moves backwards along queued → sent → delivered → read. The two failures
 * (`undelivered`: the carrier could not deliver; `failed`: never sent) are ranked apart:
 * - a failure after `delivered`/`read` changes nothing: the person has the message (another device);
 * - `delivered`/`read` after a failure wins: the carrier or Meta retried and got it there;
 * - `queued`/`sent` after a failure change nothing: they are older news arriving late.
 */
const PROGRESS: Record<DeliveryStatus, number> = { queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 0, failed: 0 };
export const isDeliveryFailure = (status: DeliveryStatus | null): boolean => status === "failed" || status === "undelivered";
const reached = (status: DeliveryStatus | null) => status === "delivered" || status === "read";

type Current = { id: string; delivery: DeliveryStatus | null };

/** The state after `update` arrives on a row in `current`, or null when it changes nothing. */
export function nextDelivery(current: DeliveryStatus | null, update: DeliveryStatus): DeliveryStatus | null {
  if (isDeliveryFailure(update)) return reached(current) || current === update ? null : update;
  if (isDeliveryFailure(current)) return reached(update) ? update : null;
  return current && PROGRESS[current] >= PROGRESS[update] ? null : update;
}

/** Applies one report to an outbox row, never moving it backwards. */
async function apply(db: Db, row: Current, update: Pick<DeliveryUpdate, "status" | "at" | "error">, now: number): Promise<DeliveryStatus | null> {
  const next = nextDelivery(row.delivery, update.status);
  if (!next) return row.delivery;
  const error = isDeliveryFailure(next) ? (update.error ?? next).slice(0, 500) : null;
  await db.update(outbox).set({ delivery: next, deliveryAt: update.at, deliveryError: error, updatedAt: now }).where(eq(outbox.id, row.id));
  return next;
}

/**
 * Stores the report and records it on the outbox row the provider id belongs to. Returns false
 * when no such row exists yet (a message sent by another system on the same number, or a report
 * that outran our send: `applyStoredReports` picks it up when the id is stored).
 */
export async function recordDeliveryStatus(db: Db, update: DeliveryUpdate, now: number, options: { keepUnknown?: "always" | "while-sending" } = {}): Promise<boolean> {
  const row = await db
    .select({ id: outbox.id, delivery: outbox.delivery })
    .from(outbox)
    .where(and(eq(outbox.channel, update.channel), eq(outbox.providerId, update.providerId)))
    .get();
  // an unknown id is kept only while it may be ours: always (WhatsApp, whose "sent" often outruns
  // the Graph response), or while a send on that channel is in flight (SMS: a receipt for a
  // message nobody here is sending is acknowledged and not stored)
  const keep = row !== undefined || (options.keepUnknown ?? "always") === "always" || (await sendingOn(db, update.channel));
  if (keep) await db.insert(deliveryReports).values({ channel: update.channel, providerId: update.providerId, status: update.status, at: update.at, error: update.error ?? null, receivedAt: now });
  if (!row) return false;
  await apply(db, row, update, now);
  return true;
}

async function sendingOn(db: Db, channel: string): Promise<boolean> {
  const row = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.status, "sending"), eq(outbox.channel, channel))).limit(1).get();
  return row !== undefined;
}

/** After a send stored the provider id: apply the reports that arrived before it, in order. */
export async function applyStoredReports(db: Db, outboxId: string, channel: string, providerId: string, now: number): Promise<void> {
  const reports = await db
    .select()
    .from(deliveryReports)
    .where(and(eq(deliveryReports.channel, channel), eq(deliveryReports.providerId, providerId)))
    .orderBy(asc(deliveryReports.at), asc(deliveryReports.id))
    .all();
  let row: Current = { id: outboxId, delivery: null };
  for (const report of reports) row = { id: outboxId, delivery: await apply(db, row, { status: report.status, at: report.at, error: report.error ?? undefined }, now) };
}
