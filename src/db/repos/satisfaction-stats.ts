import { and, count, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { complaints, complaintSatisfaction } from "../schema";
import type { FiledBetween } from "./complaint-stats";

export interface SatisfactionRow {
  /** a program, a queue or an assignee id (null: unassigned) */
  key: string | null;
  asked: number;
  answered: number;
  bien: number;
  regular: number;
  mal: number;
}

export type SatisfactionBy = "program" | "queue" | "agent";

const COLUMN = { program: complaints.program, queue: complaints.queue, agent: complaints.assigneeId } as const;
const rated = (rating: string) => sql<number>`sum(case when ${complaintSatisfaction.rating} = ${rating} then 1 else 0 end)`;

/** The satisfaction answers per program, queue or assignee of the cases filed in the period: counted in SQL. */
export async function satisfactionBy(db: Db, by: SatisfactionBy, period: FiledBetween = {}): Promise<SatisfactionRow[]> {
  const where: SQL[] = [];
  if (period.from !== undefined) where.push(gte(complaints.createdAt, period.from));
  if (period.to !== undefined) where.push(lt(complaints.createdAt, period.to));
  const column = COLUMN[by];
  const rows = await db
    .select({ key: column, asked: count(), answered: count(complaintSatisfaction.rating), bien: rated("bien"), regular: rated("regular"), mal: rated("mal") })
    .from(complaintSatisfaction)
    .innerJoin(complaints, eq(complaints.id, complaintSatisfaction.complaintId))
    .where(where.length ? and(...where) : undefined)
    .groupBy(column)
    .orderBy(sql`2 desc`, column)
    .all();
  return rows.map((r) => ({ key: r.key, asked: r.asked, answered: r.answered, bien: Number(r.bien ?? 0), regular: Number(r.regular ?? 0), mal: Number(r.mal ?? 0) }));
}
