import { z } from "zod";
import type { DeliveryStatus } from "../../services/outbox/record-delivery";

/** A delivery receipt for an SMS we sent, normalized whichever gateway reported it. */
export interface SmsReceipt {
  providerId: string;
  status: DeliveryStatus;
  /** undelivered/failed: the provider's code and what it means, e.g. "30003 Unreachable destination handset" */
  error?: string;
}

export type ReceiptParse = { ok: true; receipt: SmsReceipt } | { ok: true; receipt: null; ignored: string } | { ok: false; field: string; message: string };

// Twilio's MessageStatus values → ours. accepted/scheduled/sending are steps before "sent";
// canceled is a send that never happened; receiving/received describe inbound messages.
const TWILIO_STATUSES: Record<string, DeliveryStatus | null> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "queued",
  sent: "sent",
  delivered: "delivered",
  read: "read",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
  receiving: null,
  received: null,
};

// What staff should read for Twilio's most frequent delivery errors (Twilio's error dictionary);
// any other code is kept as the number alone.
const TWILIO_ERRORS: Record<string, string> = {
  "30001": "Queue overflow",
  "30002": "Account suspended",
  "30003": "Unreachable destination handset",
  "30004": "Message blocked",
  "30005": "Unknown destination handset",
  "30006": "Landline or unreachable carrier",
  "30007": "Message filtered by the carrier",
  "30008": "Unknown error",
  "30034": "Message blocked (unregistered sender)",
  "21610": "Recipient unsubscribed (STOP)",
  "21614": "Not a mobile number",
};

function errorText(code: string | null, message: string | null): string | undefined {
  const c = code?.trim();
  if (!c && !message) return undefined;
  // Twilio's ErrorMessage may quote the number: keep our own wording for the code we know
  const meaning = c ? TWILIO_ERRORS[c] : undefined;
  return [c, meaning ?? (message ? message.replace(/\+?\d{7,}/g, "…").slice(0, 200) : undefined)].filter(Boolean).join(" ");
}

/** Twilio's StatusCallback form (`MessageSid`, `MessageStatus`, `ErrorCode`, …). */
export function parseTwilioReceipt(form: URLSearchParams): ReceiptParse {
  const providerId = (form.get("MessageSid") ?? form.get("SmsSid"))?.trim();
  if (!providerId) return { ok: false, field: "MessageSid", message: "required" };
  const raw = (form.get("MessageStatus") ?? form.get("SmsStatus"))?.trim().toLowerCase();
  if (!raw) return { ok: false, field: "MessageStatus", message: "required" };
  if (!(raw in TWILIO_STATUSES)) return { ok: true, receipt: null, ignored: `unknown status ${raw.slice(0, 30)}` };
  const status = TWILIO_STATUSES[raw];
  if (!status) return { ok: true, receipt: null, ignored: `inbound status ${raw}` };
  const error = status === "failed" || status === "undelivered" ? (errorText(form.get("ErrorCode"), form.get("ErrorMessage")) ?? (raw === "canceled" ? "canceled" : undefined)) : undefined;
  return { ok: true, receipt: { providerId, status, ...(error ? { error } : {}) } };
}

/** `POST /channels/sms/status` body: the generic gateway's receipt. */
export const gatewayReceiptSchema = z.object({
  id: z.string().trim().min(1).max(200),
  status: z.enum(["queued", "sent", "delivered", "undelivered", "failed"]),
  errorCode: z.union([z.string().max(40), z.number().int()]).optional(),
  errorMessage: z.string().max(500).optional(),
});

export function parseGatewayReceipt(raw: string): ReceiptParse {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, field: "body", message: "not valid JSON" };
  }
  const parsed = gatewayReceiptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue.path.join(".") || "body", message: issue.message };
  }
  const { id, status, errorCode, errorMessage } = parsed.data;
  const failed = status === "failed" || status === "undelivered";
  const error = failed ? ([errorCode, errorMessage?.replace(/\+?\d{7,}/g, "…")].filter((v) => v !== undefined && v !== "").join(" ") || undefined) : undefined;
  return { ok: true, receipt: { providerId: id, status, ...(error ? { error } : {}) } };
}

/** A form Twilio posts about a message's delivery, not a message from a person: no Body, a MessageStatus. */
export function isTwilioStatusForm(form: URLSearchParams): boolean {
  return !form.has("Body") && (form.has("MessageStatus") || form.has("SmsStatus"));
}
