import { and, eq, isNull, sql } from "drizzle-orm";
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

    /**
     * The contact of a WhatsApp sender who also carries a business-scoped user id: one person,
     * one contact, whichever of the two identifiers a message brings.
     * - known by `urn` (their phone): the user id is remembered on that contact;
     * - known only by the user id (`bsuid:` contact from a message without a number) and now
     *   `urn` is their phone: that contact takes the phone as its address;
     * - known by neither: created with both.
     */
    async findOrCreateLinked(urn: string, userId: string, now: number): Promise<ContactRow> {
      const found = await byUrn(urn);
      if (found) {
        if (!found.waUserId) {
          // another contact may hold it already (a number changed): then the phone's contact
          // stays as it is and the old one keeps its id
          const holder = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.waUserId, userId)).get();
          if (!holder) {
            await db.update(contacts).set({ waUserId: userId, updatedAt: now }).where(and(eq(contacts.id, found.id), isNull(contacts.waUserId)));
            return { ...found, waUserId: userId };
          }
        }
        return found;
      }
      const byUser = await db.select().from(contacts).where(eq(contacts.waUserId, userId)).get();
      if (byUser) {
        // a contact known only by the user id learns the phone; a phone contact is kept as is
        if (byUser.urn.startsWith("bsuid:") && urn.startsWith("tel:")) {
          await db.update(contacts).set({ urn, updatedAt: now }).where(eq(contacts.id, byUser.id));
          return { ...byUser, urn };
        }
        return byUser;
      }
      await db
        .insert(contacts)
        .values({ id: crypto.randomUUID(), urn, waUserId: userId, lang: null, optedOut: false, createdAt: now, updatedAt: now })
        .onConflictDoNothing();
      return (await byUrn(urn)) ?? (await db.select().from(contacts).where(eq(contacts.waUserId, userId)).get())!;
    },

    setLangStatement(id: string, lang: Lang, now: number) {
      return db.update(contacts).set({ lang, updatedAt: now }).where(eq(contacts.id, id));
    },

    /** the department of the last district the person gave, for the anonymous usage counts */
    setDepartmentStatement(id: string, department: string, now: number) {
      return db.update(contacts).set({ department, updatedAt: now }).where(eq(contacts.id, id));
    },

    async setOptedOut(id: string, optedOut: boolean, now: number): Promise<void> {
      await db.update(contacts).set({ optedOut, updatedAt: now }).where(eq(contacts.id, id));
    },
  };
}

export type ContactsRepo = ReturnType<typeof contactsRepo>;
