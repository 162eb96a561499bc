import { and, count, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { complaints, type ComplaintStatus } from "../schema";

// Lima is UTC-5 all year (no daylight saving since 1994): month and date of a timestamp there
const LIMA_OFFSET_S = 5 * 3600;
const limaMonth = sql<string>`strftime('%Y-%m', ${complaints.createdAt} / 1000 - ${LIMA_OFFSET_S}, 'unixepoch')`;
const limaAnswerDate = sql<string>`strftime('%Y-%m-%d', ${complaints.answeredAt} / 1000 - ${LIMA_OFFSET_S}, 'unixepoch')`;

export interface CountRow {
  key: string;
  n: number;
}

/** Filing time bounds [from, to) in ms; either may be absent. */
export interface FiledBetween {
  from?: number;
  to?: number;
}

/** Aggregates for the console's dashboard: counts in SQL, only answered durations come back. */
export function complaintStatsRepo(db: Db, period: FiledBetween = {}) {
  const filed: SQL[] = [];
  if (period.from !== undefined) filed.push(gte(complaints.createdAt, period.from));
  if (period.to !== undefined) filed.push(lt(complaints.createdAt, period.to));
  const inPeriod = (...more: SQL[]) => (filed.length + more.length ? and(...filed, ...more) : undefined);
  const by = async (column: typeof complaints.program | typeof complaints.category | typeof complaints.region | typeof limaMonth): Promise<CountRow[]> =>
    (await db.select({ key: column, n: count() }).from(complaints).where(inPeriod()).groupBy(column).orderBy(sql`2 desc`, column).all()).map((r) => ({ key: String(r.key), n: r.n }));
  return {
    total: async () => (await db.select({ n: count() }).from(complaints).where(inPeriod()).get())?.n ?? 0,
    byProgram: () => by(complaints.program),
    byCategory: () => by(complaints.category),
    byRegion: () => by(complaints.region),
    byMonth: async () => (await by(limaMonth)).sort((a, b) => a.key.localeCompare(b.key)),
    /** per answered complaint: time to first answer (ms) and whether it was on time (Lima date ≤ deadline) */
    answered: async () =>
      db
        .select({ ms: sql<number>`${complaints.answeredAt} - ${complaints.createdAt}`, onTime: sql<number>`${limaAnswerDate} <= ${complaints.deadline}` })
        .from(complaints)
        .where(inPeriod(isNotNull(complaints.answeredAt)))
        .all(),
    overdue: async (today: string, openStatuses: readonly ComplaintStatus[]) =>
      (await db.select({ n: count() }).from(complaints).where(inPeriod(lt(complaints.deadline, today), inArray(complaints.status, [...openStatuses]))).get())?.n ?? 0,
  };
}
