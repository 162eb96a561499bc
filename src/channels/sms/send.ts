import type { Translator } from "../../i18n/translator";
import type { OutboundMessage, Sender, SendResult } from "../../services/outbox/types";
import type { Continuation } from "../../services/sms/store";
import { postToProvider, smsRecipient, smsText } from "./recipient";

/** What every SMS provider's outbox sender needs besides its own credentials. */
export interface SmsSenderDeps {
  i18n: Translator;
  maxSegments: number;
  isOptedOut(urn: string): Promise<boolean>;
  /** the provider says this number unsubscribed (STOP sent to it directly, AT's blacklist): remember it as a BAJA */
  markOptedOut(urn: string): Promise<void>;
  /** keeps what the segment cap held back, so the person can text MAS for it */
  saveContinuation(urn: string, value: Continuation | null): Promise<void>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface TwilioSenderDeps extends SmsSenderDeps {
  twilio: { accountSid: string; authToken: string; from: string | null; messagingServiceSid?: string | null; apiUrl: string; publicBaseUrl?: string };
}

/** Where Twilio posts delivery receipts (its StatusCallback). */
export const TWILIO_STATUS_PATH = "/channels/sms/twilio/status";

// Twilio error 21610: "Attempt to send to unsubscribed recipient" (the person texted STOP to
// Twilio's number, which Twilio handles itself before we ever see it)
const TWILIO_UNSUBSCRIBED = 21610;

/**
 * The outbox's sender for SMS through Twilio's Messages API (or any API compatible with it:
 * `POST {TWILIO_API_URL}/2010-04-01/Accounts/{sid}/Messages.json`, Basic auth, form `To`,
 * `From` or `MessagingServiceSid`, `Body`, and `StatusCallback` so Twilio reports delivery to
 * `/channels/sms/twilio/status`). The body is rendered at send time in the person's language, folded to GSM-7
 * and capped. 429, 5xx and network failures are retryable; other refusals are permanent.
 * Every request carries the outbox id as `Idempotency-Key`.
 */
export function createTwilioSender(deps: TwilioSenderDeps): Sender {
  const doFetch = deps.fetch ?? fetch;
  const { twilio } = deps;
  const endpoint = `${twilio.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(twilio.accountSid)}/Messages.json`;
  const authorization = "Basic " + btoa(`${twilio.accountSid}:${twilio.authToken}`);
  // a Messaging Service picks the sender itself; else our one number
  const sender: Record<string, string> = twilio.messagingServiceSid ? { MessagingServiceSid: twilio.messagingServiceSid } : { From: twilio.from ?? "" };
  // delivery receipts come back to us (signed like the inbound webhook) when we have a public URL
  const callback: Record<string, string> = twilio.publicBaseUrl ? { StatusCallback: `${twilio.publicBaseUrl}${TWILIO_STATUS_PATH}` } : {};

  return {
    channel: "sms",
    async send(message: OutboundMessage): Promise<SendResult> {
      const recipient = await smsRecipient(message, deps.isOptedOut);
      if ("refused" in recipient) return recipient.refused;
      const { to, urn } = recipient;

      const capped = smsText(message, deps.i18n, deps.maxSegments);
      const response = await postToProvider(
        doFetch,
        endpoint,
        {
          // Twilio ignores this header (its Messages API does not dedupe); a gateway or proxy that
          // honours it can drop the resend of a message whose "sent" mark a crash lost (RELIABILITY.md)
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json", "idempotency-key": message.id },
          body: new URLSearchParams({ To: to, ...sender, Body: capped.text, ...callback }).toString(),
        },
        deps.timeoutMs,
      );
      if (!(response instanceof Response)) return response;
      const json = (await response.json().catch(() => ({}))) as { sid?: string; code?: number; status?: string };
      if (response.ok) {
        if (capped.rest !== null) await deps.saveContinuation(urn, { lang: message.lang, text: capped.rest });
        return { ok: true, providerId: json.sid };
      }
      if (json.code === TWILIO_UNSUBSCRIBED) {
        await deps.markOptedOut(urn);
        return { ok: false, retryable: false, error: "recipient opted out at the carrier (twilio code 21610)" };
      }
      // Twilio's `message` may quote the phone number: keep only status and error code
      const error = `twilio ${response.status}${json.code ? ` code ${json.code}` : ""}`;
      return { ok: false, retryable: response.status === 429 || response.status >= 500, error };
    },
  };
}
