import { auditStatement } from "../../db/repos/audit";
import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintRow } from "../../db/schema/complaints";
import type { ComplaintDeps } from "./deps";
import { changeWithHistory, type HistoryPlan } from "./event-write";
import { ComplaintAlreadyAssignedError } from "./errors";

export interface AssignComplaintInput {
  code: string;
  /** a staff user's id; null takes the complaint off everyone's list */
  assigneeId: string | null;
  actor: string;
  /** set for an agent taking a case for themselves: refused when someone else already has it */
  onlyIfUnassigned?: boolean;
}

/** Assigns or reassigns a complaint; the history keeps every assignment. */
export async function assignComplaint({ ctx, input }: { ctx: ComplaintDeps; input: AssignComplaintInput }): Promise<ComplaintRow> {
  return changeWithHistory(ctx, input.code, planAssignment(ctx, input));
}

/** The history row and statements of one assignment (also used by the bulk change). */
export function planAssignment(ctx: ComplaintDeps, input: Omit<AssignComplaintInput, "code">): HistoryPlan<ComplaintRow> {
  const repo = complaintsRepo(ctx.db);
  return (complaint: ComplaintRow, now: number) => {
    // read inside the retry loop: two agents taking one case at once conflict on the event seq,
    // and the loser re-reads the case already assigned and is refused here
    if (input.onlyIfUnassigned && complaint.assigneeId !== null && complaint.assigneeId !== input.assigneeId) {
      throw new ComplaintAlreadyAssignedError(complaint.code);
    }
    return {
    event: { actor: input.actor, type: "assignment", assigneeId: input.assigneeId },
    writes: [
      repo.updateStatement(complaint.id, { assigneeId: input.assigneeId, updatedAt: now }),
      auditStatement(ctx.db, {
        at: now,
        actor: input.actor,
        action: "complaint.assign",
        subject: complaint.code,
        outcome: "ok",
        detail: { from: complaint.assigneeId, to: input.assigneeId },
      }),
    ],
    result: { ...complaint, assigneeId: input.assigneeId, updatedAt: now },
    };
  };
}
