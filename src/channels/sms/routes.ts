import { Hono } from "hono";
import type { SmsConfig } from "../../config";
import { handleInboundSms, type SmsDeps } from "./handle";
import { parseGatewayJson, parseTwilioForm } from "./parse";
import { twiml } from "./render";
import { GATEWAY_SIGNATURE_HEADER, verifyGatewaySignature, verifyTwilioSignature } from "./verify";

export interface SmsRouteDeps extends SmsDeps {
  config: Pick<SmsConfig, "twilio" | "gatewaySecret">;
}

const TWIML = { "content-type": "text/xml; charset=utf-8" };

/**
 * `POST /channels/sms/twilio`: Twilio's inbound-message webhook, signature checked before
 * anything is read or stored, answered with TwiML.
 * `POST /channels/sms`: the generic JSON gateway, HMAC-SHA256 over the raw body, answered with JSON.
 * Error policy: a bad signature is 403 and nothing stored; a malformed request is 400 naming the
 * field; an unconfigured endpoint is 503 (it cannot check who is calling).
 */
export function smsRoutes(deps: SmsRouteDeps): Hono {
  const app = new Hono();

  app.post("/twilio", async (c) => {
    const twilio = deps.config.twilio;
    if (!twilio) return c.text("sms via twilio is not configured", 503);
    const body = await c.req.text();
    const form = new URLSearchParams(body);
    // Twilio signs the URL it was configured with: our public base URL, this path, any query
    const url = new URL(c.req.url);
    const signedUrl = twilio.publicBaseUrl + url.pathname + url.search;
    if (!(await verifyTwilioSignature(twilio.authToken, signedUrl, form, c.req.header("X-Twilio-Signature")))) {
      deps.logger.warn({ channel: "sms", provider: "twilio" }, "rejected inbound sms: bad signature");
      return c.text("forbidden", 403);
    }
    const parsed = parseTwilioForm(form);
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    const answer = await handleInboundSms(deps, parsed.sms);
    return c.body(twiml(answer.text), 200, TWIML);
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
