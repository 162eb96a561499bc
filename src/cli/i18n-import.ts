// npm run i18n:import -- file.csv [--reviewer "Nombre"] [--lang qu --reviewer "Nombre"]... [--dir locales]
// Applies a translator's edited CSV (from npm run i18n:export) to the locale files: only the cells
// they changed, only if nobody changed them meanwhile; anything doubtful refuses the whole file.
import { readFileSync } from "node:fs";
import { CsvEncodingError } from "../csv/decode";
import { flattenKeys } from "../i18n/flatten";
import { importRows, type ImportChange, type TranslatedLang } from "../i18n/review";
import { readTranslationCsv, TranslationCsvError } from "../i18n/translation-csv";
import { measureTextUsage } from "./i18n-usage";
import { readLocales, readReview, writeChangedTexts, writeReview } from "./locales-files";

const USAGE = 'uso: npm run i18n:import -- <archivo.csv> [--reviewer "Nombre"] [--lang qu --reviewer "Nombre"] [--lang ay --reviewer "Nombre"] [--dir locales]';

function parseArgs(argv: string[]) {
  let dir = "locales";
  let file: string | undefined;
  let lang: TranslatedLang | null = null;
  const reviewers: Partial<Record<TranslatedLang, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dir") dir = argv[++i];
    else if (arg === "--lang") {
      const value = argv[++i];
      if (value !== "qu" && value !== "ay") throw new Error(`--lang ${value}: use qu o ay`);
      lang = value;
    } else if (arg === "--reviewer") {
      const name = (argv[++i] ?? "").trim();
      if (!name) throw new Error("--reviewer necesita un nombre");
      // after --lang it names that language's reviewer; alone, both
      if (lang) reviewers[lang] = name;
      else reviewers.qu = reviewers.ay = name;
      lang = null;
    } else if (arg.startsWith("--")) throw new Error(`opción desconocida: ${arg}`);
    else file = arg;
  }
  if (!file) throw new Error("falta el archivo");
  return { dir, file, reviewers };
}

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

let csv: ReturnType<typeof readTranslationCsv>;
try {
  csv = readTranslationCsv(readFileSync(args.file));
} catch (error) {
  if (error instanceof CsvEncodingError || error instanceof TranslationCsvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const resources = readLocales(args.dir);
const result = importRows({
  resources,
  review: readReview(args.dir),
  rows: csv.rows,
  reviewers: args.reviewers,
  limits: await measureTextUsage(),
  today: new Date().toISOString().slice(0, 10),
});

const read = `${csv.rows.length} filas leídas de ${args.file} (${csv.encoding}${csv.encoding === "Windows-1252" ? ", convertido a UTF-8" : ""}; separador «${csv.separator}»).`;
if (result.rejected.length) {
  console.error(read);
  for (const r of result.rejected) console.error(`fila ${r.line} (${r.key || "sin clave"}): ${r.reason}`);
  console.error(`${result.rejected.length} filas rechazadas; no se escribió nada. Corríjalas (o exporte de nuevo) e importe otra vez.`);
  process.exit(1);
}

const texts = result.changes.filter((c) => c.text).map((c) => ({ lang: c.lang, key: c.key, text: flattenKeys(result.resources[c.lang]).get(c.key)! }));
const files = writeChangedTexts(args.dir, texts);
if (writeReview(args.dir, result.review)) files.push(`${args.dir}/review-status.json`);
console.log(read);
console.log(summary(result.changes));
if (result.keptNewer) console.log(`${result.keptNewer} textos no se tocaron: el archivo los traía como se exportaron y el repositorio ya tiene una versión más nueva.`);
if (result.apostrophes) console.log(`${result.apostrophes} apóstrofos tipográficos (’ ʼ) se cambiaron por ' (el de los alfabetos oficiales y de GSM-7).`);
console.log(files.length ? `Archivos modificados: ${files.join(", ")}` : "Ningún archivo modificado.");

/** «3 textos cambiados: qu 2 (Ana Quispe), ay 1 (Juan Mamani)…» */
function summary(changes: ImportChange[]): string {
  const byLang = (lang: string, pick: (c: ImportChange) => boolean) => {
    const list = changes.filter((c) => c.lang === lang && pick(c));
    const who = [...new Set(list.map((c) => c.reviewer ?? "sin revisor"))];
    return list.length ? `${lang} ${list.length} (${who.join(", ")})` : null;
  };
  const part = (pick: (c: ImportChange) => boolean) => ["es", "qu", "ay"].map((l) => byLang(l, pick)).filter(Boolean).join(", ") || "ninguno";
  const textCount = changes.filter((c) => c.text).length;
  return [
    `${textCount} textos cambiados: ${part((c) => c.text)}.`,
    `Marcados como revisados: ${part((c) => c.status === "reviewed")}.`,
    `Vueltos a borrador: ${part((c) => c.status === "draft")}.`,
  ].join("\n");
}
