import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AuditEntry } from "../../db/repos/audit";
import { auditLog, broadcasts } from "../../db/schema";

/**
 * The audit row of a broadcast's step, written in the same batch as the step's status-guarded
 * update but only if that update took effect (`took` reads the broadcast after it): an approval
 * that lost to a cancellation leaves no "approved" row behind. INSERT … SELECT works on both
 * drivers' batches.
 */
export function auditIfBroadcast(db: Db, entry: AuditEntry, took: SQL) {
  const value = <T>(v: T, name: string) => sql<T>`${v}`.as(name);
  return db.insert(auditLog).select(
    db
      .select({
        id: sql<number>`null`.as("id"),
        at: value(entry.at, "at"),
        actor: value(entry.actor, "actor"),
        action: value(entry.action, "action"),
        subject: value(entry.subject ?? null, "subject"),
        channel: value(entry.channel ?? null, "channel"),
        outcome: value(entry.outcome ?? null, "outcome"),
        detail: value(entry.detail ? JSON.stringify(entry.detail) : null, "detail"),
      })
      .from(broadcasts)
      .where(took),
  );
}
