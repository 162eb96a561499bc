/**
 * Staff password hashes: PBKDF2-HMAC-SHA256 from Web Crypto, so the same code runs on Node and
 * Cloudflare Workers. The stored string names its parameters, `pbkdf2-sha256$<iterations>$<salt
 * b64>$<hash b64>`, so the work factor can be raised later and old hashes still verify (and are
 * re-hashed at the next login).
 *
 * OWASP's figure for PBKDF2-HMAC-SHA256 is 600,000 iterations, our default. Cloudflare's Workers
 * platform refuses more than 100,000 (cloudflare/workerd#1346; the local workerd leaves the limit
 * to its embedder and accepts more): a Workers deployment sets STAFF_PASSWORD_ITERATIONS=100000,
 * and a hash made elsewhere with more is re-hashed at the next login where it can be verified.
 */
export const DEFAULT_ITERATIONS = 600_000;
// verifying a stored hash never costs more than this (a tampered row cannot stall the server)
const MAX_ITERATIONS = 5_000_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const PREFIX = "pbkdf2-sha256";

export class PasswordPolicyError extends Error {}

/** At least 12 characters: long passphrases beat composition rules (NIST SP 800-63B). */
export function checkPasswordPolicy(password: string): void {
  if (password.length < 12) throw new PasswordPolicyError("password must have at least 12 characters");
  if (password.length > 256) throw new PasswordPolicyError("password must have at most 256 characters");
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = DEFAULT_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}$${iterations}$${b64(salt)}$${b64(hash)}`;
}

/** Constant-time comparison of two byte strings of any length. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function hashIterations(stored: string): number | null {
  const [prefix, iter] = stored.split("$");
  const n = Number(iter);
  return prefix === PREFIX && Number.isInteger(n) && n > 0 && n <= MAX_ITERATIONS ? n : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  const iterations = hashIterations(stored);
  if (parts.length !== 4 || iterations === null) return false;
  const expected = unb64(parts[3]);
  const actual = await derive(password, unb64(parts[2]), iterations);
  return timingSafeEqual(actual, expected);
}
