import { and, between, eq, gte, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { complaintAnswerRollups, complaintCounts, complaintKindRollups, complaintPlaceRollups, eligibilityCounts, enrolments, persons, usageEnteredRollups, usageFunnelRollups } from "../schema";
import { periodWhere } from "./insight-rollups";

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
 * Reads for the insight page, each one GROUP BY over a period: of the narrow rollups (a year of the
 * whole country or of a program is a few thousand rows of whole months plus the days of the edge
 * months), or, for a place (a help desk's own district), of complaint_counts by its index on
 * (ubigeo, day). Never over the complaints or the turns themselves.
 */
export function insightRepo(db: Db, f: InsightFilter) {
  const c = complaintCounts;
  const placeWhere = f.place ? (f.place.length === 6 ? eq(c.ubigeo, f.place) : sql`${c.ubigeo} like ${`${f.place}%`}`) : undefined;
  // a place's figures (a help desk's own district) leave denuncias out: one denuncia in a small
  // district, by week, channel and language, points at its protected reporter (DL 1327), and a
  // help desk may not open one (session 9 review)
  const notDenuncia = f.place ? ne(c.kind, "denuncia") : undefined;
  const complaintWhere = (...more: (SQL | undefined)[]) => and(placeWhere, notDenuncia, gte(c.day, f.from), lte(c.day, f.to), f.program ? eq(c.program, f.program) : undefined, ...more);
  const byPlace = !!f.place;
  const pr = complaintPlaceRollups;
  const kr = complaintKindRollups;
  const ar = complaintAnswerRollups;
  const ue = usageEnteredRollups;
  const uf = usageFunnelRollups;
  // usage is counted by department only: a province or district scope reads its department
  const department = f.place ? f.place.slice(0, 2) : undefined;

  /** per program, queue, days to first answer (-1: not yet) and on-time flag */
  const answers = async () =>
    (byPlace
      ? await db
          .select({ program: c.program, queue: c.queue, days: c.answerDays, onTime: c.onTime, n: sql<number>`sum(${c.count})` })
          .from(c)
          .where(complaintWhere())
          .groupBy(c.program, c.queue, c.answerDays, c.onTime)
          .all()
      : await db
          .select({ program: ar.program, queue: ar.queue, days: ar.answerDays, onTime: ar.onTime, n: sql<number>`sum(${ar.count})` })
          .from(ar)
          .where(and(periodWhere(ar, f.from, f.to), f.program ? eq(ar.program, f.program) : undefined))
          .groupBy(ar.program, ar.queue, ar.answerDays, ar.onTime)
          .all()
    ).map((r) => ({ program: r.program, queue: r.queue, days: r.days, onTime: r.onTime, n: n(r.n) }));
  let answersOnce: ReturnType<typeof answers> | undefined;

  return {
    /** filed complaints per place: the province (4 digits) nationally, the district (6) for a place */
    complaintsByPlace: async () =>
      (byPlace
        ? await db.select({ key: c.ubigeo, n: sql<number>`sum(${c.count})` }).from(c).where(complaintWhere()).groupBy(c.ubigeo).all()
        : await db
            .select({ key: pr.province, n: sql<number>`sum(${pr.count})` })
            .from(pr)
            .where(and(periodWhere(pr, f.from, f.to), f.program ? eq(pr.program, f.program) : undefined))
            .groupBy(pr.province)
            .all()
      ).map((r) => ({ key: r.key, n: n(r.n) })),

    /** filed per week (Monday, Lima) and kind */
    complaintsPerWeek: async () =>
      (byPlace
        ? await db
            .select({ week: sql<string>`date(${c.day}, '-6 days', 'weekday 1')`, kind: c.kind, n: sql<number>`sum(${c.count})` })
            .from(c)
            .where(complaintWhere())
            .groupBy(sql`1`, c.kind)
            .orderBy(sql`1`)
            .all()
        : await db
            .select({ week: sql<string>`date(${kr.day}, '-6 days', 'weekday 1')`, kind: kr.kind, n: sql<number>`sum(${kr.count})` })
            .from(kr)
            .where(and(between(kr.day, f.from, f.to), f.program ? eq(kr.program, f.program) : undefined))
            .groupBy(sql`1`, kr.kind)
            .orderBy(sql`1`)
            .all()
      )
        .map((r) => ({ week: r.week, kind: r.kind, n: n(r.n) }))
        .filter((r) => r.n !== 0),

    /** per program and queue: filed, answered, answered by the deadline */
    answeredByProgramQueue: async () => {
      const m = new Map<string, { program: string; queue: string; filed: number; answered: number; onTime: number }>();
      for (const r of await (answersOnce ??= answers())) {
        const k = `${r.program}\u0000${r.queue}`;
        const row = m.get(k) ?? { program: r.program, queue: r.queue, filed: 0, answered: 0, onTime: 0 };
        row.filed += r.n;
        if (r.days >= 0) row.answered += r.n;
        if (r.onTime === 1) row.onTime += r.n;
        m.set(k, row);
      }
      return [...m.values()].filter((r) => r.filed !== 0);
    },

    /** per program: how many complaints got their first answer after how many days */
    answerDaysByProgram: async () => {
      const m = new Map<string, { program: string; days: number; n: number }>();
      for (const r of await (answersOnce ??= answers())) {
        if (r.days < 0) continue;
        const k = `${r.program}\u0000${r.days}`;
        const row = m.get(k) ?? { program: r.program, days: r.days, n: 0 };
        row.n += r.n;
        m.set(k, row);
      }
      return [...m.values()].filter((r) => r.n !== 0);
    },

    /** sections entered per department, channel and language */
    usageEntered: async () =>
      (
        await db
          .select({ department: ue.department, channel: ue.channel, lang: ue.lang, n: sql<number>`sum(${ue.count})` })
          .from(ue)
          .where(and(periodWhere(ue, f.from, f.to), department ? eq(ue.department, department) : undefined))
          .groupBy(ue.department, ue.channel, ue.lang)
          .all()
      ).map((r) => ({ ...r, n: n(r.n) })),

    /** per section: entered, completed, abandoned at which node */
    usageFunnel: async () =>
      (
        await db
          .select({ section: uf.section, outcome: uf.outcome, node: uf.node, n: sql<number>`sum(${uf.count})` })
          .from(uf)
          .where(and(periodWhere(uf, f.from, f.to), department ? eq(uf.department, department) : undefined))
          .groupBy(uf.section, uf.outcome, uf.node)
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
