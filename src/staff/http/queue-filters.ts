import { COMPLAINT_STATUSES, type ComplaintStatus } from "../../db/schema";
import { OPEN_STATUSES, type SearchTerms } from "../../services/complaints";
import type { StaffUser } from "../auth/roles";
import type { QueueFilters } from "../pages/queue-page";

const pick = (value: string | undefined, allowed: readonly string[], fallback: string) => (value !== undefined && allowed.includes(value) ? value : fallback);

/** The longest "vence en ≤ N días" the filter takes (a business month and a half). */
export const DUE_MAX_DAYS = 60;

/**
 * Reads the queue's filters from a query string; anything unknown falls back to "all". A search
 * (`q`) without an explicit status looks at every status: a person quoting a code may ask about a
 * closed case.
 */
export function parseQueueFilters(query: Record<string, string>, known: { queues: string[]; programs: string[] }): QueueFilters {
  const page = Number.parseInt(query.page ?? "1", 10);
  const q = (query.q ?? "").trim();
  const due = /^\d{1,2}$/.test(query.due ?? "") ? Math.min(Number(query.due), DUE_MAX_DAYS) : null;
  return {
    status: pick(query.status, ["open", "all", ...COMPLAINT_STATUSES], q ? "all" : "open"),
    queue: pick(query.queue, known.queues, ""),
    program: pick(query.program, known.programs, ""),
    region: /^\d{2}$/.test(query.region ?? "") ? query.region : "",
    overdue: query.overdue === "1",
    due,
    mine: query.mine === "1",
    q,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** The filters as the complaints service's list input (`terms`: the parsed search, if any). */
export function toListInput(filters: QueueFilters, user: StaffUser, terms: SearchTerms | null = null) {
  const status: ComplaintStatus | readonly ComplaintStatus[] | undefined =
    filters.status === "open" ? OPEN_STATUSES : filters.status === "all" ? undefined : (filters.status as ComplaintStatus);
  return {
    status: status as ComplaintStatus | ComplaintStatus[] | undefined,
    queue: filters.queue || undefined,
    program: filters.program || undefined,
    region: filters.region || undefined,
    overdue: filters.overdue || undefined,
    dueWithinDays: filters.due ?? undefined,
    assigneeId: filters.mine ? user.id : undefined,
    search: terms ? { terms, role: user.role } : undefined,
  };
}

/** The filters back as a query string (pagination links, the CSV link, next/previous case). */
export function filtersQuery(filters: QueueFilters): string {
  const q = new URLSearchParams();
  q.set("status", filters.status);
  if (filters.queue) q.set("queue", filters.queue);
  if (filters.program) q.set("program", filters.program);
  if (filters.region) q.set("region", filters.region);
  if (filters.overdue) q.set("overdue", "1");
  if (filters.due !== null) q.set("due", String(filters.due));
  if (filters.mine) q.set("mine", "1");
  if (filters.q) q.set("q", filters.q);
  return q.toString();
}
