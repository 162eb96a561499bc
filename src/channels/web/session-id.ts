/**
 * Web chat session ids: 128 random bits followed by a 128-bit HMAC-SHA256 tag of them under the
 * app secret, base64url (43 characters). Unguessable, and a client cannot pick its own id: an id
 * whose tag does not verify is treated as absent (a new conversation starts). `hmac` from
 * net/digest: synchronous on Node (no wait in the thread pool behind logins), Web Crypto on Workers.
 */
import { hmac } from "../../net/digest";

const RANDOM_BYTES = 16;
const TAG_BYTES = 16;
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

async function tagOf(secret: string, random: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return (await hmac("SHA-256", `web-chat-session:${secret}`, random)).slice(0, TAG_BYTES);
}

export async function newWebSessionId(secret: string): Promise<string> {
  const random = crypto.getRandomValues(new Uint8Array(RANDOM_BYTES));
  const tag = await tagOf(secret, random);
  const all = new Uint8Array(RANDOM_BYTES + TAG_BYTES);
  all.set(random);
  all.set(tag, RANDOM_BYTES);
  return toBase64Url(all);
}

/** True when the id was issued by this service (constant-time comparison of the tag). */
export async function isWebSessionId(secret: string, id: string): Promise<boolean> {
  if (!SESSION_ID_PATTERN.test(id)) return false;
  const all = fromBase64Url(id);
  if (all.length !== RANDOM_BYTES + TAG_BYTES) return false;
  const expected = await tagOf(secret, all.slice(0, RANDOM_BYTES));
  let diff = 0;
  for (let i = 0; i < TAG_BYTES; i++) diff |= expected[i] ^ all[RANDOM_BYTES + i];
  return diff === 0;
}
