import { PROGRAM_IDS } from "../programs/catalog";

export const MAP_METRICS = ["complaints", "usage", "gap"] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** The insight page's question: a period, a program, the map's measure and place. */
export interface InsightQuery {
  from: string;
  to: string;
  program: string | null;
  metric: MapMetric;
  /** the department clicked through to (its provinces on the map), or null for the country */
  department: string | null;
  /** a help desk's own district: every figure is of it (usage: of its department) */
  district: string | null;
}

const DAY = 86_400_000;
/** the counts start with the service; nothing can be asked before */
export const FIRST_DAY = "2024-01-01";
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export type Parsed = { ok: true; query: InsightQuery; notice?: string } | { ok: false; error: string; query: InsightQuery };

/**
 * The page's query string checked: a clear Spanish message for a period in the wrong order or out
 * of range, an unknown program or department. The default period is the last 12 months (Lima).
 * A help desk always gets its own district, whatever it asks for (and is told so).
 */
export function parseInsightQuery(
  q: Record<string, string | undefined>,
  opts: { today: string; departments: Set<string>; helpdeskDistrict: string | null },
): Parsed {
  const today = opts.today;
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 364 * DAY).toISOString().slice(0, 10);
  const from = q.from?.trim() || yearAgo;
  const to = q.to?.trim() || today;
  const program = q.program?.trim() || null;
  const metric = (q.map?.trim() || "complaints") as MapMetric;
  const department = q.dept?.trim() || null;
  const district = opts.helpdeskDistrict;
  const fallback: InsightQuery = { from: yearAgo, to: today, program: null, metric: "complaints", department: district ? district.slice(0, 2) : null, district };
  const fail = (error: string): Parsed => ({ ok: false, error, query: fallback });
  if (!isDate(from)) return fail(`La fecha «desde» (${from.slice(0, 20)}) no es una fecha válida (AAAA-MM-DD).`);
  if (!isDate(to)) return fail(`La fecha «hasta» (${to.slice(0, 20)}) no es una fecha válida (AAAA-MM-DD).`);
  if (from > to) return fail(`El periodo está al revés: «desde» (${from}) es posterior a «hasta» (${to}).`);
  if (from < FIRST_DAY) return fail(`El periodo empieza antes de ${FIRST_DAY}, cuando no había conteos.`);
  if (to > today) return fail(`El periodo termina después de hoy (${today}).`);
  if (program && program !== "general" && !(PROGRAM_IDS as readonly string[]).includes(program)) return fail(`No conocemos el programa «${program.slice(0, 40)}».`);
  if (!(MAP_METRICS as readonly string[]).includes(metric)) return fail(`No conocemos el mapa «${metric.slice(0, 40)}»: elija reclamos, uso o brecha.`);
  if (department && !opts.departments.has(department)) return fail(`No conocemos el departamento «${department.slice(0, 20)}».`);
  if (district) {
    // a help desk sees its own district's version only
    const own = district.slice(0, 2);
    const asked = department && department !== own;
    return { ok: true, query: { from, to, program, metric, department: own, district }, notice: asked ? "Su cuenta ve solo las cifras de su distrito: se muestran esas." : undefined };
  }
  return { ok: true, query: { from, to, program, metric, department, district: null } };
}
