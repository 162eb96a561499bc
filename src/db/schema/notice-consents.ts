import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";

export const CONSENT_CHANNELS = ["sms", "whatsapp"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/**
 * A person's yes to payment notices, with its proof (issue 21, Ley 29733: prior, express,
 * informed, revocable at once). One row per person × channel × address: the person is the keyed
 * hash of the DNI (`dni:<hmac>`, the audit log's subject), never the DNI; the address is where
 * the notices go (an E.164 phone for SMS and WhatsApp). A revocation keeps the row (the proof of
 * what was agreed and when it ended); a new yes after a revocation writes the grant again. Every
 * change also writes an audit row in the same write.
 */
export const noticeConsents = sqliteTable(
  "notice_consents",
  {
    id: text("id").primaryKey(),
    personKey: text("person_key").notNull(), // "dni:<hmac>"
    channel: text("channel", { enum: CONSENT_CHANNELS }).notNull(),
    address: text("address").notNull(), // E.164 phone (SMS, WhatsApp)
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(), // the language the offer was read in; notices go in it
    status: text("status", { enum: ["granted", "revoked"] }).notNull(),
    grantedAt: integer("granted_at").notNull(),
    grantedVia: text("granted_via").notNull(), // "ussd" | "sms" | "whatsapp" | "helpdesk"
    grantedBy: text("granted_by").notNull(), // "citizen:<channel>" | "staff:<id>"
    // the exact offer shown: its locale key and a hash of its text in `lang` (consent-text.ts)
    textKey: text("text_key").notNull(),
    textVersion: text("text_version").notNull(),
    revokedAt: integer("revoked_at"),
    revokedVia: text("revoked_via"), // "keyword" | "menu" | "helpdesk"
    revokedBy: text("revoked_by"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // one consent per person, channel and address: a grant upserts on it; "does this person
    // consent" (the lookup menu, the help desk) reads one person's rows by its prefix
    uniqueIndex("notice_consents_person_idx").on(t.personKey, t.channel, t.address),
    // BAJA/STOP from a number revokes every consent on that address
    index("notice_consents_address_idx").on(t.address),
  ],
);

export type NoticeConsentRow = typeof noticeConsents.$inferSelect;
