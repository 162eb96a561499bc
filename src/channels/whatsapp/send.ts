import type { WhatsAppConfig } from "../../config";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";
import type { OutboundMessage, SendResult, Sender } from "../../services/outbox/types";
import { renderWhatsAppReply, renderWhatsAppTemplate, type GraphMessage } from "./render";

/** Meta lets a business answer freely for 24 hours after the person's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

// Graph error codes that mean "later", even when the HTTP status is 400: throttling
// (4, 80007, 130429, 131048, 131056) and Meta's own temporary trouble (1, 2, 131000, 131016, 133004)
const RETRYABLE_GRAPH_CODES = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

export interface WhatsAppSenderDeps {
  config: WhatsAppConfig & { accessToken: string; phoneNumberId: string };
  i18n: Translator;
  now: () => number;
  logger: Logger;
  fetch?: typeof fetch;
}

export type WindowDecision = { kind: "free-form" } | { kind: "template" } | { kind: "closed" };

/**
 * Free-form only while the person's last message is less than 24 hours old. Outside it a
 * notice becomes a template; a conversation reply (it has choices) is not sent at all, since
 * the person has long moved on and will get a fresh screen when they write again.
 */
export function chooseDelivery(message: Pick<OutboundMessage, "lastInboundAt" | "choices">, now: number): WindowDecision {
  const open = message.lastInboundAt !== null && now - message.lastInboundAt < SERVICE_WINDOW_MS;
  if (open) return { kind: "free-form" };
  return message.choices ? { kind: "closed" } : { kind: "template" };
}

/** Builds the exact JSON body sent to the Graph API for an outbox message. */
export function whatsappPayload(message: OutboundMessage, deps: Pick<WhatsAppSenderDeps, "config" | "i18n">, now: number): { payload: GraphMessage; truncated: string[] } | { closed: true } {
  const to = message.address;
  const decision = chooseDelivery(message, now);
  if (decision.kind === "closed") return { closed: true };
  if (decision.kind === "template") return renderWhatsAppTemplate(message.body, deps.i18n, deps.config.templates, to);
  const choices = message.choices ?? { options: [], nav: { more: false, back: false, home: false } };
  return renderWhatsAppReply({ lang: message.lang, messages: message.body, ...choices }, deps.i18n, to);
}

/**
 * The outbox's sender for WhatsApp: `POST {graph}/{version}/{phone-number-id}/messages` with
 * the bearer token. 429, 5xx, timeouts and Meta's throttling codes are retryable (the dispatcher
 * backs off); any other refusal is permanent and recorded on the outbox row. Every request
 * carries the outbox id as `Idempotency-Key`.
 */
export function createWhatsAppSender(deps: WhatsAppSenderDeps): Sender {
  const doFetch = deps.fetch ?? fetch;
  const { graphUrl, graphVersion, phoneNumberId, accessToken } = deps.config;
  const url = `${graphUrl}/${graphVersion}/${phoneNumberId}/messages`;
  return {
    channel: "whatsapp",
    async send(message: OutboundMessage): Promise<SendResult> {
      const built = whatsappPayload(message, deps, deps.now());
      if ("closed" in built) return { ok: false, retryable: false, error: "24-hour window closed: a conversation reply is not sent as a template" };
      if (built.truncated.length) deps.logger.warn({ channel: "whatsapp", outboxId: message.id, truncated: built.truncated }, "whatsapp message cut to fit");
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          // the Graph API ignores this header (Meta does not dedupe sends); a proxy that honours it can
          // drop the resend of a message whose "sent" mark a crash lost (RELIABILITY.md)
          headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json", "idempotency-key": message.id },
          body: JSON.stringify(built.payload),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        return { ok: false, retryable: true, error: `network: ${(error as Error).name}: ${(error as Error).message}` };
      }
      const json = (await response.json().catch(() => null)) as GraphResponse | null;
      if (response.ok) {
        const providerId = json?.messages?.[0]?.id;
        return providerId ? { ok: true, providerId } : { ok: true };
      }
      const code = json?.error?.code;
      const retryable = response.status === 429 || response.status >= 500 || (code !== undefined && RETRYABLE_GRAPH_CODES.has(code));
      const detail = [code, json?.error?.message, json?.error?.error_data?.details].filter((v) => v !== undefined && v !== "").join(" ");
      return { ok: false, retryable, error: `HTTP ${response.status}${detail ? ` ${detail}` : ""}` };
    },
  };
}

interface GraphResponse {
  messages?: { id?: string }[];
  error?: { code?: number; message?: string; error_data?: { details?: string } };
}
