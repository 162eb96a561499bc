import type { BatchItem } from "drizzle-orm/batch";
import { atomic } from "../../db/atomic";
import { complaintsRepo, type NewComplaintEvent } from "../../db/repos/complaints";
import type { ComplaintRow } from "../../db/schema/complaints";
import type { ComplaintDeps } from "./deps";
import { ComplaintConflictError, ComplaintNotFoundError, isUniqueViolation } from "./errors";

const MAX_ATTEMPTS = 3;

/** One change to a complaint, planned on its fresh state: the history row, the other writes, the result. */
export type HistoryPlan<T> = (complaint: ComplaintRow, now: number) => { event: Omit<NewComplaintEvent, "complaintId" | "seq" | "at">; writes: BatchItem<"sqlite">[]; result: T };

/**
 * Runs a change to an existing complaint with an optimistic lock: `plan` reads the fresh
 * complaint and returns the history row and the other statements; the history row claims the
 * next `seq`, so if someone else changed the complaint in between, the unique (complaint, seq)
 * index refuses the whole atomic write and `plan` runs again on the new state.
 */
export async function changeWithHistory<T>(
  ctx: ComplaintDeps,
  code: string,
  plan: HistoryPlan<T>,
): Promise<T> {
  const repo = complaintsRepo(ctx.db);
  for (let attempt = 1; ; attempt++) {
    const complaint = await repo.findByCode(code);
    if (!complaint) throw new ComplaintNotFoundError(code);
    const seq = (await repo.lastEventSeq(complaint.id)) + 1;
    const now = ctx.now();
    const { event, writes, result } = plan(complaint, now);
    try {
      await atomic(ctx.db, [repo.insertEventStatement({ ...event, complaintId: complaint.id, seq, at: now }), ...writes]);
      return result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new ComplaintConflictError(code);
    }
  }
}
