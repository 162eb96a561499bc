import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Narrow rollups of complaint_counts and usage_counts for the insight page: one table per question
 * the page asks, keyed only by what that question filters or groups by, so a year of the whole
 * country is a few thousand rows instead of one row per complaint. Each holds a row per Lima day
 * (`grain` "d", `period` YYYY-MM-DD) AND a row per month (`grain` "m", `period` YYYY-MM): a period
 * reads its whole months from the month rows and only the days of its partial edge months from the
 * day rows. Maintained in the same atomic write as complaint_counts / usage_counts (upserts
 * `count = count + excluded`), rebuilt from those tables by the migration
 * (`REBUILD_INSIGHT_ROLLUPS_SQL`). The primary key starts with (grain, period): the period's index.
 * A help desk's own district is read from complaint_counts (index on ubigeo, day), not from these.
 */
const grainPeriod = { grain: text("grain", { enum: ["d", "m"] }).notNull(), period: text("period").notNull() };

/** the map and the totals: filed per program and province (4-digit prefix of the district) */
export const complaintPlaceRollups = sqliteTable(
  "complaint_place_rollups",
  { ...grainPeriod, program: text("program").notNull(), province: text("province").notNull(), count: integer("count").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.program, t.province] })],
);

/** cases per week by kind: filed per day, program and kind (days only: a year is ≈ 365 × programs × kinds rows) */
export const complaintKindRollups = sqliteTable(
  "complaint_kind_rollups",
  { day: text("day").notNull(), program: text("program").notNull(), kind: text("kind").notNull(), count: integer("count").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.day, t.program, t.kind] })],
);

/** answered by the deadline per program and queue, and the days-to-first-answer histogram for the median */
export const complaintAnswerRollups = sqliteTable(
  "complaint_answer_rollups",
  {
    ...grainPeriod,
    program: text("program").notNull(),
    queue: text("queue").notNull(),
    answerDays: integer("answer_days").notNull(), // -1 while not answered
    onTime: integer("on_time").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.program, t.queue, t.answerDays, t.onTime] })],
);

/** usage by channel and language, and the usage map: sections entered per department, channel, language */
export const usageEnteredRollups = sqliteTable(
  "usage_entered_rollups",
  { ...grainPeriod, department: text("department").notNull(), channel: text("channel").notNull(), lang: text("lang").notNull(), count: integer("count").notNull().default(0) },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.department, t.channel, t.lang] })],
);

/** the section funnels: entered / completed / abandoned (at which node) per department and section */
export const usageFunnelRollups = sqliteTable(
  "usage_funnel_rollups",
  {
    ...grainPeriod,
    department: text("department").notNull(),
    section: text("section").notNull(),
    outcome: text("outcome").notNull(),
    node: text("node").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.grain, t.period, t.department, t.section, t.outcome, t.node] })],
);
