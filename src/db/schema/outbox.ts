import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

export interface OutboundChoices {
  options: { id: string; label: { key: string; params?: Record<string, string | number> } }[];
  nav: { more: boolean; back: boolean; home: boolean };
}

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
    // a conversation reply's choices (ids the engine expects + label keys) and navigation, so a
    // channel can show buttons or a list; null for a notice (complaint answered, …)
    choices: text("choices", { mode: "json" }).$type<OutboundChoices>(),
    // what caused it, e.g. "complaint:MO-2026-000123"
    ref: text("ref"),
    // our side: pending → sending → sent | failed; not_sent: no provider is configured for the
    // channel, so nothing was handed to anyone (last_error says so)
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "not_sent"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    providerId: text("provider_id"), // the provider's message id, for delivery statuses
    // what the provider later reported (WhatsApp statuses, SMS delivery receipts):
    // queued → sent → delivered → read, or undelivered / failed (record-delivery.ts ranks them)
    delivery: text("delivery", { enum: ["queued", "sent", "delivered", "read", "undelivered", "failed"] }),
    deliveryAt: integer("delivery_at"),
    deliveryError: text("delivery_error"), // e.g. "131047 Re-engagement message", "30003 Unreachable destination handset"
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
