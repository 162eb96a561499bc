import { complaintAnsweredCountStatements } from "../../db/repos/complaint-counts";
import type { BatchItem } from "drizzle-orm/batch";
import { auditStatement } from "../../db/repos/audit";
import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintRow, ComplaintStatus } from "../../db/schema/complaints";
import { enqueueOutbound } from "../outbox/enqueue";
import type { ComplaintDeps } from "./deps";
import { ComplaintValidationError, InvalidTransitionError } from "./errors";
import { changeWithHistory, type HistoryPlan } from "./event-write";
import { complaintRef, statusMessage } from "./messages";
import { canTransition, NEEDS_ANSWER } from "./status";
import { satisfactionQuestion } from "./satisfaction";

export interface ChangeComplaintStatusInput {
  code: string;
  to: ComplaintStatus;
  /** "staff:<id>" or "system" */
  actor: string;
  /** the answer to the person, in their language (a canned reply, edited); required for respondido/improcedente */
  answer?: string;
}

export interface StatusChange {
  complaint: ComplaintRow;
  /** the outbox row carrying the message to the person; null when they chose no answer channel */
  outboxId: string | null;
}

/**
 * Moves a complaint to a new status. The history row, the complaint's new status, the message
 * to the person (in their language, on their channel) and the audit row are ONE atomic write.
 */
export async function changeComplaintStatus({ ctx, input }: { ctx: ComplaintDeps; input: ChangeComplaintStatusInput }): Promise<StatusChange> {
  return changeWithHistory(ctx, input.code, planStatusChange(ctx, input));
}

/**
 * The history row and statements of one status change (also used by the bulk change); checks
 * the answer now and the transition against the complaint it is given.
 */
export function planStatusChange(ctx: ComplaintDeps, input: Omit<ChangeComplaintStatusInput, "code">): HistoryPlan<StatusChange> {
  const answer = input.answer?.trim() || undefined;
  if (answer && answer.length > 1000) throw new ComplaintValidationError("answer", "at most 1000 characters");
  if (NEEDS_ANSWER.includes(input.to) && !answer) throw new ComplaintValidationError("answer", `an answer to the person is required for ${input.to}`);
  const repo = complaintsRepo(ctx.db);

  return (complaint: ComplaintRow, now: number) => {
    if (!canTransition(complaint.status, input.to)) throw new InvalidTransitionError(complaint.status, input.to);
    const outboxId = complaint.contactAddress && complaint.contactChannel !== "none" ? crypto.randomUUID() : null;
    const changes: Partial<ComplaintRow> = { status: input.to, updatedAt: now };
    if (NEEDS_ANSWER.includes(input.to) && complaint.answeredAt === null) changes.answeredAt = now;
    if (input.to === "cerrado" || input.to === "improcedente") changes.closedAt = now;
    // answered or closed: the one "how were you served?" question, after the answer
    const satisfaction = satisfactionQuestion(ctx.db, complaint, input.to, now);
    if (satisfaction) Object.assign(changes, satisfaction.changes);
    const writes: BatchItem<"sqlite">[] = [
      repo.updateStatement(complaint.id, changes),
      auditStatement(ctx.db, {
        at: now,
        actor: input.actor,
        action: "complaint.status",
        subject: complaint.code,
        outcome: "ok",
        detail: { from: complaint.status, to: input.to, answered: Boolean(answer), notified: Boolean(outboxId), satisfactionAsked: Boolean(satisfaction) },
      }),
    ];
    // the first answer moves the complaint's anonymous count to its days-to-answer, in the same write
    if (changes.answeredAt) writes.push(...complaintAnsweredCountStatements(ctx.db, complaint, changes.answeredAt));
    if (outboxId) {
      writes.push(
        enqueueOutbound(
          ctx.db,
          { id: outboxId, channel: complaint.contactChannel, address: complaint.contactAddress!, lang: complaint.lang, body: statusMessage(complaint.code, input.to, answer), ref: complaintRef(complaint.code) },
          now,
        ),
      );
    }
    if (satisfaction) writes.push(...satisfaction.writes);
    return {
      event: { actor: input.actor, type: "status", fromStatus: complaint.status, toStatus: input.to, body: answer ?? null, outboxId },
      writes,
      result: { complaint: { ...complaint, ...changes }, outboxId },
    };
  };
}
