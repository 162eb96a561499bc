import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Pre-aggregated complaint counts for the insight page and the open data, kept in the same
 * write as each filing (+1 at `answer_days` -1) and each first answer (the same complaint moved
 * from -1 to its days to first answer and on-time flag). The migration fills it from the
 * complaints already filed. Nothing of the person, no free text.
 */
export const complaintCounts = sqliteTable(
  "complaint_counts",
  {
    day: text("day").notNull(), // Lima filing date YYYY-MM-DD
    program: text("program").notNull(),
    kind: text("kind").notNull(),
    category: text("category").notNull(),
    ubigeo: text("ubigeo").notNull(), // the district (6 digits): department and province are its prefixes
    channel: text("channel").notNull(),
    lang: text("lang").notNull(),
    queue: text("queue").notNull(),
    // calendar days (Lima dates) from filing to the first answer; -1 while not answered
    answerDays: integer("answer_days").notNull(),
    // 1 when the first answer came by the deadline (Lima date ≤ deadline); 0 otherwise or not answered
    onTime: integer("on_time").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    // the upserts of a filing and of a first answer
    primaryKey({ columns: [t.day, t.program, t.kind, t.category, t.ubigeo, t.channel, t.lang, t.queue, t.answerDays, t.onTime] }),
    // the insight page and /datos filtered by program over a period
    index("complaint_counts_program_day_idx").on(t.program, t.day),
    // the insight page of a help desk's own district (the rollups have no district)
    index("complaint_counts_ubigeo_day_idx").on(t.ubigeo, t.day),
  ],
);

export type ComplaintCountRow = typeof complaintCounts.$inferSelect;
