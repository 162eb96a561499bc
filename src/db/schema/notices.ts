import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";

export const NOTICE_KINDS = ["payment_available", "payment_reminder", "status_changed", "payment_corrected"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * The payment notices the job decided to send (issue 21 item 2): one row per person × program ×
 * period × kind × address, so re-runs and overlapping crons find the row already there and send
 * nothing twice (a person with consent on two numbers gets one notice on each). A row waits as
 * `pending` while quiet hours or the daily cap hold it (`held` says which), becomes `sent` when
 * its outbox row is written (in the same write), or `cancelled` when the consent was revoked
 * before it went. Delivery comes from the outbox row (`outbox_id`).
 */
export const notices = sqliteTable(
  "notices",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    personKey: text("person_key").notNull(), // "dni:<hmac>", as notice_consents
    program: text("program").notNull(),
    period: text("period").notNull(), // the payment's YYYY-MM; for status_changed the enrolment's `since`
    channel: text("channel").notNull(),
    address: text("address").notNull(),
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(),
    // the message's params (program, amount, place, dates, reason): never a name or a DNI
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    // the window announced, so a later import that moves it can send one correction
    windowFrom: text("window_from"),
    windowUntil: text("window_until"),
    status: text("status", { enum: ["pending", "sent", "cancelled"] }).notNull(),
    held: text("held", { enum: ["quiet", "cap"] }), // why a pending notice waited at the last run
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    sentDay: text("sent_day"), // Lima date of sending: the daily cap counts by it
    outboxId: text("outbox_id"),
  },
  (t) => [
    // the idempotency key: person × program × period × kind (× address: one per number)
    uniqueIndex("notices_key_idx").on(t.personKey, t.program, t.period, t.kind, t.address),
    // the sender: pending notices in the order they were found (carry-over keeps that order)
    index("notices_pending_idx").on(t.status, t.createdAt),
    // the daily cap: how many went out on a Lima day
    index("notices_sent_day_idx").on(t.sentDay),
    // the staff page: counts per day
    index("notices_created_idx").on(t.createdAt),
  ],
);

export type NoticeRow = typeof notices.$inferSelect;
