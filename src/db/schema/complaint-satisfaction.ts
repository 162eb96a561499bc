import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { complaints } from "./complaints";

export const SATISFACTION_RATINGS = ["bien", "regular", "mal"] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

/**
 * The one satisfaction question a case's reporter gets once it is answered or closed (issue 21
 * item 4), and their reply. The complaint's id is the key: one question per case, whatever
 * answers, closings, retries and bulk changes follow. The question goes through the outbox
 * (`outbox_id`) to the case's answer address; a reply from that address on that channel within
 * the reply window is matched to the newest unanswered question (services/complaints/satisfaction-reply.ts).
 */
export const complaintSatisfaction = sqliteTable(
  "complaint_satisfaction",
  {
    complaintId: text("complaint_id")
      .primaryKey()
      .references(() => complaints.id),
    channel: text("channel").notNull(), // sms | whatsapp: where the question went
    address: text("address").notNull(), // E.164 phone
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(),
    outboxId: text("outbox_id").notNull(),
    askedAt: integer("asked_at").notNull(),
    rating: text("rating", { enum: SATISFACTION_RATINGS }),
    // the word the person may add after the digit ("2 tardaron"), cut to 140 characters
    comment: text("comment"),
    answeredAt: integer("answered_at"),
  },
  (t) => [
    // a reply from a phone: its newest question on that channel (and still unanswered)
    index("complaint_satisfaction_address_idx").on(t.address, t.channel, t.askedAt),
  ],
);

export type ComplaintSatisfactionRow = typeof complaintSatisfaction.$inferSelect;
