/**
 * Meta signs every webhook POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body, keyed with the app secret>`. Checked over the exact bytes received, before anything is
 * parsed, with `hmac` from net/digest: synchronous on Node (never queued behind PBKDF2 in the
 * thread pool), Web Crypto on Workers.
 */
import { constantTimeEqual, hmac } from "../../net/digest";

export { constantTimeEqual };
const encoder = new TextEncoder();

/** `sha256=` + 64 hex digits → the 32 bytes, or null for anything else. */
export function parseSignatureHeader(header: string | null | undefined): Uint8Array | null {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(match[1].slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export async function signBody(secret: string, body: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  return hmac("SHA-256", secret, body);
}

/** True only for a well-formed header whose HMAC matches the raw body. */
export async function verifyMetaSignature(secret: string, body: ArrayBuffer | Uint8Array, header: string | null | undefined): Promise<boolean> {
  const given = parseSignatureHeader(header);
  if (!given) return false;
  return constantTimeEqual(await signBody(secret, body), given);
}

/** The header value Meta would send for this body (tests, the local simulator). */
export async function metaSignatureHeader(secret: string, body: string | Uint8Array): Promise<string> {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const mac = await signBody(secret, bytes);
  return "sha256=" + Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
