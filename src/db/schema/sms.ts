import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";

/**
 * Inbound SMS already handled, by the gateway's own message id: gateways deliver at least once,
 * and a retried delivery must not run a command twice. Holds no phone number and no text.
 */
export const smsInbound = sqliteTable(
  "sms_inbound",
  {
    provider: text("provider").notNull(), // "twilio" | "gateway"
    messageId: text("message_id").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    // the duplicate check: insert-or-ignore on (provider, message id)
    primaryKey({ columns: [t.provider, t.messageId] }),
    // pruning old rows by age
    index("sms_inbound_received_idx").on(t.receivedAt),
  ],
);

/**
 * The rest of an SMS answer held back by the segment cap, sent when the person texts MAS.
 * One row per address; replaced by each new answer, dropped when taken or expired.
 */
export const smsContinuations = sqliteTable("sms_continuations", {
  // primary key: MAS looks up the person's pending text by URN
  urn: text("urn").primaryKey(),
  lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(),
  text: text("text").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

export type SmsContinuationRow = typeof smsContinuations.$inferSelect;
