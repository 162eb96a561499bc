import type { Context } from "hono";
import type { Logger } from "../../logging/logger";
import { TWILIO_SIGNATURE_HEADER, TWILIO_SIGNATURE_SETTINGS_HEADER, verifyTwilioRequest, type TwilioSecrets } from "../sms/twilio-signature";

/**
 * The form Twilio posted (SMS webhooks, voice calls and their status callbacks), when its
 * signature is good; otherwise the 403 to answer, logged without the body. Twilio signs the URL
 * it was configured with: our public base URL, this path, any query as received.
 */
export async function signedTwilioForm(c: Context, twilio: TwilioSecrets & { publicBaseUrl: string }, log: { logger: Logger; channel: string }): Promise<URLSearchParams | Response> {
  const body = await c.req.text();
  const url = new URL(c.req.url);
  const signed = await verifyTwilioRequest(
    { authToken: twilio.authToken, sharedKey: twilio.sharedKey },
    { url: twilio.publicBaseUrl + url.pathname + url.search, body, signature: c.req.header(TWILIO_SIGNATURE_HEADER), settings: c.req.header(TWILIO_SIGNATURE_SETTINGS_HEADER) },
  );
  if (!signed) {
    log.logger.warn({ channel: log.channel, provider: "twilio", path: url.pathname }, "rejected twilio request: bad signature");
    return c.text("forbidden", 403);
  }
  return new URLSearchParams(body);
}
