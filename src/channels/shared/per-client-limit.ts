import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter, type Store } from "hono-rate-limiter";
import { clientAddress, clientLimitKey } from "./client-address";

/**
 * At most `limit` requests per `windowMs` from one client address (hono-rate-limiter, standard
 * `RateLimit-*` and `Retry-After` headers); over it, `refuse` answers. Counted in `store` when
 * given (the database: every process and Worker isolate shares the count, see
 * src/db/rate-limit-store.ts), else per process (the memory store: on Workers each isolate
 * counts on its own).
 */
export function perClientLimit(options: { windowMs: number; limit: number; refuse: (c: Context) => Response | Promise<Response>; store?: Store }): MiddlewareHandler {
  return rateLimiter({
    ...(options.store ? { store: options.store } : {}),
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-6",
    keyGenerator: (c) => clientLimitKey(c),
    // no address only happens in-process (tests, app.request); Node and Workers always have one
    skip: (c) => clientAddress(c) === "unknown",
    handler: options.refuse,
  });
}
