/**
 * Builds db/reference/peru-map.json (the insight page's map) from the department and province
 * boundaries of `juaneladio/peru-geojson` (MPL-2.0; the notice travels with the derived file as
 * db/reference/peru-map-LICENSE.txt) and the people in poverty per department and province
 * (estimated population 2020 × INEI poverty % of each district, db/reference/ubigeo_poblacion.csv
 * and ubigeo_distritos.csv, MIT). Projected once here (equirectangular, scaled by cos of Peru's
 * middle latitude) and simplified (Douglas–Peucker) so the page's SVG stays small.
 * Run: `npm run map:build [-- <folder with the two geojson files>]` (default ../shared/data).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { PeruMap } from "../services/insight/map-data";
import districtData from "../../db/reference/districts.json";

export const MAP_JSON = fileURLToPath(new URL("../../db/reference/peru-map.json", import.meta.url));
const REFERENCE = fileURLToPath(new URL("../../db/reference/", import.meta.url));

type Ring = [number, number][];
interface Feature {
  properties: Record<string, string | number>;
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

// Peru: longitude −81.4…−68.6, latitude −18.4…0.0; 1,000 units wide
const WEST = -81.4;
const NORTH = 0.05;
const K = Math.cos((9.2 * Math.PI) / 180);
const SCALE = 1000 / ((81.4 - 68.6) * K);
const project = ([lon, lat]: [number, number]): [number, number] => [(lon - WEST) * K * SCALE, (NORTH - lat) * SCALE];

/** A closed ring simplified as two open halves (Douglas–Peucker needs two distinct ends). */
function simplifyRing(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length < 5) return points;
  const mid = Math.floor(points.length / 2);
  return [...simplify(points.slice(0, mid + 1), tolerance).slice(0, -1), ...simplify(points.slice(mid), tolerance)];
}

function simplify(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy) || 1;
    let worst = -1;
    let far = 0;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * points[i][0] - dx * points[i][1] + bx * ay - by * ax) / len;
      if (d > far) (far = d), (worst = i);
    }
    if (worst > 0 && far > tolerance) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** One feature's outline as an SVG path (rings under 3 points after simplifying are dropped). */
function pathOf(feature: Feature, tolerance: number, digits: number): { d: string; box: [number, number, number, number] } {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const parts: string[] = [];
  const f = 10 ** digits;
  const round = (n: number) => Math.round(n * f) / f;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const projected = ring.map(project);
      for (const [x, y] of projected) (box[0] = Math.min(box[0], x)), (box[1] = Math.min(box[1], y)), (box[2] = Math.max(box[2], x)), (box[3] = Math.max(box[3], y));
      const simple = simplifyRing(projected, tolerance);
      if (simple.length < 4) continue;
      parts.push(`M${simple.map(([x, y]) => `${round(x)} ${round(y)}`).join("L")}Z`);
    }
  }
  return { d: parts.join(""), box: box.map((n) => Math.round(n * 10) / 10) as [number, number, number, number] };
}

function peopleInPoverty(): Map<string, number> {
  const rows = (file: string) => parse(readFileSync(join(REFERENCE, file), "utf8"), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const population = new Map(rows("ubigeo_poblacion.csv").map((r) => [r.inei, Number(r.poblacion_2020_est)]));
  const poor = new Map<string, number>();
  for (const r of rows("ubigeo_distritos.csv")) {
    const people = population.get(r.inei);
    const pct = Number(r.pct_pobreza_total);
    if (!people || r.pct_pobreza_total === "NA" || r.pct_pobreza_total === "" || !Number.isFinite(pct)) continue;
    poor.set(r.inei, Math.round((people * pct) / 100));
  }
  return poor;
}

/** Features sharing one code (a province drawn in two pieces, once misspelt) as one shape. */
function merged(shapes: { code: string; d: string; box: [number, number, number, number] }[], names: Map<string, string>, poor: (code: string) => number) {
  const byCode = new Map<string, { code: string; d: string; box: [number, number, number, number] }>();
  for (const s of shapes) {
    const seen = byCode.get(s.code);
    if (!seen) byCode.set(s.code, { ...s });
    else {
      seen.d += s.d;
      seen.box = [Math.min(seen.box[0], s.box[0]), Math.min(seen.box[1], s.box[1]), Math.max(seen.box[2], s.box[2]), Math.max(seen.box[3], s.box[3])];
    }
  }
  return [...byCode.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => ({ code: s.code, name: names.get(s.code) ?? s.code, d: s.d, box: s.box, poor: poor(s.code) }));
}

export function buildPeruMap(folder: string): PeruMap {
  const read = (file: string) => JSON.parse(readFileSync(join(folder, file), "utf8")) as { features: Feature[] };
  const poor = peopleInPoverty();
  const sum = (prefix: string) => [...poor].reduce((n, [ubigeo, p]) => (ubigeo.startsWith(prefix) ? n + p : n), 0);
  // names as the district directory spells them (the boundaries' file misspells a few)
  const names = new Map<string, string>();
  for (const dept of districtData.departments) {
    names.set(dept.code, dept.name);
    for (const prov of dept.provinces) names.set(prov.code, prov.name);
  }
  const departments = merged(read("peru-departamentos.geojson").features.map((f) => ({ code: String(f.properties.FIRST_IDDP), ...pathOf(f, 1.2, 0) })), names, sum);
  const provinces = merged(read("peru-provincias.geojson").features.map((f) => ({ code: String(f.properties.FIRST_IDPR), ...pathOf(f, 0.3, 1) })), names, sum);
  return {
    source: "juaneladio/peru-geojson (MPL-2.0, INEI 2007 via MINAM Geoservidor), see peru-map-LICENSE.txt; people in poverty: ubigeo-peru-aumentado (MIT), population 2020 (estimated) × INEI poverty %",
    width: 1000,
    height: Math.ceil((NORTH + 18.4) * SCALE),
    departments,
    provinces,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const folder = process.argv[2] ?? fileURLToPath(new URL("../../../shared/data/", import.meta.url));
  const map = buildPeruMap(folder);
  writeFileSync(MAP_JSON, `${JSON.stringify(map)}\n`);
  console.log(`${MAP_JSON}: ${map.departments.length} departments, ${map.provinces.length} provinces, ${readFileSync(MAP_JSON).length} bytes`);
}
