import type { Db } from "../db/client";
import { auditLog } from "../db/schema";

export interface StaffAuditEntry {
  /** staff user id, or null before anyone signed in (failed logins) */
  staffId: string | null;
  action: string;
  subject?: string | null;
  outcome?: string;
  detail?: Record<string, unknown>;
}

/** The audit insert for something a member of staff saw or did; put it in the same atomic write. */
export function staffAudit(db: Db, entry: StaffAuditEntry, now: number) {
  return db.insert(auditLog).values({
    at: now,
    actor: entry.staffId ? `staff:${entry.staffId}` : "staff:anonymous",
    action: entry.action,
    subject: entry.subject ?? null,
    channel: "console",
    outcome: entry.outcome ?? "ok",
    detail: entry.detail ?? null,
  });
}
