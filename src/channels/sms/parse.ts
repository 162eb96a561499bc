import { z } from "zod";
import { toE164 } from "../shared/phone";

/** One inbound SMS, normalized, whichever gateway delivered it. */
export interface InboundSms {
  provider: "twilio" | "gateway" | "africastalking";
  /** the gateway's id of this message: a repeated delivery carries the same one */
  messageId: string;
  /** E.164 */
  from: string;
  text: string;
  /** attachments (MMS): we read text only */
  media: number;
  /**
   * Twilio's own opt-out handling already acted on this message (its STOP filter: the number is
   * blocked, or unblocked): `OptOutType` when Twilio sends it, else one of Twilio's fixed words
   */
  carrier?: "stop" | "start";
}

export type ParseResult = { ok: true; sms: InboundSms } | { ok: false; field: string; message: string };

// Twilio accepts 1,600 characters per message; anything longer is not a person typing
export const MAX_SMS_TEXT = 1600;

/**
 * Twilio's inbound-message webhook form (`MessageSid`, `From`, `To`, `Body`, `NumMedia`, …).
 * Parsed with `URLSearchParams`, which the signature check needs anyway.
 */
export function parseTwilioForm(form: URLSearchParams): ParseResult {
  const messageId = form.get("MessageSid") ?? form.get("SmsMessageSid") ?? form.get("SmsSid");
  if (!messageId?.trim()) return { ok: false, field: "MessageSid", message: "required" };
  const fromRaw = form.get("From");
  if (!fromRaw?.trim()) return { ok: false, field: "From", message: "required" };
  const from = toE164(fromRaw);
  if (!from) return { ok: false, field: "From", message: "not a valid phone number" };
  const text = form.get("Body") ?? "";
  if (text.length > MAX_SMS_TEXT) return { ok: false, field: "Body", message: `longer than ${MAX_SMS_TEXT} characters` };
  const media = Number(form.get("NumMedia") ?? "0");
  const carrier = twilioOptOut(form.get("OptOutType"), text);
  return { ok: true, sms: { provider: "twilio", messageId: messageId.trim(), from, text, media: Number.isFinite(media) ? media : 0, ...(carrier ? { carrier } : {}) } };
}

// Twilio's default opt-out and opt-in words (long codes; a Messaging Service with Advanced
// Opt-Out names its own and sends `OptOutType`): Twilio blocks or unblocks the number itself
// whatever we answer, so our record must follow, or notices go on being tried at a blocked number
const TWILIO_STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const TWILIO_START_WORDS = new Set(["START", "YES", "UNSTOP"]);

function twilioOptOut(optOutType: string | null, body: string): "stop" | "start" | undefined {
  const type = optOutType?.trim().toUpperCase();
  if (type === "STOP") return "stop";
  if (type === "START") return "start";
  if (type) return undefined; // HELP: nothing changes
  const word = body.trim().toUpperCase();
  return TWILIO_STOP_WORDS.has(word) ? "stop" : TWILIO_START_WORDS.has(word) ? "start" : undefined;
}

/**
 * The generic gateway's JSON body, for aggregators that are not Twilio-compatible:
 * `{"id": "…", "from": "+51987654321", "to": "…", "text": "MENU"}`.
 */
const gatewaySchema = z.object({
  id: z.string().trim().min(1).max(200),
  from: z.string().trim().min(1).max(40),
  to: z.string().trim().max(40).optional(),
  text: z.string().max(MAX_SMS_TEXT),
});

export function parseGatewayJson(raw: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, field: "body", message: "not valid JSON" };
  }
  const parsed = gatewaySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue.path.join(".") || "body", message: issue.message };
  }
  const from = toE164(parsed.data.from);
  if (!from) return { ok: false, field: "from", message: "not a valid phone number" };
  return { ok: true, sms: { provider: "gateway", messageId: parsed.data.id, from, text: parsed.data.text, media: 0 } };
}
