/**
 * Loads a program's list of focalised districts into db/catalog/focalization.json.
 *
 *   npm run focalization -- <program> <file.csv> [--reniec] [--source "..."] [--as-of YYYY-MM-DD]
 *   npm run focalization -- --demo        (re-derives the demo lists from INEI poverty estimates)
 *
 * The CSV needs a column `ubigeo` (or its first column is taken); every code is checked
 * against the district reference (`--reniec`: codes are RENIEC's and are translated to INEI).
 * Rejected rows are listed with their line; nothing is written if every row is rejected.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { createDistrictDirectory, type DistrictDirectory } from "../services/districts/directory";
import { focalizationSchema, type FocalizationDoc, type FocalizationList } from "../services/eligibility/focalization";
import { loadCatalog } from "../services/programs/catalog";

export const FOCALIZATION_JSON = fileURLToPath(new URL("../../db/catalog/focalization.json", import.meta.url));

export interface LoadReport {
  list: FocalizationList;
  rejected: { line: number; value: string; why: string }[];
}

/** Parses and checks a CSV of districts; pure (no file access) so it is tested directly. */
export function readFocalizationCsv(
  csv: string,
  directory: DistrictDirectory,
  options: { reniec?: boolean; source: string; asOf: string },
): LoadReport {
  const rows = parse(csv, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  const header = rows[0]?.map((h) => h.toLowerCase()) ?? [];
  const hasHeader = header.some((h) => !/^\d+$/.test(h));
  const column = Math.max(0, header.indexOf("ubigeo"));
  const rejected: LoadReport["rejected"] = [];
  const ubigeos = new Set<string>();
  rows.slice(hasHeader ? 1 : 0).forEach((row, i) => {
    const line = i + (hasHeader ? 2 : 1);
    // spreadsheets drop the leading zero of "010101"
    const value = (row[column] ?? "").padStart(6, "0");
    if (!/^\d{6}$/.test(value)) return rejected.push({ line, value: row[column] ?? "", why: "not a 6-digit ubigeo" });
    const inei = options.reniec ? directory.fromReniec(value) : value;
    if (!inei || !directory.get(inei)) return rejected.push({ line, value, why: options.reniec ? "unknown RENIEC ubigeo" : "unknown INEI ubigeo" });
    ubigeos.add(inei);
  });
  return { list: { demo: false, source: options.source, asOf: options.asOf, ubigeos: [...ubigeos].sort() }, rejected };
}

/** Demo lists from the poverty map: clearly not the official focalisation. */
export function demoFocalization(directory: DistrictDirectory): FocalizationDoc {
  const all = directory.departments().flatMap((d) => directory.provinces(d.code)).flatMap((p) => directory.districts(p.code));
  const pick = (test: (povertyPct: number, extremePct: number) => boolean) =>
    all.filter((d) => d.povertyPct !== null && d.extremePovertyPct !== null && test(d.povertyPct, d.extremePovertyPct)).map((d) => d.ubigeo);
  const source = (rule: string) => `DEMO, not the official list: districts with ${rule} in the INEI poverty map (db/reference/ubigeo_distritos.csv)`;
  return {
    $comment: "Focalised districts per program (INEI ubigeos). demo:true lists are derived from poverty estimates for demonstration; load the official list with `npm run focalization -- <program> <file.csv>`.",
    programs: {
      juntos: { demo: true, source: source("total poverty >= 40 %"), asOf: "2026-11-23", ubigeos: pick((p) => p >= 40) },
      cunamas: { demo: true, source: source("total poverty >= 40 %"), asOf: "2026-11-23", ubigeos: pick((p) => p >= 40) },
      hakuwinay: { demo: true, source: source("extreme poverty >= 25 %"), asOf: "2026-11-23", ubigeos: pick((_p, e) => e >= 25) },
    },
  };
}

export function serializeFocalization(doc: FocalizationDoc): string {
  const programs = Object.entries(doc.programs).map(([id, list]) => {
    const codes = list.ubigeos.map((u) => `"${u}"`);
    const lines: string[] = [];
    for (let i = 0; i < codes.length; i += 12) lines.push("        " + codes.slice(i, i + 12).join(", "));
    return `    "${id}": {\n      "demo": ${list.demo},\n      "source": ${JSON.stringify(list.source)},\n      "asOf": "${list.asOf}",\n      "ubigeos": [\n${lines.join(",\n")}\n      ]\n    }`;
  });
  return `{\n  "$comment": ${JSON.stringify(doc.$comment ?? "")},\n  "programs": {\n${programs.join(",\n")}\n  }\n}\n`;
}

function main(argv: string[]): number {
  const directory = createDistrictDirectory();
  if (argv[0] === "--demo") {
    writeFileSync(FOCALIZATION_JSON, serializeFocalization(demoFocalization(directory)));
    console.log(`wrote demo lists to ${FOCALIZATION_JSON}`);
    return 0;
  }
  const [program, file] = argv;
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const catalog = loadCatalog();
  const focalised = catalog.programs.filter((p) => p.eligibility.focalized).map((p) => p.id as string);
  if (!program || !file || !focalised.includes(program)) {
    console.error(`usage: npm run focalization -- <${focalised.join("|")}> <file.csv> [--reniec] [--source "..."] [--as-of YYYY-MM-DD]`);
    return 2;
  }
  const asOf = flag("--as-of") ?? new Date().toISOString().slice(0, 10);
  const report = readFocalizationCsv(readFileSync(file, "utf8"), directory, {
    reniec: argv.includes("--reniec"),
    source: flag("--source") ?? `loaded from ${file.split("/").pop()}`,
    asOf,
  });
  for (const r of report.rejected) console.error(`line ${r.line}: ${r.value}: ${r.why}`);
  if (report.list.ubigeos.length === 0) {
    console.error("no valid district: nothing written");
    return 1;
  }
  const doc = focalizationSchema.parse(JSON.parse(readFileSync(FOCALIZATION_JSON, "utf8")));
  doc.programs[program] = report.list;
  writeFileSync(FOCALIZATION_JSON, serializeFocalization(doc));
  console.log(`${program}: ${report.list.ubigeos.length} districts loaded, ${report.rejected.length} rejected`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
