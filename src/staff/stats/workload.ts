import type { Db } from "../../db/client";
import { workload, type WorkloadRow } from "../../db/repos/workload";
import { NEEDS_ANSWER, OPEN_STATUSES } from "../../services/complaints";
import { limaDate } from "../../services/complaints/deadline";

// Lima is UTC-5 all year
const LIMA_OFFSET_MS = 5 * 3_600_000;

/** The first instant (ms) of the Lima week (Monday 00:00) that contains `now`. */
export function limaWeekStart(now: number): number {
  const day = limaDate(now);
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  return midnight - weekday * 86_400_000 + LIMA_OFFSET_MS;
}

export interface Workload {
  byAgent: WorkloadRow[];
  byQueue: WorkloadRow[];
  weekStart: number;
}

/** Who and which queue carries what: open, overdue and answered this week (Lima). */
export async function buildWorkload(db: Db, now: number): Promise<Workload> {
  // "answered": moved to a status that carries an answer (respondido, improcedente) this week
  const input = { today: limaDate(now), since: limaWeekStart(now), openStatuses: OPEN_STATUSES, answerStatuses: NEEDS_ANSWER };
  const [byAgent, byQueue] = await Promise.all([workload(db, "assignee", input), workload(db, "queue", input)]);
  const busiest = (a: WorkloadRow, b: WorkloadRow) => b.overdue - a.overdue || b.open - a.open;
  return { byAgent: byAgent.sort(busiest), byQueue: byQueue.sort(busiest), weekStart: input.since };
}
