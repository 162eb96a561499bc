import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * Messages to people, written in the same atomic write as the change that causes them
 * and sent later by the dispatcher, so nothing is lost if a provider fails or the process dies.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    channel: text("channel").notNull(), // "sms" | "whatsapp" | ...
    address: text("address").notNull(), // E.164 phone or channel-specific address
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(),
    // a neutral message: locale key + params, rendered by the channel's sender at send time
    body: text("body", { mode: "json" }).$type<{ key: string; params?: Record<string, string | number> }[]>().notNull(),
    // what caused it, e.g. "complaint:MO-2026-000123"
    ref: text("ref"),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    providerId: text("provider_id"), // the provider's message id, for delivery statuses
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // the dispatcher: due pending messages, oldest first
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    // a complaint's page lists its messages
    index("outbox_ref_idx").on(t.ref),
    // delivery statuses arrive with the provider's id
    index("outbox_provider_idx").on(t.providerId),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
