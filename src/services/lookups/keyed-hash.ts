/**
 * HMAC-SHA256 of an identifier with APP_SECRET (Web Crypto: the same on Node and Workers).
 * Rate-limit rows and the audit log name a DNI or a phone by this hash, never in clear; staff
 * who must find a DNI's history compute the same hash.
 */
export function createKeyedHash(secret: string): (value: string) => Promise<string> {
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async (value) => {
    const mac = await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(value));
    // 128 bits are plenty to tell identifiers apart, and keep the keys short
    return Array.from(new Uint8Array(mac, 0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  };
}
