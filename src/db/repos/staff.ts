import { and, eq, gt, lt, asc, ne } from "drizzle-orm";
import type { Db } from "../client";
import { staffSessions, staffUsers, type StaffRole, type StaffSessionRow, type StaffUserRow } from "../schema";

/** Data access for console accounts and their sessions. Always awaited (better-sqlite3 or D1). */
export const staffRepo = {
  findByEmail: (db: Db, email: string) => db.select().from(staffUsers).where(eq(staffUsers.email, email)).get(),
  findById: (db: Db, id: string) => db.select().from(staffUsers).where(eq(staffUsers.id, id)).get(),
  /** active staff who can be given complaints (agents and supervisors), by name */
  assignable: (db: Db) =>
    db
      .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
      .from(staffUsers)
      .where(and(eq(staffUsers.disabled, false), ne(staffUsers.role, "helpdesk"), ne(staffUsers.role, "admin")))
      .orderBy(asc(staffUsers.name))
      .all(),
  names: async (db: Db) => new Map((await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).all()).map((u) => [u.id, u.name])),
  insert: (db: Db, row: typeof staffUsers.$inferInsert) => db.insert(staffUsers).values(row),
  update: (db: Db, id: string, set: Partial<StaffUserRow>) => db.update(staffUsers).set(set).where(eq(staffUsers.id, id)),
  countByRole: async (db: Db, role: StaffRole) => (await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.role, role)).all()).length,

  insertSession: (db: Db, row: StaffSessionRow) => db.insert(staffSessions).values(row),
  /** a live session: not past its absolute end and used within the idle window */
  findLiveSession: (db: Db, id: string, now: number, idleMs: number) =>
    db
      .select()
      .from(staffSessions)
      .where(and(eq(staffSessions.id, id), gt(staffSessions.expiresAt, now), gt(staffSessions.lastSeenAt, now - idleMs)))
      .get(),
  touchSession: (db: Db, id: string, now: number) => db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, id)),
  deleteSession: (db: Db, id: string) => db.delete(staffSessions).where(eq(staffSessions.id, id)),
  deleteUserSessions: (db: Db, userId: string) => db.delete(staffSessions).where(eq(staffSessions.userId, userId)),
  purgeExpired: (db: Db, now: number) => db.delete(staffSessions).where(lt(staffSessions.expiresAt, now)),
};
