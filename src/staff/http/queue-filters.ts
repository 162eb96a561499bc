import { COMPLAINT_STATUSES, type ComplaintStatus } from "../../db/schema";
import { OPEN_STATUSES } from "../../services/complaints";
import type { StaffUser } from "../auth/roles";
import type { QueueFilters } from "../pages/queue-page";

const pick = (value: string | undefined, allowed: readonly string[], fallback: string) => (value !== undefined && allowed.includes(value) ? value : fallback);

/** Reads the queue's filters from a query string; anything unknown falls back to "all". */
export function parseQueueFilters(query: Record<string, string>, known: { queues: string[]; programs: string[] }): QueueFilters {
  const page = Number.parseInt(query.page ?? "1", 10);
  return {
    status: pick(query.status, ["open", "all", ...COMPLAINT_STATUSES], "open"),
    queue: pick(query.queue, known.queues, ""),
    program: pick(query.program, known.programs, ""),
    region: /^\d{2}$/.test(query.region ?? "") ? query.region : "",
    overdue: query.overdue === "1",
    mine: query.mine === "1",
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** The filters as the complaints service's list input. */
export function toListInput(filters: QueueFilters, user: StaffUser) {
  const status: ComplaintStatus | readonly ComplaintStatus[] | undefined =
    filters.status === "open" ? OPEN_STATUSES : filters.status === "all" ? undefined : (filters.status as ComplaintStatus);
  return {
    status: status as ComplaintStatus | ComplaintStatus[] | undefined,
    queue: filters.queue || undefined,
    program: filters.program || undefined,
    region: filters.region || undefined,
    overdue: filters.overdue || undefined,
    assigneeId: filters.mine ? user.id : undefined,
  };
}

/** The filters back as a query string (pagination links, the CSV link). */
export function filtersQuery(filters: QueueFilters): string {
  const q = new URLSearchParams();
  q.set("status", filters.status);
  if (filters.queue) q.set("queue", filters.queue);
  if (filters.program) q.set("program", filters.program);
  if (filters.region) q.set("region", filters.region);
  if (filters.overdue) q.set("overdue", "1");
  if (filters.mine) q.set("mine", "1");
  return q.toString();
}
