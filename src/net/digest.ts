/**
 * SHA-256 and HMAC computed on the calling thread. On Node, `node:crypto`'s synchronous
 * functions (found at run time with `process.getBuiltinModule`, so the Worker bundle imports no
 * `node:` module): Web Crypto on Node hands every digest and HMAC to libuv's 4-thread pool, the
 * same pool where staff logins run PBKDF2 for ~170 ms each, so a webhook's signature check would
 * queue behind them (issue 14 item 6: "webhook signatures never wait on the thread pool").
 * On Workers (no `process`), Web Crypto, which runs in the isolate with no pool to wait on.
 * Both give the same bytes (a test checks it).
 */

export type HashName = "SHA-1" | "SHA-256";

interface NodeCrypto {
  createHmac(algorithm: string, key: string): { update(data: Uint8Array): { digest(): Uint8Array } };
  createHash(algorithm: string): { update(data: Uint8Array): { digest(): Uint8Array } };
}

function nodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = typeof proc?.getBuiltinModule === "function" ? (proc.getBuiltinModule("node:crypto") as NodeCrypto | undefined) : undefined;
  return typeof mod?.createHmac === "function" ? mod : undefined;
}

const node = nodeCrypto();
const encoder = new TextEncoder();
const NODE_NAMES: Record<HashName, string> = { "SHA-1": "sha1", "SHA-256": "sha256" };

// imported Web Crypto keys by algorithm and secret: a webhook signs with the same one every time
const keys = new Map<string, Promise<CryptoKey>>();
function webKey(secret: string, hash: HashName): Promise<CryptoKey> {
  const id = `${hash}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["sign"]);
    if (keys.size > 16) keys.clear(); // a handful of secrets in practice; never grows unbounded
    keys.set(id, key);
  }
  return key;
}

const bytesOf = (data: string | Uint8Array | ArrayBuffer) => (typeof data === "string" ? encoder.encode(data) : data instanceof Uint8Array ? data : new Uint8Array(data));

/** HMAC of `data` keyed with `secret`: synchronous on Node, Web Crypto elsewhere. */
export async function hmac(hash: HashName, secret: string, data: string | Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  const bytes = bytesOf(data);
  if (node) return new Uint8Array(node.createHmac(NODE_NAMES[hash], secret).update(bytes).digest());
  return new Uint8Array(await crypto.subtle.sign("HMAC", await webKey(secret, hash), bytes as BufferSource));
}

/** The Web Crypto HMAC, whatever the runtime (the test comparing both, and Workers). */
export async function webCryptoHmac(hash: HashName, secret: string, data: string | Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await webKey(secret, hash), bytesOf(data) as BufferSource));
}

/** SHA-256 of `data` as lower-case hex: synchronous on Node, Web Crypto elsewhere. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = bytesOf(data);
  const digest = node ? node.createHash("sha256").update(bytes).digest() : new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares every byte whatever the first difference, so the time taken reveals nothing. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
