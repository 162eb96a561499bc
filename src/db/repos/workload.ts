import { and, countDistinct, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { complaintEvents, complaints, type ComplaintStatus } from "../schema";

export interface WorkloadRow {
  /** the assignee's id (null: unassigned) or the queue */
  key: string | null;
  open: number;
  overdue: number;
  answeredThisWeek: number;
}

/**
 * Open and overdue counts grouped by assignee or by queue (the open cases only, through the
 * status index), and the cases answered since `since` (respondido/improcedente history rows,
 * through complaint_events_type_at_idx) — never a scan of the whole history.
 */
export async function workload(
  db: Db,
  by: "assignee" | "queue",
  input: { today: string; since: number; openStatuses: readonly ComplaintStatus[]; answerStatuses: readonly ComplaintStatus[] },
): Promise<WorkloadRow[]> {
  const column = by === "assignee" ? complaints.assigneeId : complaints.queue;
  const [open, answered] = await Promise.all([
    db
      .select({ key: column, open: sql<number>`count(*)`, overdue: sql<number>`sum(case when ${complaints.deadline} < ${input.today} then 1 else 0 end)` })
      .from(complaints)
      .where(inArray(complaints.status, [...input.openStatuses]))
      .groupBy(column)
      .all(),
    db
      .select({ key: column, answered: countDistinct(complaintEvents.complaintId) })
      .from(complaintEvents)
      .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
      .where(and(eq(complaintEvents.type, "status"), inArray(complaintEvents.toStatus, [...input.answerStatuses]), gte(complaintEvents.at, input.since)))
      .groupBy(column)
      .all(),
  ]);
  const rows = new Map<string | null, WorkloadRow>();
  const row = (key: string | null) => rows.get(key) ?? rows.set(key, { key, open: 0, overdue: 0, answeredThisWeek: 0 }).get(key)!;
  for (const r of open) Object.assign(row(r.key), { open: Number(r.open), overdue: Number(r.overdue) });
  for (const r of answered) row(r.key).answeredThisWeek = Number(r.answered);
  return [...rows.values()];
}
