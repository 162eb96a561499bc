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
 */
export interface StatusView {
  code: string;
  status: ComplaintRow["status"];
  /** YYYY-MM-DD */
  deadline: string;
  overdue: boolean;
  /** the quality-office queue that has the case (db/catalog/routing.json) */
  queue: string;
  answer: { text: string; at: number; channel: string } | null;
}

export async function getStatusView({ ctx, code }: { ctx: Pick<ComplaintDeps, "db" | "now">; code: string }): Promise<StatusView | undefined> {
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
    answer: answered?.text ? { text: answered.text, at: answered.at, channel: answered.channel ?? "none" } : null,
  };
}
