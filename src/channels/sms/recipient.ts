// What every SMS provider's outbox sender does around its own request: where the message goes,
// its text, and a request that did not reach the provider.
import type { Translator } from "../../i18n/translator";
import type { OutboundMessage, SendResult } from "../../services/outbox/types";
import { telUrn, toE164 } from "../shared/phone";
import { renderSmsMessages, shapeSms } from "./render";

/** an outbox body that is a reply already shaped for SMS (the inbound route did it): sent as it is */
export const SMS_TEXT_KEY = "sms:text";

// the one message an opted-out number still receives: the confirmation of its BAJA
const OPT_OUT_CONFIRMATION = "sms:optout";

/**
 * Where an outbox SMS goes, for every SMS provider: the E.164 number and its urn, or why it must
 * not go (no valid number; the person left with BAJA — only that BAJA's confirmation still goes).
 */
export async function smsRecipient(message: OutboundMessage, isOptedOut: (urn: string) => Promise<boolean>): Promise<{ to: string; urn: string } | { refused: SendResult }> {
  const to = toE164(message.address.replace(/^tel:/, ""));
  if (!to) return { refused: { ok: false, retryable: false, error: "not a valid phone number" } };
  const urn = telUrn(to);
  const isConfirmation = message.body.some((m) => m.key === OPT_OUT_CONFIRMATION);
  if (!isConfirmation && (await isOptedOut(urn))) return { refused: { ok: false, retryable: false, error: "recipient opted out (BAJA)" } };
  return { to, urn };
}

/**
 * The text an outbox SMS carries: a reply already shaped goes as it is; a notice is rendered in the
 * person's language, folded to GSM-7 and capped, `rest` what the cap held back (for MAS).
 */
export function smsText(message: OutboundMessage, i18n: Translator, maxSegments: number): { text: string; rest: string | null } {
  const [only] = message.body;
  if (message.body.length === 1 && only!.key === SMS_TEXT_KEY) return { text: String(only!.params?.text ?? ""), rest: null };
  return shapeSms(renderSmsMessages(message.lang, message.body, i18n), message.lang, maxSegments, i18n);
}

/** The provider's answer, or a retryable failure when the request never got one (refused, DNS, timeout). */
export async function postToProvider(doFetch: typeof fetch, endpoint: string, init: { headers: Record<string, string>; body: string }, timeoutMs = 10_000): Promise<Response | SendResult> {
  try {
    return await doFetch(endpoint, { method: "POST", ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // the provider may be fine a moment later
    return { ok: false, retryable: true, error: `network: ${error instanceof Error ? error.name : "error"}` };
  }
}
