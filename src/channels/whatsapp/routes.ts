import { Hono } from "hono";
import type { WhatsAppConfig } from "../../config";
import type { ChannelProfile } from "../../domain/messages";
import type { Logger } from "../../logging/logger";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import type { DeliveryUpdate } from "../../services/outbox/record-delivery";
import { telUrn, toE164 } from "../shared/phone";
import { parseWhatsAppWebhook, type WhatsAppEvent } from "./parse";
import { constantTimeEqual, verifyMetaSignature } from "./verify";

// seven choices + "more" + "back" + "menu" = the ten rows a WhatsApp list can hold
export const WHATSAPP_PROFILE: ChannelProfile = { name: "whatsapp", pageSize: 7, maxScreenChars: 4096, charset: "ucs2", typing: "keyboard", buttons: true, maxDescription: 1000, canSendLater: true };

export interface WhatsAppDeps {
  config: WhatsAppConfig;
  handleTurn(turn: Turn): Promise<TurnResult>;
  recordDeliveryStatus(update: DeliveryUpdate): Promise<boolean>;
  logger: Logger;
  /** called after replies were put in the outbox, so the dispatcher can send them now; a
   * returned promise is handed to the Workers runtime's `waitUntil` (it outlives the response) */
  onOutboxEnqueued?: () => void | Promise<unknown>;
  /** records a message too old to answer (issue 14 item 9): stored as received, no turn */
  recordStaleInbound?: (message: { externalId: string; address: string; sentAt: number }) => Promise<void>;
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
    if (parsed.skipped) logger.warn({ channel: "whatsapp", skipped: parsed.skipped }, "webhook items skipped (malformed)");
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

/** One event; true when a reply was put in the outbox. */
async function handleEvent(event: WhatsAppEvent, deps: WhatsAppDeps): Promise<boolean> {
  if (event.kind === "status") {
    const found = await deps.recordDeliveryStatus({ channel: "whatsapp", providerId: event.providerId, status: event.status, at: event.at, error: event.error });
    if (!found) deps.logger.debug({ channel: "whatsapp", status: event.status }, "status for a message we do not know");
    if (event.status === "failed") deps.logger.warn({ channel: "whatsapp", error: event.error ?? null }, "whatsapp reports a message failed");
    return false;
  }
  const phone = toE164(`+${event.from}`);
  if (!phone) {
    deps.logger.warn({ channel: "whatsapp", kind: event.kind }, "sender is not a valid phone number: dropped");
    return false;
  }
  const age = (deps.now ?? Date.now)() - event.sentAt;
  if (deps.recordStaleInbound && age > WHATSAPP_MAX_AGE_MS) {
    await deps.recordStaleInbound({ externalId: event.id, address: phone, sentAt: event.sentAt });
    deps.logger.warn({ channel: "whatsapp", kind: event.kind, ageDays: Math.floor(age / 86_400_000) }, "message older than 7 days: recorded, not answered");
    return false;
  }
  const turn: Turn = {
    channel: WHATSAPP_PROFILE,
    urn: telUrn(phone),
    inbound: { id: event.id, sentAt: event.sentAt },
    replyTo: { address: phone },
    ...(event.kind === "message" ? { text: event.text } : { notice: { key: "whatsapp:media_unsupported" } }),
    // a tap on an old menu must not be read against the current screen
    ...(event.kind === "message" && event.answers ? { answers: { providerId: event.answers, notice: { key: "whatsapp:stale_menu" } } } : {}),
  };
  const result = await deps.handleTurn(turn);
  if (result.duplicate) deps.logger.info({ channel: "whatsapp", kind: event.kind }, "duplicate delivery ignored");
  return !result.duplicate;
}
