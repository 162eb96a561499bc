import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/**
 * Failed identity checks per DNI and per client (phone, IP), so nobody can try birth dates
 * until one fits. `key` is a keyed hash (HMAC with APP_SECRET): the table never holds a DNI
 * or a phone number.
 */
export const lookupThrottle = sqliteTable("lookup_throttle", {
  // primary key: every verification reads the DNI's row and the client's row by key
  key: text("key").primaryKey(), // "dni:<hmac>" | "client:<hmac>"
  failures: integer("failures").notNull(),
  windowStart: integer("window_start").notNull(), // ms: failures count within one window
  lockedUntil: integer("locked_until"), // ms, or null when not locked
});

export type ThrottleRow = typeof lookupThrottle.$inferSelect;
