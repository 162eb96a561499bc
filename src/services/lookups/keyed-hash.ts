/**
 * HMAC-SHA256 of an identifier with APP_SECRET, truncated to 128 bits, as hex.
 * Rate-limit rows and the audit log name a DNI or a phone by this hash, never in clear; staff
 * who must find a DNI's history compute the same hash.
 *
 * Two implementations of the same function: on Node, `node:crypto`'s synchronous HMAC, found at
 * run time with `process.getBuiltinModule` (no import, so the Worker bundle stays free of `node:`
 * modules); elsewhere (Workers), Web Crypto. Web Crypto on Node hands every HMAC to the thread
 * pool and back (~50 µs each, the largest single cost of an API lookup); `createHmac` takes ~3 µs.
 * Both give the same bytes (a test checks it).
 */
export function createKeyedHash(secret: string): (value: string) => Promise<string> {
  const node = nodeCrypto();
  if (node) {
    return async (value) => node.createHmac("sha256", secret).update(value).digest("hex").slice(0, 32);
  }
  return createWebCryptoKeyedHash(secret);
}

/** The Web Crypto implementation (the one Workers use). */
export function createWebCryptoKeyedHash(secret: string): (value: string) => Promise<string> {
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async (value) => {
    const mac = await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(value));
    // 128 bits are plenty to tell identifiers apart, and keep the keys short
    return Array.from(new Uint8Array(mac, 0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  };
}

interface NodeCryptoHmac {
  createHmac(algorithm: string, key: string): { update(data: string): { digest(encoding: "hex"): string } };
}

function nodeCrypto(): NodeCryptoHmac | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = typeof proc?.getBuiltinModule === "function" ? (proc.getBuiltinModule("node:crypto") as NodeCryptoHmac | undefined) : undefined;
  return typeof mod?.createHmac === "function" ? mod : undefined;
}
