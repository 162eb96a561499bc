import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * Every delivery report a provider sent us (WhatsApp `statuses`, SMS receipts), as received. Kept apart from
 * the outbox row because Meta can report "sent" or "failed" before our send has even stored the
 * provider's id: such a report waits here and is applied when the id is stored.
 */
export const deliveryReports = sqliteTable(
  "delivery_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel").notNull(),
    providerId: text("provider_id").notNull(),
    status: text("status", { enum: ["queued", "sent", "delivered", "read", "undelivered", "failed"] }).notNull(),
    at: integer("at").notNull(), // when the provider says it happened
    error: text("error"),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    // the dispatcher, right after a send: reports that arrived before the provider id was stored
    index("delivery_reports_provider_idx").on(t.channel, t.providerId),
    // retention purge
    index("delivery_reports_received_idx").on(t.receivedAt),
  ],
);
