import { sqliteTable, text, integer, index, primaryKey } from "drizzle-orm/sqlite-core";

/**
 * Messages received from people on message channels (WhatsApp), one row per provider message
 * id. Providers deliver webhooks at least once, sometimes minutes apart: the primary key makes
 * a second delivery of the same id fail inside the same atomic write as the turn it caused, so
 * it is processed once. The rows also tell when the person last wrote (WhatsApp's 24-hour window).
 */
export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    channel: text("channel").notNull(),
    // the provider's message id, e.g. WhatsApp's `wamid.…`
    externalId: text("external_id").notNull(),
    // E.164 phone, the same form the outbox uses as its address
    address: text("address").notNull(),
    // when the person sent it (the provider's timestamp), epoch ms
    sentAt: integer("sent_at").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    // duplicate check on every inbound message
    primaryKey({ columns: [t.channel, t.externalId] }),
    // the dispatcher: when did this person last write on this channel (24-hour window)
    index("inbound_messages_address_idx").on(t.channel, t.address, t.sentAt),
  ],
);

export type InboundMessageRow = typeof inboundMessages.$inferSelect;
