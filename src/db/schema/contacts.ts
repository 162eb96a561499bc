import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/**
 * A person as the service knows them across channels: one row per address (URN),
 * e.g. `tel:+51987654321` for USSD/SMS/WhatsApp or `web:<id>` for the widget.
 * The chosen language lives here so it is remembered for that number.
 * A WhatsApp user may hide their number behind a business-scoped user id (BSUID, `US.1349…`):
 * such a person is `bsuid:<id>`, and a contact known by phone whose messages also carried
 * their user id keeps it in `wa_user_id`, so a later message with the user id alone finds them.
 */
export const contacts = sqliteTable("contacts", {
  id: text("id").primaryKey(),
  // unique index: every inbound request resolves its contact by URN
  urn: text("urn").notNull().unique(),
  lang: text("lang", { enum: ["es", "qu", "ay"] }),
  // unique index: a message that carries only the WhatsApp user id resolves its contact by it
  waUserId: text("wa_user_id").unique(),
  // the department (2-digit INEI code) of the last district the person gave (a self-check, a
  // complaint): only what the anonymous usage counts need, never the district itself
  department: text("department"),
  optedOut: integer("opted_out", { mode: "boolean" }).notNull().default(false),
  // the SMS gateway the number last wrote to us by: its replies and notices go back the same way
  // (Africa's Talking or Twilio, when both are configured); null: never texted
  smsGateway: text("sms_gateway", { enum: ["twilio", "africastalking", "gateway"] }),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type ContactRow = typeof contacts.$inferSelect;
