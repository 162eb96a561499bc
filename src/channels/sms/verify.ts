/**
 * Webhook signatures, with Web Crypto only so the same code runs on Node and Workers. The
 * comparison is `crypto.subtle.verify`, which checks an HMAC in constant time (no early exit on
 * the first differing byte).
 */

import { verifyTwilioRequest } from "./twilio-signature";

const encoder = new TextEncoder();

// imported keys by algorithm and secret: a webhook verifies with the same one every time
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const id = `${hash}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["sign", "verify"]);
    if (keys.size > 16) keys.clear(); // a handful of secrets in practice; never grows unbounded
    keys.set(id, key);
  }
  return key;
}

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
  const key = await hmacKey(secret, "SHA-256");
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(rawBody)));
  return "sha256=" + [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function verifyGatewaySignature(secret: string, rawBody: string, header: string | undefined | null): Promise<boolean> {
  const match = header ? /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim()) : null;
  const signature = match ? hexToBytes(match[1]) : null;
  if (!signature) return false;
  const key = await hmacKey(secret, "SHA-256");
  return crypto.subtle.verify("HMAC", key, signature as Uint8Array<ArrayBuffer>, encoder.encode(rawBody));
}
