import { and, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { inboundMessages } from "../schema";

export type NewInboundMessage = typeof inboundMessages.$inferInsert;

export function inboundMessagesRepo(db: Db) {
  return {
    async seen(channel: string, externalId: string): Promise<boolean> {
      const row = await db
        .select({ id: inboundMessages.externalId })
        .from(inboundMessages)
        .where(and(eq(inboundMessages.channel, channel), eq(inboundMessages.externalId, externalId)))
        .get();
      return row !== undefined;
    },

    /** Plain insert (no ON CONFLICT): a second delivery of the same id must fail the whole atomic write. */
    recordStatement(row: NewInboundMessage) {
      return db.insert(inboundMessages).values(row);
    },

    /** When the person last wrote on this channel (epoch ms), or null. */
    async lastSentAt(channel: string, address: string): Promise<number | null> {
      const row = await db
        .select({ at: max(inboundMessages.sentAt) })
        .from(inboundMessages)
        .where(and(eq(inboundMessages.channel, channel), eq(inboundMessages.address, address)))
        .get();
      return row?.at ?? null;
    },
  };
}

/** SQLite's (better-sqlite3, D1) unique/primary-key violation, as thrown through drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? "");
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE" || /UNIQUE constraint failed/i.test(message)) return true;
  }
  return false;
}
