import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Anonymous daily counts of self-check results, for the quality office to see where people
 * who could get a program are not getting it. No identity, no answers: only the Lima date,
 * program, outcome, district (INEI ubigeo, "" when not given) and channel.
 */
export const eligibilityCounts = sqliteTable(
  "eligibility_counts",
  {
    day: text("day").notNull(), // YYYY-MM-DD in Lima
    program: text("program").notNull(),
    outcome: text("outcome").notNull(),
    ubigeo: text("ubigeo").notNull(), // "" when the person did not say
    channel: text("channel").notNull(),
    count: integer("count").notNull().default(0),
  },
  // the upsert of one check, and the quality office's "by day, program, outcome" reading
  (t) => [primaryKey({ columns: [t.day, t.program, t.outcome, t.ubigeo, t.channel] })],
);

export type EligibilityCountRow = typeof eligibilityCounts.$inferSelect;
