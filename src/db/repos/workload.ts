import { and, gte, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { complaints, type ComplaintStatus } from "../schema";

export interface WorkloadRow {
  /** the assignee's id (null: unassigned) or the queue */
  key: string | null;
  open: number;
  overdue: number;
  answeredThisWeek: number;
}

/**
 * Open, overdue and answered-since counts grouped by assignee or by queue. Reads only open cases
 * (the status index) and those answered since `since` — not the whole history.
 */
export async function workload(db: Db, by: "assignee" | "queue", input: { today: string; since: number; openStatuses: readonly ComplaintStatus[] }): Promise<WorkloadRow[]> {
  const column = by === "assignee" ? complaints.assigneeId : complaints.queue;
  const open = sql`${complaints.status} in (${sql.join(input.openStatuses.map((s) => sql`${s}`), sql`, `)})`;
  const rows = await db
    .select({
      key: column,
      open: sql<number>`sum(case when ${open} then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${open} and ${complaints.deadline} < ${input.today} then 1 else 0 end)`,
      answered: sql<number>`sum(case when ${complaints.answeredAt} >= ${input.since} then 1 else 0 end)`,
    })
    .from(complaints)
    .where(or(inArray(complaints.status, [...input.openStatuses]), and(gte(complaints.answeredAt, input.since))))
    .groupBy(column)
    .all();
  return rows.map((r) => ({ key: r.key, open: Number(r.open), overdue: Number(r.overdue), answeredThisWeek: Number(r.answered) }));
}
