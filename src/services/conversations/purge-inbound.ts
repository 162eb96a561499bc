import { lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveryReports, inboundMessages, smsContinuations, smsInbound } from "../../db/schema";

/**
 * Message ids are kept long enough to refuse any redelivery (Meta retries a webhook for days,
 * not weeks) and to know the 24-hour window; after that they are only phone numbers we do not
 * need. 30 days.
 */
export const INBOUND_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Deletes the processed-message records (WhatsApp and SMS gateways) and delivery reports older
 * than the retention period, and SMS continuations (MAS) that have expired: held-back text of an
 * answer nobody asked for within the session time is not kept.
 */
export async function purgeInboundMessages(db: Db, now: number, retentionMs = INBOUND_RETENTION_MS): Promise<void> {
  await db.delete(inboundMessages).where(lt(inboundMessages.receivedAt, now - retentionMs));
  await db.delete(deliveryReports).where(lt(deliveryReports.receivedAt, now - retentionMs));
  await db.delete(smsInbound).where(lt(smsInbound.receivedAt, now - retentionMs));
  await db.delete(smsContinuations).where(lt(smsContinuations.expiresAt, now));
}
