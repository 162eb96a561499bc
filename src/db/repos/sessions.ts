import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, type SessionRow } from "../schema";

export type NewSession = typeof sessions.$inferInsert;

export function sessionsRepo(db: Db) {
  return {
    /** The gateway's session, only if it belongs to this contact (two phones never share one). */
    async findByKey(channel: string, sessionKey: string, contactId: string): Promise<SessionRow | undefined> {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.channel, channel), eq(sessions.sessionKey, sessionKey), eq(sessions.contactId, contactId)))
        .get();
    },

    /** The contact's most recent conversation on a channel. */
    async latest(contactId: string, channel: string): Promise<SessionRow | undefined> {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.contactId, contactId), eq(sessions.channel, channel)))
        .orderBy(desc(sessions.updatedAt))
        .limit(1)
        .get();
    },

    saveStatement(row: NewSession & { id: string }) {
      const { id, createdAt, ...changes } = row;
      void createdAt;
      return db.insert(sessions).values(row).onConflictDoUpdate({ target: sessions.id, set: changes });
    },
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;
