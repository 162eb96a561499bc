import { and, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { complaintCounts, usageCounts } from "../../db/schema";

/** Below this a count is shown as "<5": nobody can be singled out by a small cell. */
export const SMALL_CELL = 5;

/** A count as published: 1–4 never appear. */
export const published = (n: number): string => (n > 0 && n < SMALL_CELL ? `<${SMALL_CELL}` : String(n));

export const COMPLAINT_COLUMNS = ["mes", "departamento", "programa", "tipo", "categoria", "canal", "idioma", "casos"] as const;
export const USAGE_COLUMNS = ["mes", "departamento", "canal", "idioma", "seccion", "visitas"] as const;

export interface OpenTable {
  columns: readonly string[];
  rows: string[][];
}

const month = (col: unknown) => sql<string>`substr(${col}, 1, 7)`;

/**
 * The open data: monthly counts, one table of complaints (department, program, kind, category,
 * channel, language) and one of usage (department, channel, language, section entered). Codes
 * only, no free text; every count under 5 published as "<5". Only these two tables and no totals
 * are published: a total beside its cells would let a suppressed cell be worked out.
 */
export async function openData(db: Db, months: { from: string; to: string }): Promise<{ complaints: OpenTable; usage: OpenTable }> {
  const c = complaintCounts;
  const complaintRows = await db
    .select({
      month: month(c.day),
      department: sql<string>`substr(${c.ubigeo}, 1, 2)`,
      program: c.program,
      kind: c.kind,
      category: c.category,
      channel: c.channel,
      lang: c.lang,
      n: sql<number>`sum(${c.count})`,
    })
    .from(c)
    .where(and(gte(c.day, `${months.from}-01`), lte(c.day, `${months.to}-31`)))
    .groupBy(sql`1`, sql`2`, c.program, c.kind, c.category, c.channel, c.lang)
    .orderBy(sql`1`, sql`2`, c.program, c.kind, c.category, c.channel, c.lang)
    .all();
  const u = usageCounts;
  const usageRows = await db
    .select({ month: month(u.day), department: u.department, channel: u.channel, lang: u.lang, section: u.section, n: sql<number>`sum(${u.count})` })
    .from(u)
    .where(and(gte(u.day, `${months.from}-01`), lte(u.day, `${months.to}-31`), sql`${u.outcome} = 'entered'`))
    .groupBy(sql`1`, u.department, u.channel, u.lang, u.section)
    .orderBy(sql`1`, u.department, u.channel, u.lang, u.section)
    .all();
  return {
    complaints: {
      columns: COMPLAINT_COLUMNS,
      rows: complaintRows.filter((r) => Number(r.n) !== 0).map((r) => [r.month, r.department, r.program, r.kind, r.category, r.channel, r.lang, published(Number(r.n))]),
    },
    usage: {
      columns: USAGE_COLUMNS,
      rows: usageRows.filter((r) => Number(r.n) !== 0).map((r) => [r.month, r.department === "unknown" ? "desconocido" : r.department, r.channel, r.lang, r.section, published(Number(r.n))]),
    },
  };
}
