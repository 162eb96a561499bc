import type { Db } from "../../db/client";
import { smsInbound } from "../../db/schema";

/**
 * Records an inbound message id; true the first time, false for a repeated delivery. Claimed
 * before processing (at most once): a crash between claim and reply loses that one reply
 * rather than running a command such as RECLAMO twice.
 */
export async function claimInbound(db: Db, provider: string, messageId: string, now: number): Promise<boolean> {
  const inserted = await db
    .insert(smsInbound)
    .values({ provider, messageId, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: smsInbound.messageId });
  return inserted.length > 0;
}
