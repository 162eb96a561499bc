import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";

export const BROADCAST_STATUSES = ["pending_approval", "approved", "sending", "sent", "cancelled"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Who a broadcast goes to (services/notices/consent-audience.ts's AudienceFilter, as stored). */
export interface BroadcastAudience {
  programs: string[];
  /** INEI ubigeo prefix: 2 digits a department, 4 a province, 6 a district; "" the whole country */
  ubigeoPrefix: string;
  langs: ("es" | "qu" | "ay")[];
}

/**
 * A message from the office to the consenting people of a program, place and language (issue 21
 * item 3): written by one member of staff, approved by ANOTHER, sent at `scheduled_at` (or at
 * once) at BROADCAST_RATE_PER_MINUTE, cancellable until the last message is queued. The texts are
 * per language; each person gets the one in the language they consented in.
 */
export const broadcasts = sqliteTable(
  "broadcasts",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(), // for the office's list only; never sent
    audience: text("audience", { mode: "json" }).$type<BroadcastAudience>().notNull(),
    texts: text("texts", { mode: "json" }).$type<Partial<Record<"es" | "qu" | "ay", string>>>().notNull(),
    status: text("status", { enum: BROADCAST_STATUSES }).notNull(),
    scheduledAt: integer("scheduled_at"), // null: as soon as approved
    createdBy: text("created_by").notNull(), // staff id
    createdAt: integer("created_at").notNull(),
    approvedBy: text("approved_by"),
    approvedAt: integer("approved_at"),
    cancelledBy: text("cancelled_by"),
    cancelledAt: integer("cancelled_at"),
    startedAt: integer("started_at"), // the audience was fixed (recipients written)
    finishedAt: integer("finished_at"), // the last message was queued
    recipients: integer("recipients"), // how many at start
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // the job: approved or sending broadcasts that are due; the list: newest first per status
    index("broadcasts_status_scheduled_idx").on(t.status, t.scheduledAt),
    index("broadcasts_created_idx").on(t.createdAt),
  ],
);

export type BroadcastRow = typeof broadcasts.$inferSelect;

/**
 * One address a broadcast goes to, fixed when sending starts (a consent given later does not
 * join; one revoked before its turn is skipped). `outbox_id` is set when its message is queued:
 * the throttle counts those per minute, and delivery receipts come from that outbox row.
 */
export const broadcastRecipients = sqliteTable(
  "broadcast_recipients",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    broadcastId: text("broadcast_id")
      .notNull()
      .references(() => broadcasts.id),
    personKey: text("person_key").notNull(), // "dni:<hmac>" (consent re-checked before queuing)
    channel: text("channel").notNull(),
    address: text("address").notNull(),
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(),
    status: text("status", { enum: ["pending", "queued", "skipped"] }).notNull(),
    outboxId: text("outbox_id"),
    queuedAt: integer("queued_at"),
  },
  (t) => [
    // one message per address per broadcast (two people sharing a phone hear it once)
    uniqueIndex("broadcast_recipients_address_idx").on(t.broadcastId, t.channel, t.address),
    // the sender: a broadcast's pending recipients in order; the counts per status
    index("broadcast_recipients_status_idx").on(t.broadcastId, t.status, t.id),
    // the throttle: messages queued in the last minute, across broadcasts
    index("broadcast_recipients_queued_idx").on(t.queuedAt),
  ],
);

export type BroadcastRecipientRow = typeof broadcastRecipients.$inferSelect;
