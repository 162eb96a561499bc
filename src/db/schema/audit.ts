import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * Who did what, when: every lookup of personal data and every change. `subject` holds a
 * reference (a masked DNI, a complaint code), never the data that was shown.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actor: text("actor").notNull(), // "citizen:<channel>", "staff:<id>", "system"
    action: text("action").notNull(), // e.g. "lookup.verify", "complaint.status"
    subject: text("subject"),
    channel: text("channel"),
    outcome: text("outcome"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    // the console's audit view: one subject's history, newest first
    index("audit_subject_idx").on(t.subject, t.at),
    // reports by action over a period
    index("audit_action_idx").on(t.action, t.at),
  ],
);
