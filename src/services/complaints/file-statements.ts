import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, complaints, outbox, type ComplaintRow } from "../../db/schema";
import type { AuditEntry } from "../../db/repos/audit";
import type { Lang } from "../../i18n/langs";

/**
 * The statements of a filing whose tracking code is only known inside the atomic write: the
 * insert takes the year's next correlative with a sub-select (SQLite and D1 run one write at a
 * time, so no two inserts see the same maximum), and the audit row and the confirmation read
 * the code back from the complaint's row by id.
 */
export function filingStatements(db: Db, row: Omit<ComplaintRow, "code" | "seq">) {
  const nextSeq = sql`(select coalesce(max(${complaints.seq}), 0) + 1 from ${complaints} where ${complaints.year} = ${row.year})`;
  const codeOfRow = sql`(select ${complaints.code} from ${complaints} where ${complaints.id} = ${row.id})`;
  return {
    /** the tracking code, read back from the complaint's row once it is inserted */
    code: codeOfRow,
    insertComplaint: () =>
      db.insert(complaints).values({
        ...row,
        seq: nextSeq,
        // MO-YYYY-NNNNNN (see code.ts); printf is part of SQLite's core functions, so D1 has it too
        code: sql`printf('MO-%04d-%06d', ${row.year}, ${nextSeq})`,
      }),

    audit: (entry: Omit<AuditEntry, "subject">) =>
      db.insert(auditLog).values({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        subject: codeOfRow,
        channel: entry.channel ?? null,
        outcome: entry.outcome ?? null,
        detail: entry.detail ?? null,
      }),

    /**
     * The "registered" message (or, with `key`/`refPrefix`, the supervisor's urgent alert) (as `enqueueOutbound` writes it, body = complaints:notify.filed
     * with the code and the answer-by date), built in SQL because the code is not known yet.
     */
    confirmation: (m: { id: string; channel: string; address: string; lang: Lang; deadline: string; now: number; key?: string; refPrefix?: string }) =>
      db.insert(outbox).values({
        id: m.id,
        channel: m.channel,
        address: m.address,
        lang: m.lang,
        body: sql`json_array(json_object('key', ${m.key ?? "complaints:notify.filed"}, 'params', json_object('code', ${codeOfRow}, 'deadline', ${m.deadline})))`,
        ref: sql`${m.refPrefix ?? "complaint:"} || ${codeOfRow}`,
        status: "pending",
        attempts: 0,
        nextAttemptAt: m.now,
        createdAt: m.now,
        updatedAt: m.now,
      }),
  };
}
