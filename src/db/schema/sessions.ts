import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { contacts } from "./contacts";

/**
 * A conversation with the engine. USSD gateways keep their own session id (`sessionKey`);
 * SMS, WhatsApp and web have none, so their conversation is the contact's latest session
 * on that channel.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id),
    channel: text("channel").notNull(),
    sessionKey: text("session_key"),
    lang: text("lang", { enum: ["es", "qu", "ay"] }),
    node: text("node").notNull(),
    page: integer("page").notNull().default(0),
    stack: text("stack", { mode: "json" }).$type<string[]>().notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // USSD: how many `*`-separated inputs of the gateway's `text` were already applied
    consumed: integer("consumed").notNull().default(0),
    ended: integer("ended", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // USSD: find the session the gateway names (with the contact, so two phones never share one)
    index("sessions_channel_key_idx").on(t.channel, t.sessionKey, t.contactId),
    // resume: the contact's most recent conversation on a channel; retention purges by age
    index("sessions_contact_updated_idx").on(t.contactId, t.channel, t.updatedAt),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
