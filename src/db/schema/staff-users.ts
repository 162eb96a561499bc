import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

export const STAFF_ROLES = ["quality_agent", "quality_supervisor", "admin", "helpdesk", "voice_editor"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * A member of staff who signs in to the console. `district` scopes a help-desk operator to one
 * district (ubigeo, 6 digits); the quality office has no district. The password hash is
 * self-describing (`pbkdf2-sha256$<iterations>$<salt>$<hash>`), so the work factor can change.
 */
export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: text("id").primaryKey(),
    // unique index: login finds the account by its (lower-cased) e-mail
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    district: text("district"),
    passwordHash: text("password_hash").notNull(),
    // consecutive failed logins; reset on success
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: integer("locked_until"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    lastLoginAt: integer("last_login_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // the assignee picker: active staff of a role
    index("staff_users_role_idx").on(t.role, t.disabled),
  ],
);

export type StaffUserRow = typeof staffUsers.$inferSelect;
