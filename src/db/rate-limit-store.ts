import { eq, sql } from "drizzle-orm";
import type { Store } from "hono-rate-limiter";
import type { Db } from "./client";
import { rateLimitHits } from "./schema/rate-limit-hits";
import { retryBusy } from "./storage-errors";

export interface SqlRateLimitStoreDeps {
  db: Db;
  /** the limiter's name, so two limiters never share a count (`complaints-file`, `status`, …) */
  name: string;
  /** keyed hash (HMAC with APP_SECRET): rows name a client or an API key only by it */
  hash: (value: string) => Promise<string>;
  /** the wall clock by default: the middleware computes `Retry-After` from `Date.now()` */
  now?: () => number;
}

/**
 * A hono-rate-limiter `Store` whose counts live in the database (`rate_limit_hits`), so every
 * Node process and every Worker isolate on one D1 database counts against the same number
 * (issue 14: the memory store counted per isolate). One fixed window per key; the hit is
 * counted and the window judged in a single `INSERT … ON CONFLICT DO UPDATE … RETURNING` (SQLite
 * evaluates every SET on the old row), so parallel requests cannot overwrite each other's hits,
 * on better-sqlite3 and D1 alike. Meant for the low-rate limits (filings, status checks, API
 * keys): it costs one small write per request.
 */
export function sqlRateLimitStore(deps: SqlRateLimitStoreDeps): Store {
  let windowMs = 60_000;
  const clock = deps.now ?? Date.now;
  const rowKey = async (key: string) => `${deps.name}:${await deps.hash(key)}`;
  return {
    localKeys: false,
    prefix: deps.name,
    init: (options) => {
      windowMs = options.windowMs;
    },
    async increment(key) {
      const k = await rowKey(key);
      const now = clock();
      const t = rateLimitHits;
      const over = sql`(${t.windowEnd} <= ${now})`;
      const [row] = await retryBusy(() =>
        deps.db
          .insert(t)
          .values({ key: k, windowStart: now, windowEnd: now + windowMs, hits: 1 })
          .onConflictDoUpdate({
            target: t.key,
            set: {
              hits: sql`CASE WHEN ${over} THEN 1 ELSE ${t.hits} + 1 END`,
              windowStart: sql`CASE WHEN ${over} THEN ${now} ELSE ${t.windowStart} END`,
              windowEnd: sql`CASE WHEN ${over} THEN ${now + windowMs} ELSE ${t.windowEnd} END`,
            },
          })
          .returning({ hits: t.hits, windowEnd: t.windowEnd }),
      );
      // an upsert always returns its row; judged over the limit if it ever did not
      return row ? { totalHits: row.hits, resetTime: new Date(row.windowEnd) } : { totalHits: Number.MAX_SAFE_INTEGER, resetTime: new Date(now + windowMs) };
    },
    async get(key) {
      const row = await deps.db.select().from(rateLimitHits).where(eq(rateLimitHits.key, await rowKey(key))).get();
      if (!row || row.windowEnd <= clock()) return undefined;
      return { totalHits: row.hits, resetTime: new Date(row.windowEnd) };
    },
    async decrement(key) {
      const k = await rowKey(key);
      await retryBusy(() => deps.db.update(rateLimitHits).set({ hits: sql`MAX(${rateLimitHits.hits} - 1, 0)` }).where(eq(rateLimitHits.key, k)));
    },
    async resetKey(key) {
      const k = await rowKey(key);
      await retryBusy(() => deps.db.delete(rateLimitHits).where(eq(rateLimitHits.key, k)));
    },
  };
}
