import { lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveryReports, inboundMessages } from "../../db/schema";

/**
 * Message ids are kept long enough to refuse any redelivery (Meta retries a webhook for days,
 * not weeks) and to know the 24-hour window; after that they are only phone numbers we do not
 * need. 30 days.
 */
export const INBOUND_RETENTION_MS = 30 * 24 * 3_600_000;

/** Deletes the processed-message records and delivery reports older than the retention period. */
export async function purgeInboundMessages(db: Db, now: number, retentionMs = INBOUND_RETENTION_MS): Promise<void> {
  await db.delete(inboundMessages).where(lt(inboundMessages.receivedAt, now - retentionMs));
  await db.delete(deliveryReports).where(lt(deliveryReports.receivedAt, now - retentionMs));
}
