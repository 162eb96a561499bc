/**
 * Builds db/reference/districts.json (the compact tree the service imports) from
 * db/reference/ubigeo_distritos.csv. Run: `npm run districts:build`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { DistrictData, DistrictRow } from "../services/districts/types";
import { foldForMatch } from "../engine/text";
import { placeName } from "../domain/place-name";
import PLACE_NAMES_ES from "../../db/reference/place-names-es.json";

export const DISTRICTS_CSV = fileURLToPath(new URL("../../db/reference/ubigeo_distritos.csv", import.meta.url));
export const DISTRICTS_JSON = fileURLToPath(new URL("../../db/reference/districts.json", import.meta.url));

interface Row {
  inei: string;
  reniec: string;
  departamento: string;
  provincia: string;
  distrito: string;
  capital: string;
  pct_pobreza_total: string;
  pct_pobreza_extrema: string;
}

const percent = (text: string): number | null => (text.trim() === "" || text === "NA" ? null : Math.round(Number(text) * 10) / 10);

/**
 * The INEI name in title case ("APURIMAC" → "Apurimac") with the written accents of `written`
 * ("Apurímac"), letter by letter: only accents are taken, never case or spacing; undefined when
 * `written` is another word or adds no accent.
 */
export function withAccents(upper: string, written: string | undefined): string | undefined {
  if (!written) return undefined;
  const title = [...placeName(upper).normalize("NFC")];
  const source = [...written.normalize("NFC").replace(/\s+/g, " ").trim()];
  if (source.length !== title.length) return undefined;
  let changed = false;
  const out: string[] = [];
  for (let i = 0; i < title.length; i++) {
    const ours = title[i];
    const theirs = source[i];
    if (theirs.toLowerCase() === ours.toLowerCase()) out.push(ours);
    else if (foldForMatch(theirs) === foldForMatch(ours)) {
      out.push(ours === ours.toUpperCase() ? theirs.toUpperCase() : theirs.toLowerCase());
      changed = true;
    } else return undefined;
  }
  return changed ? out.join("") : undefined;
}

/**
 * CSV text → the compact tree; throws on a malformed ubigeo so a bad file never ships.
 *
 * Accented names (`label`, only where it differs from the INEI name in title case): a district's
 * from its capital's name when both are the same word but for accents and case (the CSV writes
 * capitals with accents; "ASUNCION", capital "Asunción"); a province's from the table in
 * db/reference/place-names-es.json, else from a district of the same name in its department;
 * a department's from that table. Other names stay as INEI writes them, without accents.
 */
export function buildDistrictData(csv: string, names: { departments: Record<string, string>; provinces: Record<string, string> } = PLACE_NAMES_ES): DistrictData {
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
    if (!dept) {
      const label = withAccents(row.departamento, names.departments[deptCode]);
      data.departments.push((dept = { code: deptCode, name: row.departamento, ...(label ? { label } : {}), provinces: [] }));
    }
    let prov = dept.provinces.find((p) => p.code === provCode);
    if (!prov) dept.provinces.push((prov = { code: provCode, name: row.provincia, districts: [] }));
    // [inei, name, reniec, % poverty, % extreme poverty(, accented name)]
    const label = withAccents(row.distrito, row.capital);
    prov.districts.push([row.inei, row.distrito, reniec, percent(row.pct_pobreza_total), percent(row.pct_pobreza_extrema), ...(label ? [label] : [])] as DistrictRow);
  }
  for (const dept of data.departments) {
    const districtLabels = new Map(dept.provinces.flatMap((p) => p.districts).map((d) => [d[1], d[5]] as const));
    for (const prov of dept.provinces) {
      const label = withAccents(prov.name, names.provinces[prov.code]) ?? districtLabels.get(prov.name);
      if (label) prov.label = label;
    }
  }
  return data;
}

/** One district per line: small diffs when the CSV changes, still compact. */
export function serializeDistrictData(data: DistrictData): string {
  const lines: string[] = ["{", `  "source": ${JSON.stringify(data.source)},`, `  "skipped": ${JSON.stringify(data.skipped)},`, '  "departments": ['];
  data.departments.forEach((d, di) => {
    lines.push(`    { "code": "${d.code}", "name": ${JSON.stringify(d.name)},${d.label ? ` "label": ${JSON.stringify(d.label)},` : ""} "provinces": [`);
    d.provinces.forEach((p, pi) => {
      lines.push(`      { "code": "${p.code}", "name": ${JSON.stringify(p.name)},${p.label ? ` "label": ${JSON.stringify(p.label)},` : ""} "districts": [`);
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
