import { auditStatement } from "../../db/repos/audit";
import type { ComplaintDeps } from "./deps";
import { ComplaintValidationError } from "./errors";
import { changeWithHistory } from "./event-write";

export interface AddInternalNoteInput {
  code: string;
  body: string;
  actor: string;
}

/** A note for staff only: never sent to the person, never shown by the public status check. */
export async function addInternalNote({ ctx, input }: { ctx: ComplaintDeps; input: AddInternalNoteInput }): Promise<void> {
  const body = input.body.trim();
  if (!body) throw new ComplaintValidationError("body", "the note is empty");
  if (body.length > 4000) throw new ComplaintValidationError("body", "at most 4000 characters");
  return changeWithHistory(ctx, input.code, (complaint, now) => ({
    event: { actor: input.actor, type: "note", body },
    writes: [auditStatement(ctx.db, { at: now, actor: input.actor, action: "complaint.note", subject: complaint.code, outcome: "ok" })],
    result: undefined,
  }));
}
