import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveryReports, outbox } from "../../db/schema";

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed";

/** A provider's report about a message we sent (WhatsApp `statuses` webhook). */
export interface DeliveryUpdate {
  channel: string;
  providerId: string;
  status: DeliveryStatus;
  /** when the provider says it happened, epoch ms */
  at: number;
  /** failed: provider's code and title, e.g. "131047 Re-engagement message" */
  error?: string;
}

// statuses arrive out of order (read before delivered, several devices): never move backwards
const RANK: Record<DeliveryStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 0 };

type Current = { id: string; delivery: DeliveryStatus | null };

/** Applies one report to an outbox row, never moving it backwards. */
async function apply(db: Db, row: Current, update: Pick<DeliveryUpdate, "status" | "at" | "error">, now: number): Promise<DeliveryStatus | null> {
  const current = row.delivery;
  if (update.status === "failed") {
    // a failure after the person already has the message (another device) changes nothing for them
    if (current === "delivered" || current === "read") return current;
    await db
      .update(outbox)
      .set({ delivery: "failed", deliveryAt: update.at, deliveryError: (update.error ?? "failed").slice(0, 500), updatedAt: now })
      .where(eq(outbox.id, row.id));
    return "failed";
  }
  if (current && current !== "failed" && RANK[current] >= RANK[update.status]) return current;
  await db.update(outbox).set({ delivery: update.status, deliveryAt: update.at, updatedAt: now }).where(eq(outbox.id, row.id));
  return update.status;
}

/**
 * Stores the report and records it on the outbox row the provider id belongs to. Returns false
 * when no such row exists yet (a message sent by another system on the same number, or a report
 * that outran our send: `applyStoredReports` picks it up when the id is stored).
 */
export async function recordDeliveryStatus(db: Db, update: DeliveryUpdate, now: number): Promise<boolean> {
  await db.insert(deliveryReports).values({ channel: update.channel, providerId: update.providerId, status: update.status, at: update.at, error: update.error ?? null, receivedAt: now });
  const row = await db
    .select({ id: outbox.id, delivery: outbox.delivery })
    .from(outbox)
    .where(and(eq(outbox.channel, update.channel), eq(outbox.providerId, update.providerId)))
    .get();
  if (!row) return false;
  await apply(db, row, update, now);
  return true;
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
