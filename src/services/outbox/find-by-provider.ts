import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox } from "../../db/schema";

/** When the outbox row the provider knows by this id was written (epoch ms), or null. */
export async function outboxSentAt(db: Db, channel: string, providerId: string): Promise<number | null> {
  const row = await db
    .select({ createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.channel, channel), eq(outbox.providerId, providerId)))
    .get();
  return row?.createdAt ?? null;
}
