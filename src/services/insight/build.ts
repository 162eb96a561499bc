import type { Db } from "../../db/client";
import { activeEnrolmentsByDistrict, insightRepo } from "../../db/repos/insight";
import rawMap from "../../../db/reference/peru-map.json";
import type { MapShape, PeruMap } from "./map-data";
import type { InsightQuery, MapMetric } from "./query";

export const PERU_MAP = rawMap as PeruMap;
export const DEPARTMENT_CODES = new Set(PERU_MAP.departments.map((d) => d.code));
export const SECTIONS = ["programs", "eligibility", "lookups", "complaints", "help"] as const;

export interface MapCell {
  code: string;
  name: string;
  d: string;
  /** the measure (per 10,000 people in poverty, or the gap ratio); null: no data / outside the scope */
  value: number | null;
  /** its counts: the numerator and the base it is divided by */
  count: number;
  base: number;
}

export interface InsightData {
  query: InsightQuery;
  map: { level: "department" | "province"; metric: MapMetric; cells: MapCell[]; viewBox: string; note: string | null };
  weekly: { week: string; kind: string; n: number }[];
  onTime: { program: string; queue: string; filed: number; answered: number; onTime: number }[];
  median: { program: string; answered: number; median: number | null }[];
  channel: { key: string; n: number }[];
  lang: { key: string; n: number }[];
  funnel: { section: string; entered: number; completed: number; abandoned: number; topNode: string | null }[];
  gap: { ubigeo: string; likely: number; enrolled: number }[];
  totals: { complaints: number; usage: number; usageUnknownDepartment: number };
}

function medianOf(hist: { days: number; n: number }[]): number | null {
  const total = hist.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  const sorted = [...hist].sort((a, b) => a.days - b.days);
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < sorted.length; i++) {
    seen += sorted[i].n;
    if (seen > half) return sorted[i].days;
    if (seen === half) return (sorted[i].days + (sorted[i + 1]?.days ?? sorted[i].days)) / 2;
  }
  return sorted.at(-1)!.days;
}

const sumBy = <T>(rows: T[], key: (r: T) => string, value: (r: T) => number) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return [...m].map(([k, n]) => ({ key: k, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
};

const viewBoxOf = (shapes: MapShape[]) => {
  const box = shapes.reduce((b, s) => [Math.min(b[0], s.box[0]), Math.min(b[1], s.box[1]), Math.max(b[2], s.box[2]), Math.max(b[3], s.box[3])], [Infinity, Infinity, -Infinity, -Infinity]);
  const pad = Math.max(box[2] - box[0], box[3] - box[1]) * 0.03;
  return [box[0] - pad, box[1] - pad, box[2] - box[0] + 2 * pad, box[3] - box[1] + 2 * pad].map((v) => Math.round(v * 10) / 10).join(" ");
};

/**
 * Everything the insight page shows, from the pre-aggregated counts only (a dozen GROUP BYs).
 * `placeLabel`: a department's or province's Spanish name by code ("Apurímac"); the map's own
 * names (INEI's capitals, "APURIMAC") where it gives none.
 */
export async function buildInsight(db: Db, query: InsightQuery, placeLabel: (code: string) => string | undefined = () => undefined): Promise<InsightData> {
  const place = query.district ?? undefined;
  const repo = insightRepo(db, { from: query.from, to: query.to, program: query.program ?? undefined, place });
  const level: "department" | "province" = query.department ? "province" : "department";
  const digits = level === "department" ? 2 : 4;
  const shapes = level === "department" ? PERU_MAP.departments : PERU_MAP.provinces.filter((p) => p.code.startsWith(query.department!));

  const [byPlace, weekly, onTime, answerDays, entered, usage, likely] = await Promise.all([
    repo.complaintsByPlace(),
    repo.complaintsPerWeek(),
    repo.answeredByProgramQueue(),
    repo.answerDaysByProgram(),
    repo.usageEntered(),
    repo.usageFunnel(),
    repo.likelyByDistrict(),
  ]);
  const enrolled = await activeEnrolmentsByDistrict(db, query.program && query.program !== "general" ? query.program : undefined);
  const inScope = (ubigeo: string) => !query.district || ubigeo === query.district;
  const scopedEnrolled = enrolled.filter((e) => inScope(e.key));

  const prefixSum = (rows: { key: string; n: number }[], code: string) => rows.reduce((s, r) => (r.key.startsWith(code) ? s + r.n : s), 0);
  const cells: MapCell[] = shapes.map((s) => {
    const outside = query.district !== null && !query.district.startsWith(s.code);
    let count = 0;
    let base = s.poor;
    if (query.metric === "complaints") count = prefixSum(byPlace, s.code);
    else if (query.metric === "usage") count = level === "department" || query.district ? entered.filter((u) => u.department === s.code.slice(0, 2)).reduce((t, u) => t + u.n, 0) : 0;
    else {
      count = prefixSum(likely, s.code);
      base = prefixSum(scopedEnrolled, s.code);
    }
    const value = outside || (query.metric === "usage" && level === "province" && !query.district) ? null : query.metric === "gap" ? (base > 0 ? count / base : null) : base > 0 ? (count * 10_000) / base : null;
    return { code: s.code, name: placeLabel(s.code) ?? s.name, d: s.d, value, count, base };
  });
  const note =
    query.metric === "usage" && level === "province"
      ? "El uso se cuenta por departamento (el del último distrito que la persona dio): no hay cifras por provincia."
      : query.district
        ? "Su cuenta ve solo su distrito: las demás provincias aparecen sin datos. Las denuncias no se cuentan en las cifras de un distrito (protegen a quien denuncia)."
        : null;

  const byProgramDays = new Map<string, { days: number; n: number }[]>();
  for (const r of answerDays) byProgramDays.set(r.program, [...(byProgramDays.get(r.program) ?? []), { days: r.days, n: r.n }]);
  const median = [...byProgramDays]
    .map(([program, hist]) => ({ program, answered: hist.reduce((s, h) => s + h.n, 0), median: medianOf(hist) }))
    .sort((a, b) => a.program.localeCompare(b.program));
  const all = answerDays.map((r) => ({ days: r.days, n: r.n }));
  if (median.length > 1) median.push({ program: "*", answered: all.reduce((s, h) => s + h.n, 0), median: medianOf(all) });

  const funnel = SECTIONS.map((section) => {
    const rows = usage.filter((u) => u.section === section);
    const of = (o: string) => rows.filter((u) => u.outcome === o).reduce((s, u) => s + u.n, 0);
    const abandonedAt = sumBy(
      rows.filter((u) => u.outcome === "abandoned"),
      (u) => u.node,
      (u) => u.n,
    );
    return { section, entered: of("entered"), completed: of("completed"), abandoned: of("abandoned"), topNode: abandonedAt[0]?.key ?? null };
  });

  const likelyIn = likely.filter((l) => l.key !== "" && inScope(l.key));
  const enrolledBy = new Map(scopedEnrolled.map((e) => [e.key, e.n]));
  const gapKeys = new Set([...likelyIn.map((l) => l.key)]);
  const gap = [...gapKeys]
    .map((ubigeo) => ({ ubigeo, likely: likelyIn.find((l) => l.key === ubigeo)?.n ?? 0, enrolled: enrolledBy.get(ubigeo) ?? 0 }))
    .sort((a, b) => b.likely / Math.max(1, b.enrolled) - a.likely / Math.max(1, a.enrolled) || b.likely - a.likely || a.ubigeo.localeCompare(b.ubigeo))
    .slice(0, 25);

  return {
    query,
    map: { level, metric: query.metric, cells, viewBox: viewBoxOf(shapes), note },
    weekly,
    onTime: onTime.sort((a, b) => a.program.localeCompare(b.program) || a.queue.localeCompare(b.queue)),
    median,
    channel: sumBy(entered, (u) => u.channel, (u) => u.n),
    lang: sumBy(entered, (u) => u.lang, (u) => u.n),
    funnel,
    gap,
    totals: {
      complaints: byPlace.reduce((s, r) => s + r.n, 0),
      usage: entered.reduce((s, u) => s + u.n, 0),
      usageUnknownDepartment: entered.filter((u) => u.department === "unknown").reduce((s, u) => s + u.n, 0),
    },
  };
}
