import type { Db } from "../client";
import { auditLog } from "../schema";

export interface AuditEntry {
  at: number;
  /** "citizen:<channel>", "api", "staff:<id>", "system" */
  actor: string;
  action: string;
  /** a reference (complaint code, masked DNI), never the data shown */
  subject?: string | null;
  channel?: string | null;
  outcome?: string | null;
  detail?: Record<string, unknown> | null;
}

/** The audit row, to put in the same atomic write as the change it records. */
export function auditStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditLog).values({
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    channel: entry.channel ?? null,
    outcome: entry.outcome ?? null,
    detail: entry.detail ?? null,
  });
}
