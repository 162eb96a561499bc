import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { contacts, type ContactRow } from "../schema";
import type { Lang } from "../../i18n/langs";

export function contactsRepo(db: Db) {
  return {
    async findByUrn(urn: string): Promise<ContactRow | undefined> {
      return db.select().from(contacts).where(eq(contacts.urn, urn)).get();
    },

    /** The contact for an address, created on first contact (race-safe: the URN is unique). */
    async findOrCreate(urn: string, now: number): Promise<ContactRow> {
      const found = await db.select().from(contacts).where(eq(contacts.urn, urn)).get();
      if (found) return found;
      await db
        .insert(contacts)
        .values({ id: crypto.randomUUID(), urn, lang: null, optedOut: false, createdAt: now, updatedAt: now })
        .onConflictDoNothing();
      return (await db.select().from(contacts).where(eq(contacts.urn, urn)).get())!;
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
