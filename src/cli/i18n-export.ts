// npm run i18n:export [-- out.csv] [--dir locales]: every string in es/qu/ay with its review status,
// where it appears, its channel limits and a hash of each text as exported, for a spreadsheet.
import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { CSV_COLUMNS, exportRows, STATUS_WORDS } from "../i18n/review";
import { readLocales, readReview } from "./locales-files";
import { measureTextUsage } from "./i18n-usage";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const dir = dirFlag >= 0 ? args.splice(dirFlag, 2)[1] : "locales";
const out = args[0] ?? "translations.csv";

const rows = exportRows(readLocales(dir), readReview(dir), await measureTextUsage());
// UTF-8 BOM so spreadsheet programs open accents and ñ correctly
writeFileSync(out, "\ufeff" + stringify(rows, { header: true, columns: [...CSV_COLUMNS] }));
const drafts = rows.filter((r) => r.qu_status === STATUS_WORDS.draft).length + rows.filter((r) => r.ay_status === STATUS_WORDS.draft).length;
console.log(`${rows.length} textos escritos en ${out} (${drafts} textos en quechua o aimara siguen como borrador para revisión nativa).`);
console.log("Edite las columnas es, qu, ay, qu_status/ay_status (revisado o borrador) y qu_reviewer/ay_reviewer; no cambie key ni las columnas *_hash.");
