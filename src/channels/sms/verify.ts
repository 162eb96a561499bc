/**
 * Webhook signatures, with `hmac` from net/digest so the same code runs on Node and Workers:
 * synchronous on Node (a signature never waits in the thread pool behind staff logins' PBKDF2),
 * Web Crypto on Workers. Compared in constant time (no early exit on the first differing byte).
 */
import { constantTimeEqual, hmac } from "../../net/digest";

function base64ToBytes(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const binary = atob(value);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function hexToBytes(value: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(value)) return null;
  return Uint8Array.from(value.match(/../g)!, (h) => parseInt(h, 16));
}

function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * What Twilio signs: the full URL it called (as configured, query string included), then each
 * POST parameter name immediately followed by its value, sorted by name (and by value for a
 * repeated name), with no separators.
 */
export function twilioSigningString(url: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return url + pairs.map(([k, v]) => k + v).join("");
}

/** Base64 HMAC-SHA1 of the signing string with the auth token (what `X-Twilio-Signature` carries). */
export async function twilioSignature(authToken: string, url: string, params: URLSearchParams): Promise<string> {
  return bytesToBase64(await hmac("SHA-1", authToken, twilioSigningString(url, params)));
}

export async function verifyTwilioSignature(authToken: string, url: string, params: URLSearchParams, header: string | undefined | null): Promise<boolean> {
  const signature = header ? base64ToBytes(header.trim()) : null;
  if (!signature) return false;
  return constantTimeEqual(await hmac("SHA-1", authToken, twilioSigningString(url, params)), signature);
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
