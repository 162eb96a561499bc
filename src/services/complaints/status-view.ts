import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { complaintEvents, outbox, type ComplaintRow } from "../../db/schema";
import { normalizeComplaintCode } from "./code";
import type { ComplaintDeps } from "./deps";
import { isOverdue } from "./list";
import { complaintsRepo } from "../../db/repos/complaints";

/**
 * What a status check by code shows (the menus, SMS `ESTADO`): the status, which office has an
 * open case and whether its deadline passed, and for an answered case the answer the staff sent,
 * when and on which channel — so a person whose SMS never arrived can read it here. Nothing
 * about the reporter.
 *
 * The answer's words only to the number the case is answered at (`asker`, E.164, the phone the
 * check comes from): tracking codes are sequential, and the code alone may see the status and
 * the deadline, not what the office wrote to the person about their payments or household (a
 * web chat walked `ESTADO MO-2026-000001…` at 60 a minute; session 9 review). Anyone else learns
 * that and when it was answered.
 */
export interface StatusView {
  code: string;
  status: ComplaintRow["status"];
  /** YYYY-MM-DD */
  deadline: string;
  overdue: boolean;
  /** the quality-office queue that has the case (db/catalog/routing.json) */
  queue: string;
  /** `text` null: answered, but the check does not come from the case's number */
  answer: { text: string | null; at: number; channel: string } | null;
}

export async function getStatusView({ ctx, code, asker }: { ctx: Pick<ComplaintDeps, "db" | "now">; code: string; asker?: string | null }): Promise<StatusView | undefined> {
  const normalized = normalizeComplaintCode(code);
  const complaint = normalized ? await complaintsRepo(ctx.db).findByCode(normalized) : undefined;
  if (!complaint) return undefined;
  // the latest answer written to the person (respondido / improcedente), with the message that carried it
  const answered = await ctx.db
    .select({ text: complaintEvents.body, at: complaintEvents.at, channel: outbox.channel })
    .from(complaintEvents)
    .leftJoin(outbox, eq(outbox.id, complaintEvents.outboxId))
    .where(and(eq(complaintEvents.complaintId, complaint.id), eq(complaintEvents.type, "status"), inArray(complaintEvents.toStatus, ["respondido", "improcedente"]), isNotNull(complaintEvents.body)))
    .orderBy(desc(complaintEvents.seq))
    .limit(1)
    .get();
  return {
    code: complaint.code,
    status: complaint.status,
    deadline: complaint.deadline,
    overdue: isOverdue(complaint, ctx.now()),
    queue: complaint.queue,
    answer: answered?.text ? { text: asker && complaint.contactAddress === asker ? answered.text : null, at: answered.at, channel: answered.channel ?? "none" } : null,
  };
}
