import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter, type Store } from "hono-rate-limiter";
import { perClientLimit } from "../../channels/shared/per-client-limit";
import { sha256Hex } from "../../net/digest";

/**
 * Integrators' API keys for `POST /api/v1/complaints` (issue 14 item 6). An integrator that files
 * for many people (a municipal office's system, an NGO's call centre) sends its key as
 * `Authorization: Bearer <key>` or `X-Api-Key: <key>` and files under the key's own hourly limit
 * instead of its address's. The service keeps only SHA-256 digests (`COMPLAINTS_API_KEYS`,
 * `sha256:<hex>` each), so a leaked configuration leaks no key; a key is long and random, so an
 * unsalted fast hash is enough (nothing to guess from a digest).
 */

const ENTRY = /^sha256:([0-9a-f]{64})$/;

/** `sha256:<64 hex>`, comma-separated, blanks ignored → the digests; anything else throws. */
export function parseApiKeyHashes(raw: string | undefined): string[] {
  const entries = (raw ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean);
  return entries.map((entry) => {
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`"${entry.slice(0, 16)}…" is not sha256:<64 hex digits> (hash the key: printf '%s' "$KEY" | sha256sum)`);
    return match[1];
  });
}

/** The key a request presents, and the header that carried it; null when it presents none. */
export function presentedKey(c: Context): { key: string; field: "Authorization" | "X-Api-Key" } | null {
  const auth = c.req.header("authorization");
  if (auth !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return { key: bearer?.[1] ?? "", field: "Authorization" };
  }
  const header = c.req.header("x-api-key");
  return header !== undefined ? { key: header.trim(), field: "X-Api-Key" } : null;
}

const KEY_ID = "complaintsApiKey";

/** A short, non-secret name for the key a request was let in with (for the audit actor). */
export const apiKeyId = (c: Context): string | undefined => c.get(KEY_ID as never) as string | undefined;

/**
 * Who may file and how often: a request with a known key counts against that key
 * (`keyPerHour`); a request with an unknown or malformed key is refused `401` in the API's error
 * shape, before anything is read or stored; a request with no key counts against its client
 * address (`addressPerHour`). 0 turns a limit off.
 */
export function filingGate(options: {
  keyHashes: string[];
  keyPerHour: number;
  addressPerHour: number;
  refuse: (c: Context) => Response | Promise<Response>;
  /** where the counts live, per limiter name (shared across processes and isolates); memory when absent */
  store?: (name: string) => Store;
}): MiddlewareHandler {
  const known = new Set(options.keyHashes);
  const hour = 3_600_000;
  const byAddress = options.addressPerHour ? perClientLimit({ windowMs: hour, limit: options.addressPerHour, refuse: options.refuse, store: options.store?.("complaints-file") }) : null;
  const byKey = options.keyPerHour
    ? rateLimiter({
        windowMs: hour,
        limit: options.keyPerHour,
        standardHeaders: "draft-6",
        keyGenerator: (c) => `key:${apiKeyId(c)}`,
        handler: options.refuse,
        ...(options.store ? { store: options.store("complaints-api-key") } : {}),
      })
    : null;
  return async (c, next) => {
    const presented = presentedKey(c);
    if (presented === null) return byAddress ? byAddress(c, next) : next();
    const digest = presented.key && presented.key.length <= 512 ? await sha256Hex(presented.key) : "";
    if (!known.has(digest)) {
      c.header("WWW-Authenticate", 'Bearer realm="complaints"');
      return c.json({ error: "invalid_api_key", field: presented.field, message: "unknown API key: send a key you were given as Authorization: Bearer <key> or X-Api-Key, or no key at all" }, 401);
    }
    c.set(KEY_ID as never, digest.slice(0, 12) as never);
    return byKey ? byKey(c, next) : next();
  };
}
