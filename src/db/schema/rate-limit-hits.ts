import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/**
 * Hits per limiter and client in the current fixed window (issue 14 item 6), kept in the
 * database so every process and every Worker isolate counts against the same number: on
 * Workers, hono-rate-limiter's memory store counted per isolate, so a flood spread over isolates
 * passed the limit many times over. `key` is `<limiter>:<keyed hash of the client>`: the table
 * never holds an address or an API key. Rows whose window is over are purged by retention.
 */
export const rateLimitHits = sqliteTable("rate_limit_hits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(), // ms
  windowEnd: integer("window_end").notNull(), // ms: when the count starts again
  hits: integer("hits").notNull(),
});
