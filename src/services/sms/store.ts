import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { contactsRepo } from "../../db/repos/contacts";
import { contacts } from "../../db/schema";
import type { Lang } from "../../i18n/langs";
import { isStorageFailure } from "../../db/storage-errors";
import { claimInbound } from "./claim-inbound";
import { saveContinuation, takeContinuation, type Continuation } from "./continuations";
import { setOptOut } from "./set-opt-out";

/** the SMS provider a number wrote by (its replies and notices go back the same way) */
export type SmsGateway = "twilio" | "africastalking" | "gateway";

export interface SmsContact {
  id: string;
  lang: Lang | null;
  optedOut: boolean;
  /** the SMS gateway the number last wrote by (null: never texted) */
  gateway: SmsGateway | null;
}

/**
 * What the SMS channel needs to remember beyond the conversation itself. The channel sees
 * this port only, never the database.
 */
export interface SmsStore {
  /** true the first time this gateway message id is seen */
  claimInbound(provider: string, messageId: string): Promise<boolean>;
  contact(urn: string): Promise<SmsContact>;
  /** the contact as stored, without creating one (a read: what is known when writes fail) */
  knownContact(urn: string): Promise<Omit<SmsContact, "id" | "gateway"> | null>;
  /** is this error the database being unwritable or unreadable (full disk, read-only, a lock that stays)? */
  isStorageFailure(error: unknown): boolean;
  /** the person's language, remembered for their number */
  setLang(contactId: string, lang: Lang): Promise<void>;
  setOptOut(contact: SmsContact, urn: string, optedOut: boolean): Promise<void>;
  /** remembers the SMS gateway the number wrote by: its replies and notices go back the same way */
  setGateway(contactId: string, gateway: SmsGateway): Promise<void>;
  /** the SMS gateway the number last wrote by (null: unknown number, or never texted) */
  gatewayOf(urn: string): Promise<SmsGateway | null>;
  /** is this address opted out? (unknown addresses are not) */
  isOptedOut(urn: string): Promise<boolean>;
  saveContinuation(urn: string, value: Continuation | null): Promise<void>;
  takeContinuation(urn: string): Promise<Continuation | null>;
}

export type { Continuation };

export function createSmsStore(deps: { db: Db; now: () => number; continuationTtlMs: number }): SmsStore {
  const { db, now } = deps;
  const repo = contactsRepo(db);
  return {
    claimInbound: (provider, messageId) => claimInbound(db, provider, messageId, now()),
    async contact(urn) {
      const row = await repo.findOrCreate(urn, now());
      return { id: row.id, lang: row.lang ?? null, optedOut: row.optedOut, gateway: row.smsGateway ?? null };
    },
    isStorageFailure,
    async knownContact(urn) {
      const row = await db.select({ lang: contacts.lang, optedOut: contacts.optedOut }).from(contacts).where(eq(contacts.urn, urn)).get();
      return row ? { lang: (row.lang as Lang | null) ?? null, optedOut: row.optedOut } : null;
    },
    async setLang(contactId, lang) {
      await repo.setLangStatement(contactId, lang, now());
    },
    setOptOut: (contact, urn, optedOut) => setOptOut(db, { contactId: contact.id, urn, optedOut, channel: "sms" }, now()),
    async setGateway(contactId, gateway) {
      await db.update(contacts).set({ smsGateway: gateway }).where(eq(contacts.id, contactId));
    },
    async gatewayOf(urn) {
      const row = await db.select({ gateway: contacts.smsGateway }).from(contacts).where(eq(contacts.urn, urn)).get();
      return row?.gateway ?? null;
    },
    async isOptedOut(urn) {
      const row = await db.select({ optedOut: contacts.optedOut }).from(contacts).where(eq(contacts.urn, urn)).get();
      return row?.optedOut ?? false;
    },
    saveContinuation: (urn, value) => saveContinuation(db, urn, value, now(), deps.continuationTtlMs),
    takeContinuation: (urn) => takeContinuation(db, urn, now()),
  };
}
