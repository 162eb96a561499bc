import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";

/**
 * Failed staff sign-ins counted per account and client address (issue 14 item 3), so a colleague
 * guessing from another machine locks only their own (account, address) pair, not the account.
 * `client` is a keyed hash of the client address (HMAC with APP_SECRET, the same as the lookup
 * throttle), never the address itself. The account-wide count, at a higher threshold, stays on
 * `staff_users` (`failed_logins`, `locked_until`), where the accounts page shows and lifts it.
 */
export const staffLoginFailures = sqliteTable(
  "staff_login_failures",
  {
    userId: text("user_id").notNull(),
    client: text("client").notNull(),
    failures: integer("failures").notNull(),
    windowStart: integer("window_start").notNull(), // ms: failures count within one window
    lockedUntil: integer("locked_until"), // ms, or null when the pair is not locked
  },
  // primary key: every failed sign-in upserts its (account, client) row; the accounts page's
  // unlock deletes an account's rows by the leading column
  (t) => [primaryKey({ columns: [t.userId, t.client] })],
);

export type StaffLoginFailureRow = typeof staffLoginFailures.$inferSelect;
