import { Hono } from "hono";
import type { WhatsAppConfig } from "../../config";
import type { ChannelProfile } from "../../domain/messages";
import type { Logger } from "../../logging/logger";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import type { DeliveryUpdate } from "../../services/outbox/record-delivery";
import { telUrn, toE164 } from "../shared/phone";
import { parseWhatsAppWebhook, type ProviderError, type Sender, type WhatsAppEvent } from "./parse";
import { constantTimeEqual, verifyMetaSignature } from "./verify";

// seven choices + "more" + "back" + "menu" = the ten rows a WhatsApp list can hold
export const WHATSAPP_PROFILE: ChannelProfile = { name: "whatsapp", pageSize: 7, maxScreenChars: 4096, charset: "ucs2", typing: "keyboard", buttons: true, maxDescription: 1000, canSendLater: true, notices: "whatsapp" };

export interface WhatsAppDeps {
  config: WhatsAppConfig;
  handleTurn(turn: Turn): Promise<TurnResult>;
  recordDeliveryStatus(update: DeliveryUpdate): Promise<boolean>;
  logger: Logger;
  /** called after replies were put in the outbox, so the dispatcher can send them now; a
   * returned promise is handed to the Workers runtime's `waitUntil` (it outlives the response) */
  onOutboxEnqueued?: () => void | Promise<unknown>;
  /** records a message too old to answer (issue 14 item 9) or written in a group: stored as received, no turn */
  recordStaleInbound?: (message: { externalId: string; address: string; sentAt: number }) => Promise<void>;
  /** counts an error Meta reported (`/metrics`: orienta_provider_errors_total) */
  countProviderError?: (error: { channel: string; scope: "webhook" | "message" | "status"; code: number }) => void;
  now?: () => number;
}

/** Meta retries a webhook for up to 7 days: anything older is a replay, not a person waiting. */
export const WHATSAPP_MAX_AGE_MS = 7 * 24 * 3_600_000;

const encoder = new TextEncoder();

/**
 * `GET /channels/whatsapp`: Meta's webhook verification. `POST /channels/whatsapp`: messages
 * and delivery statuses, signature checked over the raw body before anything is read.
 * Error policy (as courier does it): a bad signature is a 401 and nothing is stored; anything
 * well-signed gets a 200, even content we cannot use, so Meta does not retry it forever; a
 * failure of our own (database down) is a 500, so Meta retries and the duplicate check makes
 * that retry safe.
 */
export function whatsappRoutes(deps: WhatsAppDeps): Hono {
  const app = new Hono();
  const { config, logger } = deps;

  app.get("/", (c) => {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token") ?? "";
    const challenge = c.req.query("hub.challenge") ?? "";
    const expected = config.verifyToken;
    if (mode === "subscribe" && expected && challenge && constantTimeEqual(encoder.encode(token), encoder.encode(expected))) {
      return c.text(challenge, 200);
    }
    logger.warn({ channel: "whatsapp", mode: mode ?? null }, "webhook verification refused");
    return c.text("forbidden", 403);
  });

  app.post("/", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (!(await verifyMetaSignature(config.appSecret, body, c.req.header("x-hub-signature-256")))) {
      logger.warn({ channel: "whatsapp", bytes: body.length }, "webhook signature missing or wrong");
      return c.text("invalid signature", 401);
    }
    const parsed = parseWhatsAppWebhook(new TextDecoder().decode(body));
    if (!parsed.ok) {
      logger.warn({ channel: "whatsapp", issue: parsed.issue }, "signed webhook we cannot read: acknowledged and dropped");
      return c.text("EVENT_RECEIVED", 200);
    }
    // what we could not use is said, never silently dropped (a reason, never the payload)
    for (const skipped of parsed.skipped) logger.warn({ channel: "whatsapp", what: skipped.what, reason: skipped.reason }, "webhook item skipped");
    let enqueued = 0;
    for (const event of parsed.events) {
      if (config.phoneNumberId && event.phoneNumberId !== config.phoneNumberId) {
        // another number of the same business account: not ours to answer
        logger.warn({ channel: "whatsapp", kind: event.kind }, "webhook for another phone number id ignored");
        continue;
      }
      if (await handleEvent(event, deps)) enqueued += 1;
    }
    if (enqueued) {
      const sending = deps.onOutboxEnqueued?.();
      if (sending) {
        try {
          c.executionCtx.waitUntil(sending);
        } catch {
          // Node has no execution context: the promise simply runs on
        }
      }
    }
    return c.text("EVENT_RECEIVED", 200);
  });

  return app;
}

/** Meta's errors: logged (the logger scrubs numbers out of titles) and counted. */
function reportErrors(deps: WhatsAppDeps, scope: "webhook" | "message" | "status", errors: ProviderError[] | undefined): void {
  for (const error of errors ?? []) {
    deps.logger.warn({ channel: "whatsapp", scope, code: error.code, title: error.title }, "whatsapp reports an error");
    deps.countProviderError?.({ channel: "whatsapp", scope, code: error.code });
  }
}

/**
 * The sender's address: the phone in E.164 when Meta gives one, else the business-scoped user
 * id (replies go to it as Meta's `recipient`). The contact is `tel:+51…` or `bsuid:US.…`.
 */
function addressOf(sender: Sender): { urn: string; address: string; userId?: string } | null {
  // the wa_id is a number WhatsApp itself verified: one our phone metadata does not accept (a
  // Mexican mobile's wa_id keeps the old "1": 521…; a range newer than libphonenumber's data) is
  // still the person's address, taken as Meta wrote it, never a reason to drop their message
  const phone = sender.phone ? toE164(`+${sender.phone}`) ?? (/^[1-9]\d{7,14}$/.test(sender.phone) ? `+${sender.phone}` : null) : null;
  if (phone) return { urn: telUrn(phone), address: phone, ...(sender.userId ? { userId: sender.userId } : {}) };
  if (sender.userId) return { urn: `bsuid:${sender.userId}`, address: sender.userId, userId: sender.userId };
  return null;
}

/** One event; true when a reply was put in the outbox. */
async function handleEvent(event: WhatsAppEvent, deps: WhatsAppDeps): Promise<boolean> {
  if (event.kind === "error") {
    reportErrors(deps, "webhook", event.errors);
    return false;
  }
  if (event.kind === "status") {
    // matched by Meta's message id, whether the recipient was a phone or a user id
    const found = await deps.recordDeliveryStatus({ channel: "whatsapp", providerId: event.providerId, status: event.status, at: event.at, error: event.error });
    if (!found) deps.logger.debug({ channel: "whatsapp", status: event.status }, "status for a message we do not know");
    if (event.status === "failed") reportErrors(deps, "status", event.errors ?? [{ code: 0, title: "failed" }]);
    return false;
  }
  reportErrors(deps, "message", "errors" in event ? event.errors : undefined);
  const who = addressOf(event.sender);
  if (!who) {
    deps.logger.warn({ channel: "whatsapp", kind: event.kind }, "sender is neither a valid phone number nor a user id: dropped");
    return false;
  }
  if (event.kind === "group") {
    await deps.recordStaleInbound?.({ externalId: event.id, address: who.address, sentAt: event.sentAt });
    deps.logger.info({ channel: "whatsapp", kind: "group" }, "group message: recorded, not answered");
    return false;
  }
  const age = (deps.now ?? Date.now)() - event.sentAt;
  if (deps.recordStaleInbound && age > WHATSAPP_MAX_AGE_MS) {
    await deps.recordStaleInbound({ externalId: event.id, address: who.address, sentAt: event.sentAt });
    deps.logger.warn({ channel: "whatsapp", kind: event.kind, ageDays: Math.floor(age / 86_400_000) }, "message older than 7 days: recorded, not answered");
    return false;
  }
  const turn: Turn = {
    channel: WHATSAPP_PROFILE,
    urn: who.urn,
    ...(who.userId ? { userId: who.userId } : {}),
    inbound: { id: event.id, sentAt: event.sentAt },
    replyTo: { address: who.address },
    // a welcome request carries nothing to apply: the first screen (the language question) is the greeting
    ...(event.kind === "message" ? { text: event.text } : event.kind === "welcome" ? {} : { notice: { key: "whatsapp:media_unsupported" } }),
    // words written under a photo: answered, with a word that the photo itself was not seen
    ...(event.kind === "message" && event.via === "caption" ? { notice: { key: "whatsapp:caption_only" } } : {}),
    // a tap on an old menu must not be read against the current screen
    ...(event.kind === "message" && event.answers ? { answers: { providerId: event.answers, notice: { key: "whatsapp:stale_menu" } } } : {}),
  };
  const result = await deps.handleTurn(turn);
  if (result.duplicate) deps.logger.info({ channel: "whatsapp", kind: event.kind }, "duplicate delivery ignored");
  return !result.duplicate;
}
