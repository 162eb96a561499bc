import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintRow, ComplaintStatus } from "../../db/schema/complaints";
import { addCalendarDays, limaDate } from "./deadline";
import { escapeLike, reporterSearchScope, type SearchTerms } from "./search";
import type { StaffRole } from "./visibility";
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
  /** only open complaints due within this many calendar days from today (Lima), overdue ones included */
  dueWithinDays?: number;
  /** a staff id ("mine"), or null for unassigned */
  assigneeId?: string | null;
  /** the search box, and who searches (reporters are found only where the role may see them) */
  search?: { terms: SearchTerms; role: StaffRole };
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
  return complaintsRepo(ctx.db).list(repoFilters(ctx, input));
}

/** The codes before and after a complaint in the queue under the same filters (the case page's next/previous). */
export async function queueNeighbours({ ctx, input, current }: { ctx: Pick<ComplaintDeps, "db" | "now">; input: ListComplaintsInput; current: ComplaintRow }) {
  return complaintsRepo(ctx.db).neighbours(repoFilters(ctx, input), current);
}

function repoFilters(ctx: Pick<ComplaintDeps, "db" | "now">, input: ListComplaintsInput) {
  return {
    status: input.status,
    queue: input.queue,
    program: input.program,
    region: input.region,
    kind: input.kind,
    overdue: input.overdue ? { today: limaDate(ctx.now()), openStatuses: OPEN_STATUSES } : undefined,
    dueBy: input.dueWithinDays !== undefined ? { day: addCalendarDays(limaDate(ctx.now()), input.dueWithinDays), openStatuses: OPEN_STATUSES } : undefined,
    search: input.search
      ? {
          code: input.search.terms.code,
          dni: input.search.terms.dni,
          phone: input.search.terms.phone,
          namePattern: input.search.terms.name ? `%${escapeLike(input.search.terms.name)}%` : null,
          scope: reporterSearchScope(input.search.role),
        }
      : undefined,
    assigneeId: input.assigneeId,
    limit: Math.min(Math.max(input.limit ?? 50, 1), 500),
    offset: Math.max(input.offset ?? 0, 0),
  };
}

/** Whether an open complaint is past its deadline today (Lima). */
export function isOverdue(complaint: Pick<ComplaintRow, "deadline" | "status">, now: number): boolean {
  return OPEN_STATUSES.includes(complaint.status) && complaint.deadline < limaDate(now);
}

/** Calendar days from an open complaint's Lima "today" to its deadline (negative: overdue). */
export function daysUntilDeadline(complaint: Pick<ComplaintRow, "deadline">, now: number): number {
  const today = Date.parse(`${limaDate(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${complaint.deadline}T00:00:00Z`) - today) / 86_400_000);
}
