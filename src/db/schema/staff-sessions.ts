import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { staffUsers } from "./staff-users";

/**
 * A signed-in console session. The id is the SHA-256 of the cookie's random token, so a copy of
 * the database does not hand out live sessions. Each session carries its own CSRF token.
 */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => staffUsers.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    // absolute end of the session, whatever the activity
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    // sign a user out everywhere (account locked or disabled)
    index("staff_sessions_user_idx").on(t.userId),
    // purge expired sessions
    index("staff_sessions_expires_idx").on(t.expiresAt),
  ],
);

export type StaffSessionRow = typeof staffSessions.$inferSelect;
