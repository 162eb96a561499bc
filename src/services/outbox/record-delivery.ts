import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox } from "../../db/schema";

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

/**
 * Records a delivery status against the outbox row the provider id belongs to. Returns false
 * when no such row exists (a message sent by another system on the same number, or a status
 * that arrived before the send finished recording its id).
 */
export async function recordDeliveryStatus(db: Db, update: DeliveryUpdate, now: number): Promise<boolean> {
  const row = await db
    .select({ id: outbox.id, delivery: outbox.delivery })
    .from(outbox)
    .where(and(eq(outbox.channel, update.channel), eq(outbox.providerId, update.providerId)))
    .get();
  if (!row) return false;
  const current = row.delivery;
  if (update.status === "failed") {
    // a failure after the person already has the message (another device) changes nothing for them
    if (current === "delivered" || current === "read") return true;
    await db
      .update(outbox)
      .set({ delivery: "failed", deliveryAt: update.at, deliveryError: (update.error ?? "failed").slice(0, 500), updatedAt: now })
      .where(eq(outbox.id, row.id));
    return true;
  }
  if (current && current !== "failed" && RANK[current] >= RANK[update.status]) return true;
  await db.update(outbox).set({ delivery: update.status, deliveryAt: update.at, updatedAt: now }).where(eq(outbox.id, row.id));
  return true;
}
