import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import type { ComplaintRow } from "../../db/schema";
import { enqueueOutbound } from "../../services/outbox/enqueue";
import { filedMessage, complaintRef } from "../../services/complaints/messages";
import { staffAudit } from "../audit";
import type { StaffUser } from "../auth/roles";

/**
 * Sends the complaint's receipt (tracking code and answer-by date, in the person's language) by
 * SMS through the outbox, to the number recorded for the case (the caller reads it from the case,
 * never from the form); audited in the same write, with whether it was a confirmed second send.
 */
export async function sendReceiptBySms(deps: { db: Db; now: () => number }, user: StaffUser, complaint: ComplaintRow, phoneE164: string, resend = false) {
  const now = deps.now();
  await atomic(deps.db, [
    enqueueOutbound(deps.db, { channel: "sms", address: phoneE164, lang: complaint.lang, body: filedMessage(complaint), ref: complaintRef(complaint.code) }, now),
    staffAudit(deps.db, { staffId: user.id, action: "helpdesk.receipt_sms", subject: `complaint:${complaint.code}`, detail: { district: user.district, resend } }, now),
  ]);
}
