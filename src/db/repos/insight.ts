import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { complaintCounts, eligibilityCounts, enrolments, persons, usageCounts } from "../schema";

/** What the insight page and the open data read: a period of Lima days, a program, a place prefix. */
export interface InsightFilter {
  /** YYYY-MM-DD, inclusive */
  from: string;
  to: string;
  /** a catalog program id or "general"; absent: all */
  program?: string;
  /** a 2-, 4- or 6-digit INEI prefix (department, province, district); absent: the whole country */
  place?: string;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Reads of the pre-aggregated counts (complaint_counts, usage_counts, eligibility_counts): each
 * one GROUP BY over a period of days, never over the complaints or the turns themselves.
 */
export function insightRepo(db: Db, f: InsightFilter) {
  const c = complaintCounts;
  const complaintWhere = (...more: (SQL | undefined)[]) =>
    and(gte(c.day, f.from), lte(c.day, f.to), f.program ? eq(c.program, f.program) : undefined, f.place ? sql`${c.ubigeo} like ${`${f.place}%`}` : undefined, ...more);
  const u = usageCounts;
  // usage is counted by department only: a province or district scope reads its department
  const usageWhere = (...more: (SQL | undefined)[]) => and(gte(u.day, f.from), lte(u.day, f.to), f.place ? eq(u.department, f.place.slice(0, 2)) : undefined, ...more);

  return {
    /** filed complaints per place (prefix of `digits` digits of the ubigeo) */
    complaintsByPlace: async (digits: 2 | 4 | 6) =>
      (
        await db
          .select({ key: sql<string>`substr(${c.ubigeo}, 1, ${digits})`, n: sql<number>`sum(${c.count})` })
          .from(c)
          .where(complaintWhere())
          .groupBy(sql`1`)
          .all()
      ).map((r) => ({ key: r.key, n: n(r.n) })),

    /** filed per week (Monday, Lima) and kind */
    complaintsPerWeek: async () =>
      (
        await db
          .select({ week: sql<string>`date(${c.day}, '-6 days', 'weekday 1')`, kind: c.kind, n: sql<number>`sum(${c.count})` })
          .from(c)
          .where(complaintWhere())
          .groupBy(sql`1`, c.kind)
          .orderBy(sql`1`)
          .all()
      ).map((r) => ({ week: r.week, kind: r.kind, n: n(r.n) })),

    /** per program and queue: filed, answered, answered by the deadline */
    answeredByProgramQueue: async () =>
      (
        await db
          .select({
            program: c.program,
            queue: c.queue,
            filed: sql<number>`sum(${c.count})`,
            answered: sql<number>`sum(case when ${c.answerDays} >= 0 then ${c.count} else 0 end)`,
            onTime: sql<number>`sum(case when ${c.onTime} = 1 then ${c.count} else 0 end)`,
          })
          .from(c)
          .where(complaintWhere())
          .groupBy(c.program, c.queue)
          .all()
      ).map((r) => ({ program: r.program, queue: r.queue, filed: n(r.filed), answered: n(r.answered), onTime: n(r.onTime) })),

    /** per program: how many complaints got their first answer after how many days */
    answerDaysByProgram: async () =>
      (
        await db
          .select({ program: c.program, days: c.answerDays, n: sql<number>`sum(${c.count})` })
          .from(c)
          .where(complaintWhere(gte(c.answerDays, 0)))
          .groupBy(c.program, c.answerDays)
          .all()
      ).map((r) => ({ program: r.program, days: r.days, n: n(r.n) })),

    /** usage rows grouped by the given columns */
    usage: async () =>
      (
        await db
          .select({ channel: u.channel, lang: u.lang, section: u.section, department: u.department, outcome: u.outcome, node: u.node, n: sql<number>`sum(${u.count})` })
          .from(u)
          .where(usageWhere())
          .groupBy(u.channel, u.lang, u.section, u.department, u.outcome, u.node)
          .all()
      ).map((r) => ({ ...r, n: n(r.n) })),

    /** anonymous "likely" self-checks per district for the program (all programs when none) */
    likelyByDistrict: async () =>
      (
        await db
          .select({ ubigeo: eligibilityCounts.ubigeo, n: sql<number>`sum(${eligibilityCounts.count})` })
          .from(eligibilityCounts)
          .where(
            and(
              gte(eligibilityCounts.day, f.from),
              lte(eligibilityCounts.day, f.to),
              eq(eligibilityCounts.outcome, "likely"),
              f.program ? eq(eligibilityCounts.program, f.program) : undefined,
              f.place ? sql`${eligibilityCounts.ubigeo} like ${`${f.place}%`}` : undefined,
            ),
          )
          .groupBy(eligibilityCounts.ubigeo)
          .all()
      ).map((r) => ({ key: r.ubigeo, n: n(r.n) })),
  };
}

/** Active registry enrolments per district (of a program, or all): the coverage-gap signal's denominator. */
export async function activeEnrolmentsByDistrict(db: Db, program?: string) {
  const rows = await db
    .select({ key: persons.ubigeo, n: sql<number>`count(*)` })
    .from(enrolments)
    .innerJoin(persons, eq(persons.dni, enrolments.dni))
    .where(and(eq(enrolments.status, "activo"), program ? eq(enrolments.program, program) : undefined))
    .groupBy(persons.ubigeo)
    .all();
  return rows.map((r) => ({ key: r.key, n: n(r.n) }));
}
