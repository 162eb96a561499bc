import type { Sender, SendResult } from "../../services/outbox/types";
import { providerOfRef } from "../../services/voice-callback/ref";

export interface VoiceCallbackSenderConfig {
  twilio: { accountSid: string; authToken: string; apiUrl: string; from: string; publicBaseUrl: string } | null;
  africastalking: { username: string; apiKey: string; apiUrl: string; from: string } | null;
  now: () => number;
  fetch?: typeof fetch;
}

/** a callback later than this would surprise the person: given up instead of placed */
export const CALLBACK_WINDOW_MS = 10 * 60_000;

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * The outbox's sender for channel `voice`: places the missed call's callback through the
 * provider the person called (Twilio `Calls.json`, Africa's Talking's voice `call` API). The
 * provider then calls our voice route (`Direction=outbound-api` / `Outbound`) and the call goes on
 * as any other. Network errors, 429 and 5xx are retried by the outbox; a callback older than ten
 * minutes is given up.
 */
export function createVoiceCallbackSender(config: VoiceCallbackSenderConfig): Sender {
  const http = config.fetch ?? fetch;
  return {
    channel: "voice",
    async send(message): Promise<SendResult> {
      if (config.now() - message.createdAt > CALLBACK_WINDOW_MS) return { ok: false, retryable: false, error: "callback window passed: not called back" };
      const provider = providerOfRef(message.ref);
      try {
        if (provider === "twilio" && config.twilio) {
          const t = config.twilio;
          const form = new URLSearchParams({ To: message.address, From: t.from, Url: `${t.publicBaseUrl}/channels/voice/twilio`, Method: "POST", StatusCallback: `${t.publicBaseUrl}/channels/voice/twilio/status`, StatusCallbackMethod: "POST" });
          const res = await http(`${t.apiUrl}/2010-04-01/Accounts/${t.accountSid}/Calls.json`, {
            method: "POST",
            headers: { authorization: `Basic ${btoa(`${t.accountSid}:${t.authToken}`)}`, "content-type": "application/x-www-form-urlencoded", "idempotency-key": message.id },
            body: form.toString(),
          });
          const body = (await res.json().catch(() => ({}))) as { sid?: string; message?: string };
          if (!res.ok) return { ok: false, retryable: retryable(res.status), error: `twilio ${res.status}: ${body.message ?? "call refused"}` };
          return { ok: true, providerId: body.sid };
        }
        if (provider === "africastalking" && config.africastalking) {
          const a = config.africastalking;
          const res = await http(`${a.apiUrl}/call`, {
            method: "POST",
            headers: { apiKey: a.apiKey, accept: "application/json", "content-type": "application/x-www-form-urlencoded", "idempotency-key": message.id },
            body: new URLSearchParams({ username: a.username, from: a.from, to: message.address }).toString(),
          });
          const body = (await res.json().catch(() => ({}))) as { entries?: { status?: string; sessionId?: string }[]; errorMessage?: string };
          if (!res.ok) return { ok: false, retryable: retryable(res.status), error: `africastalking ${res.status}: ${body.errorMessage ?? "call refused"}` };
          const entry = body.entries?.[0];
          if (entry?.status !== "Queued") return { ok: false, retryable: false, error: `africastalking: ${entry?.status ?? body.errorMessage ?? "not queued"}` };
          return { ok: true, providerId: entry.sessionId };
        }
        return { ok: false, retryable: false, notSent: true, error: `no outbound call provider configured (${provider ?? "unknown"})` };
      } catch (error) {
        return { ok: false, retryable: true, error: `network: ${(error as Error).message}` };
      }
    },
  };
}
