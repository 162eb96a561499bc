import type { Db } from "../../db/client";
import { complaintStatsRepo, type CountRow, type FiledBetween } from "../../db/repos/complaint-stats";
import { OPEN_STATUSES } from "../../services/complaints";
import { limaDate } from "../../services/complaints/deadline";

export interface Dashboard {
  total: number;
  byProgram: CountRow[];
  byCategory: CountRow[];
  byRegion: CountRow[];
  byMonth: CountRow[];
  answered: number;
  /** median calendar days from filing to the first answer; null before any answer */
  medianDaysToAnswer: number | null;
  /** answered on or before the deadline, over all answered (0..1); null before any answer */
  shareOnTime: number | null;
  overdueNow: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What the office watches: volumes by program, category, region and month, speed and lateness. */
export async function buildDashboard(db: Db, now: number, period: FiledBetween = {}): Promise<Dashboard> {
  const stats = complaintStatsRepo(db, period);
  const [total, byProgram, byCategory, byRegion, byMonth, answered, overdueNow] = await Promise.all([
    stats.total(),
    stats.byProgram(),
    stats.byCategory(),
    stats.byRegion(),
    stats.byMonth(),
    stats.answered(),
    stats.overdue(limaDate(now), OPEN_STATUSES),
  ]);
  const days = median(answered.map((a) => a.ms / 86_400_000));
  return {
    total,
    byProgram,
    byCategory,
    byRegion,
    byMonth,
    answered: answered.length,
    medianDaysToAnswer: days === null ? null : Math.round(days * 10) / 10,
    shareOnTime: answered.length ? answered.filter((a) => Number(a.onTime) === 1).length / answered.length : null,
    overdueNow,
  };
}

// Lima is UTC-5 all year
const LIMA_OFFSET_MS = 5 * 3_600_000;

/** "2026-03" → the first instant of that month in Lima; null if not a month. */
export function limaMonthStart(month: string | undefined): number | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? "");
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) + LIMA_OFFSET_MS : null;
}

/** Filing months from..to (inclusive, YYYY-MM, Lima) as time bounds; unknown values are ignored. */
export function periodOf(from: string | undefined, to: string | undefined): FiledBetween & { fromMonth: string; toMonth: string } {
  const start = limaMonthStart(from);
  const endMonth = limaMonthStart(to);
  let end: number | undefined;
  if (endMonth !== null) {
    const d = new Date(endMonth - LIMA_OFFSET_MS);
    end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) + LIMA_OFFSET_MS;
  }
  return { from: start ?? undefined, to: end, fromMonth: start !== null ? from! : "", toMonth: endMonth !== null ? to! : "" };
}
