import type { InsightData } from "../../services/insight/build";

/** One chart's numbers: the table beside it, and its CSV. */
export interface ChartTable {
  id: string;
  title: string;
  head: string[];
  rows: (string | number)[][];
}

export interface InsightLabels {
  program(p: string): string;
  queue(q: string): string;
  kind(k: string): string;
  region(code: string): string;
  district(ubigeo: string): string;
  channel(c: string): string;
  lang(l: string): string;
  section(s: string): string;
  node(n: string): string;
}

export const CHART_IDS = ["map", "weekly", "ontime", "median", "channel", "lang", "funnel", "gap"] as const;
export type ChartId = (typeof CHART_IDS)[number];

const one = (v: number | null, digits = 1) => (v === null ? "" : Math.round(v * 10 ** digits) / 10 ** digits);
const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : "");

export const METRIC_TITLES = {
  complaints: "Casos por 10 000 personas en pobreza",
  usage: "Uso (secciones visitadas) por 10 000 personas en pobreza",
  gap: "Señal de brecha de cobertura: autoevaluaciones «probablemente sí» por afiliación activa",
} as const;

/** Every chart's table, in the page's order; the CSV of a chart is its table. */
export function insightTables(data: InsightData, l: InsightLabels): Record<ChartId, ChartTable> {
  const m = data.map;
  const place = m.level === "department" ? "Departamento" : "Provincia";
  const [countHead, baseHead] =
    m.metric === "complaints" ? ["Casos", "Personas en pobreza (estimado)"] : m.metric === "usage" ? ["Secciones visitadas", "Personas en pobreza (estimado)"] : ["Autoevaluaciones «probablemente sí»", "Afiliaciones activas en el padrón"];
  return {
    map: {
      id: "map",
      title: METRIC_TITLES[m.metric],
      head: ["Código", place, countHead, baseHead, m.metric === "gap" ? "Razón" : "Por 10 000"],
      rows: m.cells.map((c) => [c.code, c.name, c.count, c.base, one(c.value, m.metric === "gap" ? 2 : 1)]),
    },
    weekly: { id: "weekly", title: "Casos por semana y tipo", head: ["Semana (lunes)", "Tipo", "Casos"], rows: data.weekly.map((w) => [w.week, l.kind(w.kind), w.n]) },
    ontime: {
      id: "ontime",
      title: "Respondidos dentro del plazo, por programa y bandeja",
      head: ["Programa", "Bandeja", "Registrados", "Respondidos", "Respondidos en plazo", "% de respondidos en plazo"],
      rows: data.onTime.map((r) => [l.program(r.program), l.queue(r.queue), r.filed, r.answered, r.onTime, pct(r.onTime, r.answered)]),
    },
    median: {
      id: "median",
      title: "Mediana de días hasta la primera respuesta",
      head: ["Programa", "Respondidos", "Mediana de días"],
      rows: data.median.map((r) => [r.program === "*" ? "Todos" : l.program(r.program), r.answered, one(r.median)]),
    },
    channel: { id: "channel", title: "Uso por canal", head: ["Canal", "Secciones visitadas"], rows: data.channel.map((r) => [l.channel(r.key), r.n]) },
    lang: { id: "lang", title: "Uso por idioma", head: ["Idioma", "Secciones visitadas"], rows: data.lang.map((r) => [l.lang(r.key), r.n]) },
    funnel: {
      id: "funnel",
      title: "Embudo de cada sección: entraron → completaron",
      head: ["Sección", "Entraron", "Completaron", "% completaron", "Dejaron sin completar", "Pantalla donde más se deja"],
      rows: data.funnel.map((f) => [l.section(f.section), f.entered, f.completed, pct(f.completed, f.entered), f.abandoned, f.topNode ? l.node(f.topNode) : ""]),
    },
    gap: {
      id: "gap",
      title: "Señal de brecha de cobertura por distrito (una señal, no una medición)",
      head: ["Ubigeo", "Distrito", "Autoevaluaciones «probablemente sí»", "Afiliaciones activas", "Razón"],
      rows: data.gap.map((g) => [g.ubigeo, l.district(g.ubigeo), g.likely, g.enrolled, g.enrolled > 0 ? one(g.likely / g.enrolled, 2) : "sin afiliaciones"]),
    },
  };
}

/** RFC 4180 CSV (UTF-8 with BOM so spreadsheets read the accents), a cell starting with =+-@ quoted as text. */
export function toCsv(table: ChartTable): string {
  const cell = (v: string | number) => {
    const s = String(v);
    const safe = /^[=+\-@]/.test(s) && typeof v === "string" ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `\uFEFF${[table.head, ...table.rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
