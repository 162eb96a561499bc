// npm run i18n:export [-- out.csv] [--dir locales]: every string in es/qu/ay with its review status, for a spreadsheet.
import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { CSV_COLUMNS, exportRows } from "../i18n/review";
import { readLocales, readReview } from "./locales-files";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const dir = dirFlag >= 0 ? args.splice(dirFlag, 2)[1] : "locales";
const out = args[0] ?? "translations.csv";

const rows = exportRows(readLocales(dir), readReview(dir));
// UTF-8 BOM so spreadsheet programs open accents and ñ correctly
writeFileSync(out, "\ufeff" + stringify(rows, { header: true, columns: [...CSV_COLUMNS] }));
const drafts = rows.filter((r) => r.qu_status === "draft").length + rows.filter((r) => r.ay_status === "draft").length;
console.log(`${rows.length} strings written to ${out} (${drafts} Quechua/Aymara texts still drafts for native review)`);
