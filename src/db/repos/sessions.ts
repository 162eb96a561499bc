import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contacts, sessions, type ContactRow, type SessionRow } from "../schema";

export type NewSession = typeof sessions.$inferInsert;

/**
 * Statements prepared once per database: the USSD hot path runs them on every keypress, and
 * building and preparing SQL each time cost more than running it (bench/ussd-step.ts).
 */
function prepare(db: Db) {
  return {
    byKey: db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.channel, sql.placeholder("channel")),
          eq(sessions.sessionKey, sql.placeholder("sessionKey")),
          eq(sessions.contactId, sql.placeholder("contactId")),
        ),
      )
      .prepare(),
    // a keypress of a known caller: the contact and the gateway's session in one read
    contactAndSession: db
      .select({ contact: contacts, session: sessions })
      .from(contacts)
      .leftJoin(
        sessions,
        and(
          eq(sessions.contactId, contacts.id),
          eq(sessions.channel, sql.placeholder("channel")),
          eq(sessions.sessionKey, sql.placeholder("sessionKey")),
        ),
      )
      .where(eq(contacts.urn, sql.placeholder("urn")))
      .prepare(),
    latest: db
      .select()
      .from(sessions)
      .where(and(eq(sessions.contactId, sql.placeholder("contactId")), eq(sessions.channel, sql.placeholder("channel"))))
      .orderBy(desc(sessions.updatedAt))
      .limit(1)
      .prepare(),
    insert: db
      .insert(sessions)
      .values(Object.fromEntries(SESSION_COLUMNS.map((c) => [c, sql.placeholder(c)])) as never)
      .prepare(),
    // a plain UPDATE by primary key: cheaper than an upsert, and the caller knows the row exists
    update: db
      .update(sessions)
      .set(Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, sql.placeholder(c)])) as never)
      .where(eq(sessions.id, sql.placeholder("id")))
      .prepare(),
  };
}

const SESSION_COLUMNS = [
  "id",
  "contactId",
  "channel",
  "sessionKey",
  "lang",
  "node",
  "page",
  "stack",
  "data",
  "consumed",
  "ended",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof NewSession)[];
// what a step can change: never the owner, channel, gateway key or creation time
const UPDATED_COLUMNS = ["lang", "node", "page", "stack", "data", "consumed", "ended", "updatedAt"] as const;

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

export function sessionsRepo(db: Db) {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = prepare(db)));
  const q = statements;
  return {
    /** The gateway's session, only if it belongs to this contact (two phones never share one). */
    async findByKey(channel: string, sessionKey: string, contactId: string): Promise<SessionRow | undefined> {
      return (await q.byKey.get({ channel, sessionKey, contactId })) as SessionRow | undefined;
    },

    /**
     * The contact of `urn` and its session under the gateway's `sessionKey` on `channel`, in one
     * statement (what `contacts.findByUrn` then `findByKey` read); undefined when the contact is new.
     */
    async contactAndSession(urn: string, channel: string, sessionKey: string): Promise<{ contact: ContactRow; session: SessionRow | null } | undefined> {
      return (await q.contactAndSession.get({ urn, channel, sessionKey })) as { contact: ContactRow; session: SessionRow | null } | undefined;
    },

    /** The contact's most recent conversation on a channel. */
    async latest(contactId: string, channel: string): Promise<SessionRow | undefined> {
      return (await q.latest.get({ contactId, channel })) as SessionRow | undefined;
    },

    /** Stores a new session, or the changes of an existing one, with statements prepared once. */
    async save(row: Required<NewSession>, exists: boolean): Promise<void> {
      await (exists ? q.update : q.insert).run(row as never);
    },

    /** `save` run synchronously (better-sqlite3 only): inside a group commit (src/db/group-commit.ts) */
    saveNow(row: Required<NewSession>, exists: boolean): void {
      (exists ? q.update : q.insert).run(row as never);
    },

    /** The same write as a statement for `atomic(...)`, when it goes together with others. */
    saveStatement(row: NewSession & { id: string }) {
      const { id, createdAt, ...changes } = row;
      void id;
      void createdAt;
      return db.insert(sessions).values(row).onConflictDoUpdate({ target: sessions.id, set: changes });
    },
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;
