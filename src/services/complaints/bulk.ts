import type { BatchItem } from "drizzle-orm/batch";
import { atomic } from "../../db/atomic";
import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintStatus } from "../../db/schema/complaints";
import { planAssignment } from "./assign";
import { planStatusChange } from "./change-status";
import type { ComplaintDeps } from "./deps";
import { ComplaintConflictError, isUniqueViolation } from "./errors";
import { canTransition, NEEDS_ANSWER } from "./status";

export type BulkChange = { assigneeId: string | null } | { status: ComplaintStatus };

export interface BulkChangeInput {
  codes: string[];
  change: BulkChange;
  actor: string;
}

/** Why one case of a bulk change may not be changed (the whole change is refused). */
export interface BulkRefusal {
  code: string;
  reason: "not_found" | "transition" | "needs_answer";
}

export class BulkChangeRefusedError extends Error {
  constructor(readonly refusals: BulkRefusal[]) {
    super(`bulk change refused: ${refusals.map((r) => `${r.code} ${r.reason}`).join(", ")}`);
  }
}

/** At most one page of the queue at once. */
export const BULK_MAX = 100;

/**
 * The same assignment or status change on several cases, all or nothing: every case is checked
 * first, and if any may not be changed nothing is (BulkChangeRefusedError lists each one). The
 * changes, their history rows, messages to the people and audit rows are ONE atomic write; if
 * someone changed one of the cases meanwhile, its history seq collides and nothing is written.
 */
export async function bulkChangeComplaints({ ctx, input }: { ctx: ComplaintDeps; input: BulkChangeInput }): Promise<number> {
  const codes = [...new Set(input.codes)].slice(0, BULK_MAX);
  const repo = complaintsRepo(ctx.db);
  const change = input.change;
  if ("status" in change && NEEDS_ANSWER.includes(change.status)) {
    // an answer is written for one person: never the same text to many at once
    throw new BulkChangeRefusedError(codes.map((code) => ({ code, reason: "needs_answer" })));
  }
  const found = await Promise.all(codes.map(async (code) => ({ code, complaint: await repo.findByCode(code) })));
  const refusals: BulkRefusal[] = [];
  for (const { code, complaint } of found) {
    if (!complaint) refusals.push({ code, reason: "not_found" });
    else if ("status" in change && !canTransition(complaint.status, change.status)) refusals.push({ code, reason: "transition" });
  }
  if (refusals.length) throw new BulkChangeRefusedError(refusals);

  const now = ctx.now();
  const plan = "status" in change ? planStatusChange(ctx, { to: change.status, actor: input.actor }) : planAssignment(ctx, { assigneeId: change.assigneeId, actor: input.actor });
  const writes: BatchItem<"sqlite">[] = [];
  for (const { complaint } of found) {
    const seq = (await repo.lastEventSeq(complaint!.id)) + 1;
    const { event, writes: more } = plan(complaint!, now);
    writes.push(repo.insertEventStatement({ ...event, complaintId: complaint!.id, seq, at: now }), ...more);
  }
  try {
    await atomic(ctx.db, writes);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ComplaintConflictError(codes.join(","));
    throw error;
  }
  return codes.length;
}
