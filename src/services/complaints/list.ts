import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintRow, ComplaintStatus } from "../../db/schema/complaints";
import { limaDate } from "./deadline";
import type { ComplaintDeps } from "./deps";
import { OPEN_STATUSES } from "./status";

export interface ListComplaintsInput {
  status?: ComplaintStatus | ComplaintStatus[];
  queue?: string;
  program?: string;
  /** department code, two digits */
  region?: string;
  kind?: ComplaintRow["kind"];
  /** only open complaints past their deadline (Lima date) */
  overdue?: boolean;
  /** a staff id ("mine"), or null for unassigned */
  assigneeId?: string | null;
  limit?: number;
  offset?: number;
}

export interface ComplaintPage {
  rows: ComplaintRow[];
  total: number;
}

/**
 * The queue: urgent complaints first, then soonest deadline. Rows carry no reporter identity;
 * the console still hides `contactAddress` of a denuncia from whoever `canSeeReporter` refuses.
 */
export async function listComplaints({ ctx, input = {} }: { ctx: Pick<ComplaintDeps, "db" | "now">; input?: ListComplaintsInput }): Promise<ComplaintPage> {
  return complaintsRepo(ctx.db).list({
    status: input.status,
    queue: input.queue,
    program: input.program,
    region: input.region,
    kind: input.kind,
    overdue: input.overdue ? { today: limaDate(ctx.now()), openStatuses: OPEN_STATUSES } : undefined,
    assigneeId: input.assigneeId,
    limit: Math.min(Math.max(input.limit ?? 50, 1), 500),
    offset: Math.max(input.offset ?? 0, 0),
  });
}

/** Whether an open complaint is past its deadline today (Lima). */
export function isOverdue(complaint: Pick<ComplaintRow, "deadline" | "status">, now: number): boolean {
  return OPEN_STATUSES.includes(complaint.status) && complaint.deadline < limaDate(now);
}
