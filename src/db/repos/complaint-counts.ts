import { sql } from "drizzle-orm";
import type { Db } from "../client";
import type { BatchItem } from "drizzle-orm/batch";
import { complaintCounts, type ComplaintRow } from "../schema";
import { complaintAnsweredRollupStatements, complaintFiledRollupStatements } from "./insight-rollups";

/** Peru has no daylight saving time: Lima is UTC−5 all year. */
const LIMA_OFFSET_MS = 5 * 3_600_000;
export const limaDay = (ms: number) => new Date(ms - LIMA_OFFSET_MS).toISOString().slice(0, 10);
const limaDayNumber = (ms: number) => Math.floor((ms - LIMA_OFFSET_MS) / 86_400_000);

type Counted = Pick<ComplaintRow, "createdAt" | "program" | "kind" | "category" | "ubigeo" | "channel" | "lang" | "queue" | "deadline">;

const keyOf = (c: Counted) => ({
  day: limaDay(c.createdAt),
  program: c.program,
  kind: c.kind,
  category: c.category,
  ubigeo: c.ubigeo,
  channel: c.channel,
  lang: c.lang,
  queue: c.queue,
});

const target = [
  complaintCounts.day,
  complaintCounts.program,
  complaintCounts.kind,
  complaintCounts.category,
  complaintCounts.ubigeo,
  complaintCounts.channel,
  complaintCounts.lang,
  complaintCounts.queue,
  complaintCounts.answerDays,
  complaintCounts.onTime,
];

function add(db: Db, key: ReturnType<typeof keyOf> & { answerDays: number; onTime: number }, delta: 1 | -1) {
  return db
    .insert(complaintCounts)
    .values({ ...key, count: delta })
    .onConflictDoUpdate({ target, set: { count: sql`${complaintCounts.count} + ${delta}` } });
}

/** A filing: +1 not yet answered, in complaint_counts and the insight rollups. In the filing's atomic write. */
export function complaintFiledCountStatements(db: Db, complaint: Counted): BatchItem<"sqlite">[] {
  const key = keyOf(complaint);
  return [add(db, { ...key, answerDays: -1, onTime: 0 }, 1), ...complaintFiledRollupStatements(db, key)];
}

/** The complaint's first answer at `answeredAt`: moved from "not answered" to its days and on-time flag. */
export function complaintAnsweredCountStatements(db: Db, complaint: Counted, answeredAt: number) {
  const key = keyOf(complaint);
  const answerDays = Math.max(0, limaDayNumber(answeredAt) - limaDayNumber(complaint.createdAt));
  const onTime = limaDay(answeredAt) <= complaint.deadline ? 1 : 0;
  return [add(db, { ...key, answerDays: -1, onTime: 0 }, -1), add(db, { ...key, answerDays, onTime }, 1), ...complaintAnsweredRollupStatements(db, key, answerDays, onTime)];
}

/**
 * The counts of every complaint already filed, as one INSERT … SELECT (the migration runs the
 * same statement; a start with an empty table and complaints present runs it too).
 */
export const BACKFILL_COMPLAINT_COUNTS_SQL = `INSERT INTO complaint_counts (day, program, kind, category, ubigeo, channel, lang, queue, answer_days, on_time, count)
SELECT strftime('%Y-%m-%d', created_at / 1000 - 18000, 'unixepoch'), program, kind, category, ubigeo, channel, lang, queue,
  CASE WHEN answered_at IS NULL THEN -1 ELSE max(0, CAST(julianday(strftime('%Y-%m-%d', answered_at / 1000 - 18000, 'unixepoch')) - julianday(strftime('%Y-%m-%d', created_at / 1000 - 18000, 'unixepoch')) AS INTEGER)) END,
  CASE WHEN answered_at IS NOT NULL AND strftime('%Y-%m-%d', answered_at / 1000 - 18000, 'unixepoch') <= deadline THEN 1 ELSE 0 END,
  count(*)
FROM complaints GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
