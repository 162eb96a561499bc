import { and, between, eq, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { reusableWrite } from "../prepared-writes";
import { complaintAnswerRollups, complaintKindRollups, complaintPlaceRollups, usageEnteredRollups, usageFunnelRollups } from "../schema";

const grains = (day: string) => [
  { grain: "d" as const, period: day },
  { grain: "m" as const, period: day.slice(0, 7) },
];

/** A filing's +1 in the rollups (day and month rows), beside complaint_counts' in the same write. */
export function complaintFiledRollupStatements(db: Db, k: { day: string; program: string; ubigeo: string; kind: string; queue: string }): BatchItem<"sqlite">[] {
  const p = complaintPlaceRollups;
  const kr = complaintKindRollups;
  return [
    ...grains(k.day).map((g) =>
      db
        .insert(p)
        .values({ ...g, program: k.program, province: k.ubigeo.slice(0, 4), count: 1 })
        .onConflictDoUpdate({ target: [p.grain, p.period, p.program, p.province], set: { count: sql`${p.count} + 1` } }),
    ),
    db
      .insert(kr)
      .values({ day: k.day, program: k.program, kind: k.kind, count: 1 })
      .onConflictDoUpdate({ target: [kr.day, kr.program, kr.kind], set: { count: sql`${kr.count} + 1` } }),
    ...answerRollupStatements(db, k, -1, 0, 1),
  ];
}

/** The first answer: the complaint moves from "not answered" to its days and on-time flag (day and month rows). */
export function complaintAnsweredRollupStatements(db: Db, k: { day: string; program: string; queue: string }, answerDays: number, onTime: number): BatchItem<"sqlite">[] {
  return [...answerRollupStatements(db, k, -1, 0, -1), ...answerRollupStatements(db, k, answerDays, onTime, 1)];
}

function answerRollupStatements(db: Db, k: { day: string; program: string; queue: string }, answerDays: number, onTime: number, delta: 1 | -1) {
  const a = complaintAnswerRollups;
  return grains(k.day).map((g) =>
    db
      .insert(a)
      .values({ ...g, program: k.program, queue: k.queue, answerDays, onTime, count: delta })
      .onConflictDoUpdate({ target: [a.grain, a.period, a.program, a.queue, a.answerDays, a.onTime], set: { count: sql`${a.count} + ${delta}` } }),
  );
}

/** One turn's usage +1 in the rollups (day and month rows), beside usage_counts' in the same write. */
export function usageRollupStatements(db: Db, k: { day: string; channel: string; lang: string; section: string; department: string; outcome: string; node: string }): BatchItem<"sqlite">[] {
  return grains(k.day).flatMap((g) => [
    ...(k.outcome === "entered" ? [incrementEntered(db, { ...g, department: k.department, channel: k.channel, lang: k.lang })] : []),
    incrementFunnel(db, { ...g, department: k.department, section: k.section, outcome: k.outcome, node: k.node }),
  ]);
}

// built once per database on better-sqlite3 (src/db/prepared-writes.ts): the turns that count usage run these
const incrementEntered = reusableWrite<{ grain: string; period: string; department: string; channel: string; lang: string }>((db, v) => {
  const e = usageEnteredRollups;
  return db
    .insert(e)
    .values({ grain: v("grain"), period: v("period"), department: v("department"), channel: v("channel"), lang: v("lang"), count: 1 } as never)
    .onConflictDoUpdate({ target: [e.grain, e.period, e.department, e.channel, e.lang], set: { count: sql`${e.count} + 1` } });
});
const incrementFunnel = reusableWrite<{ grain: string; period: string; department: string; section: string; outcome: string; node: string }>((db, v) => {
  const f = usageFunnelRollups;
  return db
    .insert(f)
    .values({ grain: v("grain"), period: v("period"), department: v("department"), section: v("section"), outcome: v("outcome"), node: v("node"), count: 1 } as never)
    .onConflictDoUpdate({ target: [f.grain, f.period, f.department, f.section, f.outcome, f.node], set: { count: sql`${f.count} + 1` } });
});

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const nextMonthStart = (day: string) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * A period of Lima days [from, to] as ranges over the rollups: the whole months inside it from the
 * month rows, the days of the partial months at its edges from the day rows. Exact for any period.
 */
export function periodRanges(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  // first whole month: the month of `from` when it starts on the 1st, else the next one
  const firstWhole = from.endsWith("-01") ? from : nextMonthStart(from);
  // last whole month: the month of `to` when `to` is its last day, else the previous one
  const lastWholeEnd = addDays(nextMonthStart(to), -1) === to ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWholeEnd) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (lastWholeEnd < to) days.push([addDays(lastWholeEnd, 1), to]);
  return { months: [firstWhole.slice(0, 7), lastWholeEnd.slice(0, 7)], days };
}

/** the WHERE of a period on a rollup with (grain, period): each term a range of its primary key */
export function periodWhere(t: { grain: SQLWrapper; period: SQLWrapper }, from: string, to: string): SQL {
  const r = periodRanges(from, to);
  const terms = [
    ...(r.months ? [and(eq(t.grain as never, "m"), between(t.period as never, r.months[0], r.months[1]))] : []),
    ...r.days.map(([a, b]) => and(eq(t.grain as never, "d"), between(t.period as never, a, b))),
  ];
  return terms.length === 1 ? terms[0]! : or(...terms)!;
}

/**
 * The rollups rebuilt from complaint_counts and usage_counts (the migration runs the same
 * statements; so does a load that writes the fine counts directly, as bench:console).
 */
export const REBUILD_INSIGHT_ROLLUPS_SQL = [
  "DELETE FROM complaint_place_rollups",
  "DELETE FROM complaint_kind_rollups",
  "DELETE FROM complaint_answer_rollups",
  "DELETE FROM usage_entered_rollups",
  "DELETE FROM usage_funnel_rollups",
  ...(["d", "m"] as const).flatMap((g) => {
    const period = g === "d" ? "day" : "substr(day, 1, 7)";
    return [
      `INSERT INTO complaint_place_rollups (grain, period, program, province, count) SELECT '${g}', ${period}, program, substr(ubigeo, 1, 4), sum(count) FROM complaint_counts GROUP BY 2, 3, 4 HAVING sum(count) <> 0`,
      `INSERT INTO complaint_answer_rollups (grain, period, program, queue, answer_days, on_time, count) SELECT '${g}', ${period}, program, queue, answer_days, on_time, sum(count) FROM complaint_counts GROUP BY 2, 3, 4, 5, 6 HAVING sum(count) <> 0`,
      `INSERT INTO usage_entered_rollups (grain, period, department, channel, lang, count) SELECT '${g}', ${period}, department, channel, lang, sum(count) FROM usage_counts WHERE outcome = 'entered' GROUP BY 2, 3, 4, 5 HAVING sum(count) <> 0`,
      `INSERT INTO usage_funnel_rollups (grain, period, department, section, outcome, node, count) SELECT '${g}', ${period}, department, section, outcome, node, sum(count) FROM usage_counts GROUP BY 2, 3, 4, 5, 6 HAVING sum(count) <> 0`,
    ];
  }),
  "INSERT INTO complaint_kind_rollups (day, program, kind, count) SELECT day, program, kind, sum(count) FROM complaint_counts GROUP BY 1, 2, 3 HAVING sum(count) <> 0",
];
