import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The sections of the main menu whose use is counted. */
export const USAGE_SECTIONS = ["programs", "eligibility", "lookups", "complaints", "help"] as const;
export type UsageSection = (typeof USAGE_SECTIONS)[number];

/** entered a section; completed it (saw what it gives); left it without that, at `node` */
export const USAGE_OUTCOMES = ["entered", "completed", "abandoned"] as const;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

/**
 * Anonymous daily counts of the service's use, written in the same atomic write as the turn
 * that causes them (effect `usage.counted`). No phone, no DNI, no session id: only the Lima
 * date, channel, language, section, department (2-digit INEI code of the contact's last known
 * district, "unknown" when never given), outcome and, for an abandonment, the node left.
 */
export const usageCounts = sqliteTable(
  "usage_counts",
  {
    day: text("day").notNull(), // YYYY-MM-DD in Lima
    channel: text("channel").notNull(),
    lang: text("lang").notNull(),
    section: text("section", { enum: USAGE_SECTIONS }).notNull(),
    department: text("department").notNull(), // "15", or "unknown"
    outcome: text("outcome", { enum: USAGE_OUTCOMES }).notNull(),
    node: text("node").notNull(), // the node left (abandoned), "" otherwise
    count: integer("count").notNull().default(0),
  },
  // the upsert of one turn's "+1"; the insight page reads a period of days (the key's prefix)
  (t) => [primaryKey({ columns: [t.day, t.channel, t.lang, t.section, t.department, t.outcome, t.node] })],
);

export type UsageCountRow = typeof usageCounts.$inferSelect;
