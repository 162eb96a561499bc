import { Hono } from "hono";
import type { SmsConfig } from "../../config";
import { handleInboundSms, type SmsDeps } from "./handle";
import { parseGatewayJson, parseTwilioForm } from "./parse";
import { twiml } from "./render";
import { GATEWAY_SIGNATURE_HEADER, verifyGatewaySignature } from "./verify";
import { signedTwilioForm } from "../shared/twilio-form";
import { isTwilioStatusForm, parseGatewayReceipt, parseTwilioReceipt, type SmsReceipt } from "./status";
import type { DeliveryUpdate } from "../../services/outbox/record-delivery";
import type { Context, MiddlewareHandler } from "hono";
import type { Message } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import { ussdGatewayAuth } from "../ussd/auth";
import { telUrn, toE164 } from "../shared/phone";
import { AT_BLACKLISTED, parseAfricasTalkingForm, parseAfricasTalkingReceipt, SMS_TEXT_KEY } from "./africastalking";

export interface SmsRouteDeps extends SmsDeps {
  config: Pick<SmsConfig, "twilio" | "gatewaySecret"> & Partial<Pick<SmsConfig, "africastalking">>;
  /** a delivery receipt recorded on the outbox row it is about; false when no such row */
  recordDeliveryStatus(update: DeliveryUpdate): Promise<boolean>;
  /** Africa's Talking answers through its API, never in the callback's response: the reply goes into the outbox */
  enqueueReply?(reply: { address: string; lang: Lang; body: Message[]; ref: string }): Promise<void>;
  /** a provider says the person blocked our sender (AT's UserInBlackList report): remember it as a BAJA */
  markOptedOut?(urn: string): Promise<void>;
  /** told when a reply was put in the outbox (Node: dispatch at once; Workers: waitUntil) */
  onOutboxEnqueued?: () => void | Promise<unknown>;
}

const TWIML = { "content-type": "text/xml; charset=utf-8" };

/**
 * `POST /channels/sms/twilio`: Twilio's inbound-message webhook, signature checked before
 * anything is read or stored, answered with TwiML.
 * `POST /channels/sms`: the generic JSON gateway, HMAC-SHA256 over the raw body, answered with JSON.
 * `POST /channels/sms/twilio/status`, `POST /channels/sms/status`: delivery receipts, signed the same
 * ways; a receipt for an id we do not know is acknowledged and not stored.
 * Error policy: a bad signature is 403 and nothing stored; a malformed request is 400 naming the
 * field; an unconfigured endpoint is 503 (it cannot check who is calling).
 */
export function smsRoutes(deps: SmsRouteDeps): Hono {
  const app = new Hono();

  /** The form Twilio posted, when its signature is good (checked before anything is read). */
  async function signedForm(c: Context): Promise<URLSearchParams | Response> {
    const twilio = deps.config.twilio;
    if (!twilio) return c.text("sms via twilio is not configured", 503);
    return signedTwilioForm(c, twilio, { logger: deps.logger, channel: "sms" });
  }

  async function record(receipt: SmsReceipt, provider: string): Promise<boolean> {
    const found = await deps.recordDeliveryStatus({ channel: "sms", providerId: receipt.providerId, status: receipt.status, at: deps.now(), error: receipt.error });
    if (!found) deps.logger.info({ channel: "sms", provider, status: receipt.status }, "delivery receipt for a message we do not know: acknowledged");
    if (receipt.error) deps.logger.warn({ channel: "sms", provider, status: receipt.status, error: receipt.error }, "sms not delivered");
    return found;
  }

  // Africa's Talking: both callbacks authenticated as its USSD callback is (key and/or CIDRs),
  // checked before the body is read; not configured (no AT_USERNAME/AT_API_KEY): 503, as a reply
  // could never be sent
  const at = deps.config.africastalking ?? null;
  const atAuth: MiddlewareHandler | null = at ? ussdGatewayAuth(at.auth) : null;
  app.use("/africastalking/*", async (c, next) => {
    if (!atAuth) return c.text("sms via africastalking is not configured", 503);
    return atAuth(c, next);
  });

  // AT's inbound SMS callback: the answer goes out through the outbox (AT's messaging API); the
  // callback is acknowledged with 200 and an empty body. A retried callback (same `id`) is applied once.
  app.post("/africastalking", async (c) => {
    const parsed = parseAfricasTalkingForm(new URLSearchParams(await c.req.text()));
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    const answer = await handleInboundSms(deps, parsed.sms);
    if (answer.text !== null && answer.lang && deps.enqueueReply) {
      // the confirmation of a BAJA is written as its key, which the sender lets through to an opted-out number
      const body: Message[] = answer.optOut ? [{ key: "sms:optout" }] : [{ key: SMS_TEXT_KEY, params: { text: answer.text } }];
      await deps.enqueueReply({ address: telUrn(parsed.sms.from), lang: answer.lang, body, ref: `reply:${parsed.sms.messageId}` });
      const sending = deps.onOutboxEnqueued?.();
      if (sending) {
        try {
          c.executionCtx.waitUntil(sending);
        } catch {
          // Node has no execution context: the promise simply runs on
        }
      }
    }
    return c.body(null, 200);
  });

  // AT's delivery reports: Sent/Submitted/Buffered → sent, Success → delivered, Rejected → failed,
  // Failed → undelivered (with AT's failureReason)
  app.post("/africastalking/status", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const parsed = parseAfricasTalkingReceipt(form);
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    if (!parsed.receipt) {
      deps.logger.info({ channel: "sms", provider: "africastalking", reason: parsed.ignored }, "africastalking delivery report ignored");
      return c.body(null, 200);
    }
    const found = await record(parsed.receipt, "africastalking");
    // the person blacklisted our sender at AT: nothing more will reach them, so stop trying (as Twilio's 21610)
    const phone = toE164(form.get("phoneNumber") ?? "");
    if (found && phone && form.get("failureReason")?.trim() === AT_BLACKLISTED) await deps.markOptedOut?.(telUrn(phone));
    return c.body(null, 200);
  });

  // AT's "Bulk SMS Opt Out" notification (`senderId`, `phoneNumber`): the person opted out of our
  // sender id at AT, which will refuse every send to them (406 UserInBlacklist); recorded as a BAJA
  app.post("/africastalking/optout", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const raw = form.get("phoneNumber");
    if (!raw?.trim()) return c.text("bad request: phoneNumber: required", 400);
    const phone = toE164(raw);
    if (!phone) return c.text("bad request: phoneNumber: not a valid phone number", 400);
    await deps.markOptedOut?.(telUrn(phone));
    deps.logger.info({ channel: "sms", provider: "africastalking" }, "opt-out notified by africastalking: recorded");
    return c.body(null, 200);
  });

  app.post("/twilio", async (c) => {
    const form = await signedForm(c);
    if (form instanceof Response) return form;
    // a StatusCallback pointed at this route: a receipt, never a person's message
    if (isTwilioStatusForm(form)) {
      const parsed = parseTwilioReceipt(form);
      if (parsed.ok && parsed.receipt) await record(parsed.receipt, "twilio");
      return c.body(twiml(null), 200, TWIML);
    }
    const parsed = parseTwilioForm(form);
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    const answer = await handleInboundSms(deps, parsed.sms);
    return c.body(twiml(answer.text), 200, TWIML);
  });

  // Twilio's StatusCallback (set on every send): queued → sent → delivered, or undelivered/failed
  app.post("/twilio/status", async (c) => {
    const form = await signedForm(c);
    if (form instanceof Response) return form;
    const parsed = parseTwilioReceipt(form);
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    if (!parsed.receipt) deps.logger.info({ channel: "sms", provider: "twilio", reason: parsed.ignored }, "twilio status ignored");
    else await record(parsed.receipt, "twilio");
    return c.body(twiml(null), 200, TWIML);
  });

  // the generic gateway's receipts, signed like its inbound messages
  app.post("/status", async (c) => {
    const secret = deps.config.gatewaySecret;
    if (!secret) return c.json({ error: "not_configured", message: "SMS_GATEWAY_SECRET is not set" }, 503);
    const body = await c.req.text();
    if (!(await verifyGatewaySignature(secret, body, c.req.header(GATEWAY_SIGNATURE_HEADER)))) {
      deps.logger.warn({ channel: "sms", provider: "gateway" }, "rejected sms receipt: bad signature");
      return c.json({ error: "bad_signature", message: "signature missing or wrong" }, 403);
    }
    const parsed = parseGatewayReceipt(body);
    if (!parsed.ok) return c.json({ error: "bad_request", field: parsed.field, message: parsed.message }, 400);
    const recorded = parsed.receipt ? await record(parsed.receipt, "gateway") : false;
    return c.json({ recorded });
  });

  app.post("/", async (c) => {
    const secret = deps.config.gatewaySecret;
    if (!secret) return c.json({ error: "not_configured" }, 503);
    const body = await c.req.text();
    if (!(await verifyGatewaySignature(secret, body, c.req.header(GATEWAY_SIGNATURE_HEADER)))) {
      deps.logger.warn({ channel: "sms", provider: "gateway" }, "rejected inbound sms: bad signature");
      return c.json({ error: "bad_signature" }, 403);
    }
    const parsed = parseGatewayJson(body);
    if (!parsed.ok) return c.json({ error: "bad_request", field: parsed.field, message: parsed.message }, 400);
    const answer = await handleInboundSms(deps, parsed.sms);
    return c.json({ reply: answer.text, duplicate: answer.duplicate });
  });

  return app;
}
