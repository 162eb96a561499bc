import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** One row of the staff notices page: a Lima day, kind, program and channel, with what became of them. */
export interface NoticeDayRow {
  day: string;
  kind: string;
  program: string;
  channel: string;
  found: number;
  sent: number;
  /** waited for the morning (quiet hours) at least once */
  heldQuiet: number;
  /** waited for the next day (the daily cap) at least once */
  heldCap: number;
  pending: number;
  cancelled: number;
  delivered: number;
  failed: number;
}

/**
 * Counts of the notices found from `fromMs` on, by the Lima day they were found, kind, program
 * and channel (notices_created_idx serves the range); delivery from their outbox rows. Counts
 * only: no person, no number.
 */
export async function noticesByDay(db: Db, fromMs: number): Promise<NoticeDayRow[]> {
  const rows = await db.all<Record<string, string | number>>(sql`
    select date((n.created_at / 1000) - 18000, 'unixepoch') as day, n.kind, n.program, n.channel,
      count(*) as found,
      sum(n.status = 'sent') as sent,
      sum(n.held = 'quiet') as heldQuiet,
      sum(n.held = 'cap') as heldCap,
      sum(n.status = 'pending') as pending,
      sum(n.status = 'cancelled') as cancelled,
      sum(o.delivery in ('delivered', 'read')) as delivered,
      sum(o.status = 'failed' or o.delivery in ('failed', 'undelivered')) as failed
    from notices n left join outbox o on o.id = n.outbox_id
    where n.created_at >= ${fromMs}
    group by day, n.kind, n.program, n.channel
    order by day desc, n.kind, n.program, n.channel`);
  const num = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    day: String(r.day),
    kind: String(r.kind),
    program: String(r.program),
    channel: String(r.channel),
    found: num(r.found),
    sent: num(r.sent),
    heldQuiet: num(r.heldQuiet),
    heldCap: num(r.heldCap),
    pending: num(r.pending),
    cancelled: num(r.cancelled),
    delivered: num(r.delivered),
    failed: num(r.failed),
  }));
}
