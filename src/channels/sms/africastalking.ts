import type { DeliveryStatus } from "../../services/outbox/record-delivery";
import type { OutboundMessage, Sender, SendResult } from "../../services/outbox/types";
import { toE164 } from "../shared/phone";
import { MAX_SMS_TEXT, type ParseResult } from "./parse";
import { postToProvider, smsRecipient, smsText } from "./recipient";
import type { SmsSenderDeps } from "./send";
import type { ReceiptParse } from "./status";

/**
 * Africa's Talking SMS: its inbound-message callback, its delivery reports and its messaging API.
 * The payloads are AT's (docs.africastalking.com/sms) as RapidPro's courier reads them
 * (handlers/africastalking): form fields, never JSON.
 */

/** Where AT's messaging API lives under the base URL (`AT_SMS_API_URL`, or AT's host / sandbox host). */
export const AT_MESSAGING_PATH = "/version1/messaging";

/**
 * A reply already shaped for SMS (folded, capped, its rest kept for MAS) when it was written:
 * the sender sends the text as it is. Its locale entry is `{{text}}` in every language.
 */
export { SMS_TEXT_KEY } from "./recipient";

/**
 * AT's inbound SMS callback: `from`, `to`, `text`, `date`, `id`, `linkId`, `networkCode`. `id`
 * is AT's message id (a retried callback carries the same one); `text` may be empty (a message
 * with nothing typed), not absent.
 */
export function parseAfricasTalkingForm(form: URLSearchParams): ParseResult {
  const messageId = form.get("id")?.trim();
  if (!messageId) return { ok: false, field: "id", message: "required" };
  if (messageId.length > 200) return { ok: false, field: "id", message: "longer than 200 characters" };
  const fromRaw = form.get("from");
  if (!fromRaw?.trim()) return { ok: false, field: "from", message: "required" };
  const from = toE164(fromRaw);
  if (!from) return { ok: false, field: "from", message: "not a valid phone number" };
  const text = form.get("text");
  if (text === null) return { ok: false, field: "text", message: "required" };
  if (text.length > MAX_SMS_TEXT) return { ok: false, field: "text", message: `longer than ${MAX_SMS_TEXT} characters` };
  return { ok: true, sms: { provider: "africastalking", messageId, from, text, media: 0 } };
}

// AT's delivery report statuses → ours. Sent: left AT's network; Submitted: handed to the mobile
// operator; Buffered: queued by the operator (all three: the carrier has it, Twilio's "sent");
// Success: on the handset. Rejected: the operator refused it (never sent: failed); Failed: could
// not reach the handset (undelivered); Expired (courier maps it too): undelivered.
const AT_STATUSES: Record<string, DeliveryStatus> = {
  Sent: "sent",
  Submitted: "sent",
  Buffered: "sent",
  Success: "delivered",
  Rejected: "failed",
  Failed: "undelivered",
  Expired: "undelivered",
};

// AT's failureReason values (docs.africastalking.com/sms/deliveryreports): the name is the meaning
const AT_FAILURE_REASONS = new Set([
  "InsufficientCredit",
  "InvalidLinkId",
  "UserIsInactive",
  "UserInBlackList",
  "UserAccountSuspended",
  "NotNetworkSubscriber",
  "UserNotSubscribedToProduct",
  "UserDoesNotExist",
  "DeliveryFailure",
  "DoNotDisturbRejection",
]);

/** The failure reason meaning the person blocked our sender at AT (as Twilio's 21610). */
export const AT_BLACKLISTED = "UserInBlackList";

/**
 * AT's delivery report form: `id`, `status`, `failureReason` (Rejected/Failed only),
 * `phoneNumber`, `networkCode`, `retryCount`. An unknown status is acknowledged and ignored, as
 * Twilio's are here (courier answers 400; AT would then retry a report we can never read).
 */
export function parseAfricasTalkingReceipt(form: URLSearchParams): ReceiptParse {
  const providerId = form.get("id")?.trim();
  if (!providerId) return { ok: false, field: "id", message: "required" };
  const raw = form.get("status")?.trim();
  if (!raw) return { ok: false, field: "status", message: "required" };
  const status = AT_STATUSES[raw];
  if (!status) return { ok: true, receipt: null, ignored: `unknown status ${raw.slice(0, 30)}` };
  if (status !== "failed" && status !== "undelivered") return { ok: true, receipt: { providerId, status } };
  // the reason is AT's own word; anything else (free text could quote a number) is not kept
  const reason = form.get("failureReason")?.trim() ?? "";
  const error = AT_FAILURE_REASONS.has(reason) ? `${raw} ${reason}` : raw;
  return { ok: true, receipt: { providerId, status, error } };
}

export interface AfricasTalkingSenderDeps extends SmsSenderDeps {
  at: { username: string; apiKey: string; apiUrl: string; from: string | null };
}


// AT's per-recipient statusCode (docs.africastalking.com/sms/sending): 100 Processed, 101 Sent,
// 102 Queued are accepted. Retryable: 405 InsufficientBalance (sends resume when the account is
// topped up), 500 InternalServerError, 501 GatewayError. 406 UserInBlacklist: the person opted
// out at AT. Any other (401 RiskHold, 402 InvalidSenderId, 403 InvalidPhoneNumber,
// 404 UnsupportedNumberType, 407 CouldNotRoute, 409 DoNotDisturbRejection, 502 RejectedByGateway)
// refuses this message for good.
const ACCEPTED = new Set([100, 101, 102]);
const RETRYABLE = new Set([405, 500, 501]);
const BLACKLISTED = 406;

interface AtRecipient {
  statusCode?: number | string;
  status?: string;
  messageId?: string;
}

/**
 * The outbox's sender for SMS through Africa's Talking's messaging API:
 * `POST {apiUrl}/version1/messaging`, form `username`, `to`, `message`, `from` (when set), header
 * `apiKey`, `Accept: application/json`. A reply written already shaped (`sms:text`) goes as it is;
 * a notice is rendered in the person's language, folded to GSM-7 and capped (its rest kept for
 * MAS). The answer's `SMSMessageData.Recipients[0]` says sent or not; 429, 5xx and network
 * failures are retried with the outbox's backoff, as for Twilio.
 */
export function createAfricasTalkingSender(deps: AfricasTalkingSenderDeps): Sender {
  const doFetch = deps.fetch ?? fetch;
  const { at } = deps;
  const endpoint = `${at.apiUrl}${AT_MESSAGING_PATH}`;

  return {
    channel: "sms",
    async send(message: OutboundMessage): Promise<SendResult> {
      const address = await smsRecipient(message, deps.isOptedOut);
      if ("refused" in address) return address.refused;
      const { to, urn } = address;

      const shaped = smsText(message, deps.i18n, deps.maxSegments);
      const form = new URLSearchParams({ username: at.username, to, message: shaped.text });
      if (at.from) form.set("from", at.from);
      const response = await postToProvider(
        doFetch,
        endpoint,
        { headers: { apiKey: at.apiKey, accept: "application/json", "content-type": "application/x-www-form-urlencoded" }, body: form.toString() },
        deps.timeoutMs,
      );
      if (!(response instanceof Response)) return response;
      // AT answers errors as plain text ("The supplied authentication is invalid"): status only
      const raw = await response.text().catch(() => "");
      if (!response.ok) return { ok: false, retryable: response.status === 429 || response.status >= 500, error: `africastalking ${response.status}` };
      let recipient: AtRecipient | undefined;
      let summary = "";
      try {
        const json = JSON.parse(raw) as { SMSMessageData?: { Message?: string; Recipients?: AtRecipient[] } };
        recipient = json.SMSMessageData?.Recipients?.[0];
        summary = String(json.SMSMessageData?.Message ?? "");
      } catch {
        return { ok: false, retryable: true, error: `africastalking ${response.status}: answer is not JSON` };
      }
      if (!recipient) {
        // no recipient accepted: AT names why in `Message` (e.g. "InvalidPhoneNumber"); a number is never quoted back
        return { ok: false, retryable: false, error: `africastalking: no recipient accepted${/^[A-Za-z]+$/.test(summary) ? ` (${summary})` : ""}` };
      }
      const code = Number(recipient.statusCode);
      const name = /^[A-Za-z]+$/.test(recipient.status ?? "") ? recipient.status : "unknown";
      if (ACCEPTED.has(code) || (!Number.isFinite(code) && recipient.status === "Success")) {
        if (shaped.rest !== null) await deps.saveContinuation(urn, { lang: message.lang, text: shaped.rest });
        const id = recipient.messageId && recipient.messageId !== "None" ? recipient.messageId : undefined;
        return { ok: true, ...(id ? { providerId: id } : {}) };
      }
      if (code === BLACKLISTED) {
        await deps.markOptedOut(urn);
        return { ok: false, retryable: false, error: "recipient opted out at africastalking (406 UserInBlacklist)" };
      }
      return { ok: false, retryable: RETRYABLE.has(code), error: `africastalking ${Number.isFinite(code) ? code : "?"} ${name}` };
    },
  };
}
