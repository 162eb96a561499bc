import type { MapCell } from "../../services/insight/build";

/**
 * Server-rendered SVG for the insight page: no script (the console's CSP allows none), each
 * shape with its value in a <title>, the chart named by <title> and <desc>. Built as strings
 * (escaped here) so the markup is exactly what the tests and printers see.
 */
export const esc = (s: string | number) => String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
const fmt = (v: number, digits = 1) => v.toLocaleString("es-PE", { maximumFractionDigits: digits });

/** a sequential blue scale, light → dark (ColorBrewer Blues, 5 classes); grey: no data */
export const SCALE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
export const NO_DATA = "#d9d9d9";

/** Class limits: equal steps up to the largest value (0 stays in the first class). */
export function classesOf(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return SCALE.map((_, i) => (max * (i + 1)) / SCALE.length);
}
const colourOf = (v: number | null, limits: number[]) => (v === null ? NO_DATA : SCALE[Math.max(0, limits.findIndex((l) => v <= l))] ?? SCALE.at(-1)!);

function head(id: string, title: string, desc: string, viewBox: string, extra = "", cls = "chart") {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" aria-labelledby="${id}-t ${id}-d" class="${cls}"${extra}><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>`;
}

/**
 * The choropleth: one <path> per department or province, each with its name and value in a
 * <title>; a department links to its provinces (`href(code)`), without script.
 */
export function mapSvg(p: { id: string; title: string; desc: string; viewBox: string; cells: MapCell[]; valueText(c: MapCell): string; href?: (code: string) => string }): string {
  const limits = classesOf(p.cells.flatMap((c) => (c.value === null ? [] : [c.value])));
  const w = Number(p.viewBox.split(" ")[2]);
  const stroke = Math.max(0.3, w / 900);
  const shapes = p.cells
    .map((c) => {
      const path = `<path d="${c.d}" fill="${colourOf(c.value, limits)}" stroke="#444" stroke-width="${stroke.toFixed(2)}" data-code="${esc(c.code)}"><title>${esc(`${c.name}: ${p.valueText(c)}`)}</title></path>`;
      return p.href ? `<a href="${esc(p.href(c.code))}">${path}</a>` : path;
    })
    .join("");
  return `${head(p.id, p.title, p.desc, p.viewBox, ' role="group" preserveAspectRatio="xMidYMid meet"', "chart map")}${shapes}</svg>`;
}

/** The map's legend as SVG: the five classes and "no data". */
export function legendSvg(id: string, cells: MapCell[], digits: number): string {
  const limits = classesOf(cells.flatMap((c) => (c.value === null ? [] : [c.value])));
  const items = limits.map((l, i) => ({ colour: SCALE[i], text: `${i === 0 ? "0" : `> ${fmt(limits[i - 1], digits)}`} – ${fmt(l, digits)}` }));
  items.push({ colour: NO_DATA, text: "sin datos" });
  const rows = items.map((it, i) => `<rect x="0" y="${i * 22}" width="18" height="18" fill="${it.colour}" stroke="#444" stroke-width="0.5"/><text x="26" y="${i * 22 + 14}" font-size="13">${esc(it.text)}</text>`).join("");
  return `${head(id, "Leyenda del mapa", items.map((i) => i.text).join("; "), `0 0 220 ${items.length * 22}`, ' role="img"', "legend")}${rows}</svg>`;
}

/** Horizontal bars: one <rect> per item with its value in a <title>. */
export function barsSvg(p: { id: string; title: string; desc: string; items: { label: string; value: number; text: string }[]; max?: number }): string {
  const rowH = 26;
  const labelW = 230;
  const barW = 330;
  const max = p.max ?? Math.max(1, ...p.items.map((i) => i.value));
  const h = Math.max(1, p.items.length) * rowH + 6;
  const rows = p.items
    .map((it, i) => {
      const y = i * rowH + 4;
      const w = Math.max(it.value > 0 ? 1 : 0, (barW * it.value) / max);
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="13">${esc(it.label)}</text><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="#3182bd"><title>${esc(`${it.label}: ${it.text}`)}</title></rect><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}" font-size="13">${esc(it.text)}</text>`;
    })
    .join("");
  const empty = p.items.length === 0 ? `<text x="10" y="18" font-size="13">Sin datos en el periodo.</text>` : "";
  return `${head(p.id, p.title, p.desc, `0 0 ${labelW + barW + 90} ${h}`, ' role="img"')}${rows}${empty}</svg>`;
}

/** Stacked columns per week, one <rect> per week × series with its value in a <title>. */
export function stackedSvg(p: { id: string; title: string; desc: string; columns: string[]; series: { key: string; label: string; colour: string }[]; value(column: string, series: string): number }): string {
  const W = 660;
  const H = 240;
  const left = 40;
  const bottom = 30;
  const totals = p.columns.map((c) => p.series.reduce((s, se) => s + p.value(c, se.key), 0));
  const max = Math.max(1, ...totals);
  const colW = (W - left - 10) / Math.max(1, p.columns.length);
  let out = `<line x1="${left}" y1="${H - bottom}" x2="${W - 5}" y2="${H - bottom}" stroke="#444"/><text x="${left - 4}" y="14" text-anchor="end" font-size="12">${esc(fmt(max, 0))}</text><text x="${left - 4}" y="${H - bottom}" text-anchor="end" font-size="12">0</text>`;
  p.columns.forEach((c, i) => {
    let y = H - bottom;
    for (const se of p.series) {
      const v = p.value(c, se.key);
      if (v <= 0) continue;
      const h = ((H - bottom - 10) * v) / max;
      y -= h;
      out += `<rect x="${(left + i * colW + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, colW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${se.colour}"><title>${esc(`Semana del ${c}, ${se.label}: ${v}`)}</title></rect>`;
    }
    if (i === 0 || i === p.columns.length - 1) out += `<text x="${(left + i * colW + (i === 0 ? 0 : colW)).toFixed(1)}" y="${H - 10}" font-size="12" text-anchor="${i === 0 ? "start" : "end"}">${esc(c)}</text>`;
  });
  const legend = p.series.map((se, i) => `<rect x="${left + i * 150}" y="${H + 4}" width="12" height="12" fill="${se.colour}"/><text x="${left + i * 150 + 16}" y="${H + 15}" font-size="12">${esc(se.label)}</text>`).join("");
  const empty = p.columns.length === 0 ? `<text x="${left + 10}" y="${H / 2}" font-size="13">Sin casos en el periodo.</text>` : "";
  return `${head(p.id, p.title, p.desc, `0 0 ${W} ${H + 22}`, ' role="img"')}${out}${legend}${empty}</svg>`;
}
