// npm run i18n:import -- file.csv [--reviewer name] [--dir locales]: applies a translator's edited CSV to the locale files.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { importRows, type CsvRow } from "../i18n/review";
import { readLocales, readReview, writeLocales, writeReview } from "./locales-files";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const dir = dirFlag >= 0 ? args.splice(dirFlag, 2)[1] : "locales";
const reviewerFlag = args.indexOf("--reviewer");
const reviewer = reviewerFlag >= 0 ? args.splice(reviewerFlag, 2)[1] : "translator";
const file = args[0];
if (!file) {
  console.error("usage: npm run i18n:import -- <file.csv> [--reviewer name] [--dir locales]");
  process.exit(2);
}

const rows = parse(readFileSync(file), { bom: true, columns: true, skip_empty_lines: true }) as CsvRow[];
const result = importRows(readLocales(dir), readReview(dir), rows, reviewer);
for (const r of result.rejected) console.error(`line ${r.line} (${r.key || "no key"}): ${r.reason}`);
if (result.rejected.length) {
  console.error(`${result.rejected.length} rows refused; nothing written. Fix them and import again.`);
  process.exit(1);
}
writeLocales(dir, result.resources);
writeReview(dir, result.review);
console.log(`${rows.length} rows read, ${result.changed} texts changed.`);
