import type { Db } from "../../db/client";
import { staffRepo } from "../../db/repos/staff";
import { atomic } from "../../db/atomic";
import { toStaffUser, type StaffUser } from "./roles";
import { randomToken, sha256Hex } from "./tokens";

export interface SessionSettings {
  idleMs: number;
  maxMs: number;
}

export interface LiveSession {
  /** sha256 of the cookie token: the row id */
  id: string;
  csrfToken: string;
  user: StaffUser;
}

/**
 * Starts a fresh session: a new random token every time (a session id planted before login is
 * never promoted), and the previous session of this browser, if any, is deleted.
 */
export async function startSession(db: Db, userId: string, now: number, settings: SessionSettings, previousToken?: string) {
  const token = randomToken();
  const id = await sha256Hex(token);
  const statements = [];
  if (previousToken) statements.push(staffRepo.deleteSession(db, await sha256Hex(previousToken)));
  statements.push(staffRepo.purgeExpired(db, now));
  statements.push(staffRepo.insertSession(db, { id, userId, csrfToken: randomToken(), createdAt: now, lastSeenAt: now, expiresAt: now + settings.maxMs }));
  await atomic(db, statements as never);
  return { token };
}

/** The session behind a cookie token, if it is live and its user still active. */
export async function readSession(db: Db, token: string | undefined, now: number, settings: SessionSettings): Promise<LiveSession | null> {
  if (!token || token.length > 100) return null;
  const id = await sha256Hex(token);
  const session = await staffRepo.findLiveSession(db, id, now, settings.idleMs);
  if (!session) return null;
  const user = await staffRepo.findById(db, session.userId);
  // a password lock stops new sign-ins only: it must not throw a colleague out of a live session
  // (issue 14 item 3); disabling the account is what ends sessions
  if (!user || user.disabled) return null;
  // one write a minute at most: enough for the idle timeout
  if (now - session.lastSeenAt > 60_000) await staffRepo.touchSession(db, id, now);
  return { id, csrfToken: session.csrfToken, user: toStaffUser(user) };
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await staffRepo.deleteSession(db, await sha256Hex(token));
}
