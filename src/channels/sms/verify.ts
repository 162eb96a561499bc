/**
 * Webhook signatures, with `hmac` from net/digest so the same code runs on Node and Workers:
 * synchronous on Node (a signature never waits in the thread pool behind staff logins' PBKDF2),
 * Web Crypto on Workers. Compared in constant time (no early exit on the first differing byte).
 */

import { constantTimeEqual, hmac } from "../../net/digest";
import { verifyTwilioRequest } from "./twilio-signature";

function hexToBytes(value: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(value)) return null;
  return Uint8Array.from(value.match(/../g)!, (h) => parseInt(h, 16));
}

// Twilio's rules (algorithms, URL forms, bodySHA256) live in twilio-signature.ts
export { twilioSignature, twilioSigningString } from "./twilio-signature";

/** Classic HMAC-SHA1 check of a form POST to `url` (every URL form Twilio may have signed). */
export async function verifyTwilioSignature(authToken: string, url: string, params: URLSearchParams, header: string | undefined | null): Promise<boolean> {
  return verifyTwilioRequest({ authToken }, { url, body: params.toString(), signature: header, settings: null });
}

/** The generic gateway's header: `X-Orienta-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
export const GATEWAY_SIGNATURE_HEADER = "X-Orienta-Signature";

export async function gatewaySignature(secret: string, rawBody: string): Promise<string> {
  const mac = await hmac("SHA-256", secret, rawBody);
  return "sha256=" + [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function verifyGatewaySignature(secret: string, rawBody: string, header: string | undefined | null): Promise<boolean> {
  const match = header ? /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim()) : null;
  const signature = match ? hexToBytes(match[1]) : null;
  if (!signature) return false;
  return constantTimeEqual(await hmac("SHA-256", secret, rawBody), signature);
}
