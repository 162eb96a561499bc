/**
 * Builds db/reference/districts.json (the compact tree the service imports) from
 * db/reference/ubigeo_distritos.csv. Run: `npm run districts:build`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { DistrictData } from "../services/districts/types";

export const DISTRICTS_CSV = fileURLToPath(new URL("../../db/reference/ubigeo_distritos.csv", import.meta.url));
export const DISTRICTS_JSON = fileURLToPath(new URL("../../db/reference/districts.json", import.meta.url));

interface Row {
  inei: string;
  reniec: string;
  departamento: string;
  provincia: string;
  distrito: string;
  pct_pobreza_total: string;
  pct_pobreza_extrema: string;
}

const percent = (text: string): number | null => (text.trim() === "" || text === "NA" ? null : Math.round(Number(text) * 10) / 10);

/** CSV text → the compact tree; throws on a malformed ubigeo so a bad file never ships. */
export function buildDistrictData(csv: string): DistrictData {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Row[];
  const data: DistrictData = { source: "db/reference/ubigeo_distritos.csv (MIT, J. M. Castagnetto)", skipped: [], departments: [] };
  const skipped = data.skipped;
  for (const row of rows) {
    // The source marks a missing code "NA": a district without an INEI code cannot be stored
    // (the service stores INEI codes), one without a RENIEC code simply has no translation.
    if (row.inei === "NA") {
      skipped.push(`${row.distrito} (${row.provincia}, ${row.departamento}): no INEI ubigeo`);
      continue;
    }
    const reniec = row.reniec === "NA" ? null : row.reniec;
    for (const [field, code] of [["inei", row.inei], ["reniec", reniec ?? "000000"]] as const) {
      if (!/^\d{6}$/.test(code)) throw new Error(`district ${row.distrito}: ${field} "${code}" is not 6 digits`);
    }
    const deptCode = row.inei.slice(0, 2);
    const provCode = row.inei.slice(0, 4);
    let dept = data.departments.find((d) => d.code === deptCode);
    if (!dept) data.departments.push((dept = { code: deptCode, name: row.departamento, provinces: [] }));
    let prov = dept.provinces.find((p) => p.code === provCode);
    if (!prov) dept.provinces.push((prov = { code: provCode, name: row.provincia, districts: [] }));
    // [inei, name, reniec, % poverty, % extreme poverty]
    prov.districts.push([row.inei, row.distrito, reniec, percent(row.pct_pobreza_total), percent(row.pct_pobreza_extrema)]);
  }
  return data;
}

/** One district per line: small diffs when the CSV changes, still compact. */
export function serializeDistrictData(data: DistrictData): string {
  const lines: string[] = ["{", `  "source": ${JSON.stringify(data.source)},`, `  "skipped": ${JSON.stringify(data.skipped)},`, '  "departments": ['];
  data.departments.forEach((d, di) => {
    lines.push(`    { "code": "${d.code}", "name": ${JSON.stringify(d.name)}, "provinces": [`);
    d.provinces.forEach((p, pi) => {
      lines.push(`      { "code": "${p.code}", "name": ${JSON.stringify(p.name)}, "districts": [`);
      p.districts.forEach((row, ri) => lines.push(`        ${JSON.stringify(row)}${ri < p.districts.length - 1 ? "," : ""}`));
      lines.push(`      ] }${pi < d.provinces.length - 1 ? "," : ""}`);
    });
    lines.push(`    ] }${di < data.departments.length - 1 ? "," : ""}`);
  });
  lines.push("  ]", "}", "");
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = buildDistrictData(readFileSync(DISTRICTS_CSV, "utf8"));
  writeFileSync(DISTRICTS_JSON, serializeDistrictData(data));
  const count = data.departments.flatMap((d) => d.provinces).flatMap((p) => p.districts).length;
  console.log(`wrote ${DISTRICTS_JSON}: ${data.departments.length} departments, ${count} districts`);
  for (const line of data.skipped) console.log(`skipped ${line}`);
}
