import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contacts, type ContactRow } from "../schema";
import type { Lang } from "../../i18n/langs";

// prepared once per database: every inbound message resolves its contact first
const prepared = new WeakMap<Db, { byUrn: { get(p: { urn: string }): unknown } }>();

export function contactsRepo(db: Db) {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = { byUrn: db.select().from(contacts).where(eq(contacts.urn, sql.placeholder("urn"))).prepare() }));
  const byUrn = async (urn: string) => (await q!.byUrn.get({ urn })) as ContactRow | undefined;
  return {
    findByUrn: byUrn,

    /** The contact for an address, created on first contact (race-safe: the URN is unique). */
    async findOrCreate(urn: string, now: number): Promise<ContactRow> {
      const found = await byUrn(urn);
      if (found) return found;
      await db
        .insert(contacts)
        .values({ id: crypto.randomUUID(), urn, lang: null, optedOut: false, createdAt: now, updatedAt: now })
        .onConflictDoNothing();
      return (await byUrn(urn))!;
    },

    setLangStatement(id: string, lang: Lang, now: number) {
      return db.update(contacts).set({ lang, updatedAt: now }).where(eq(contacts.id, id));
    },

    async setOptedOut(id: string, optedOut: boolean, now: number): Promise<void> {
      await db.update(contacts).set({ optedOut, updatedAt: now }).where(eq(contacts.id, id));
    },
  };
}

export type ContactsRepo = ReturnType<typeof contactsRepo>;
