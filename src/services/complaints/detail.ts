import { atomic } from "../../db/atomic";
import { auditStatement } from "../../db/repos/audit";
import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintEventRow, ComplaintReporterRow, ComplaintRow, OutboxRow } from "../../db/schema";
import { normalizeComplaintCode } from "./code";
import type { ComplaintDeps } from "./deps";
import { ComplaintNotFoundError } from "./errors";
import { canSeeReporter, type StaffRole } from "./visibility";

export interface ComplaintDetail {
  /** `contactAddress` is blanked when the viewer may not see the reporter */
  complaint: ComplaintRow;
  events: ComplaintEventRow[];
  /** every message to the person with its delivery status (a failed send shows here) */
  messages: Pick<OutboxRow, "id" | "channel" | "status" | "attempts" | "lastError" | "body" | "createdAt" | "updatedAt" | "delivery" | "deliveryError">[];
  /** undefined: anonymous, or hidden from this role (`reporterHidden` tells which) */
  reporter?: ComplaintReporterRow;
  reporterHidden: boolean;
}

/**
 * A complaint's page for a staff member: the complaint, its whole history, its messages and —
 * only if `canSeeReporter` allows — who filed it. Every view is audited (who, when, whether the
 * identity was shown).
 */
export async function getComplaintDetail({ ctx, code, viewer }: { ctx: ComplaintDeps; code: string; viewer: { id: string; role: StaffRole } }): Promise<ComplaintDetail> {
  const repo = complaintsRepo(ctx.db);
  const normalized = normalizeComplaintCode(code) ?? code;
  const complaint = await repo.findByCode(normalized);
  if (!complaint) throw new ComplaintNotFoundError(normalized);
  const allowed = canSeeReporter(viewer.role, complaint);
  const [events, messages, reporter] = await Promise.all([repo.events(complaint.id), repo.messages(complaint.code), allowed ? repo.reporter(complaint.id) : undefined]);
  await atomic(ctx.db, [
    auditStatement(ctx.db, {
      at: ctx.now(),
      actor: `staff:${viewer.id}`,
      action: "complaint.view",
      subject: complaint.code,
      outcome: allowed && reporter ? "identity_shown" : "identity_hidden",
      detail: { role: viewer.role },
    }),
  ]);
  const protectedContact = !allowed && (complaint.kind === "denuncia" || complaint.confidential || complaint.anonymous);
  return {
    complaint: protectedContact ? { ...complaint, contactAddress: null } : complaint,
    events,
    messages: messages.map(({ id, channel, status, attempts, lastError, body, createdAt, updatedAt, delivery, deliveryError }) => ({ id, channel, status, attempts, lastError, body, createdAt, updatedAt, delivery, deliveryError })),
    reporter,
    reporterHidden: !allowed && !complaint.anonymous,
  };
}
