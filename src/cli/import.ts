// `npm run import -- <persons|enrolments|classifications|payments> <file.csv> [--report <rejects.csv>] [--dry-run] [--allow-orphans]`
// Loads a registry CSV into the database named by DATABASE_PATH (the server's), safely while
// the server runs: WAL lets it keep reading, busy_timeout makes each side wait for the other.
import { createReadStream, statSync } from "node:fs";
import { progressView } from "./import-progress";
import { ConfigError, loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { IMPORT_CACHE_KIB, ImportAbortedError, ImportEncodingError, ImportHeaderError, importCsv } from "../db/import/importer";
import { IMPORT_KINDS, type ImportKind } from "../db/import/rows";
import { defaultRowRules } from "../db/import/rules";
import { REJECT_LABELS, type RejectCode } from "../db/import/reasons";

const USAGE = `usage: npm run import -- <${IMPORT_KINDS.join("|")}> <file.csv> [--report <rejects.csv>] [--dry-run] [--allow-orphans]`;

async function main(args: string[]): Promise<number> {
  const dryRun = args.includes("--dry-run");
  const allowOrphans = args.includes("--allow-orphans");
  const argv = args.filter((a) => a !== "--dry-run" && a !== "--allow-orphans");
  const reportAt = argv.indexOf("--report");
  const reportPath = reportAt >= 0 ? argv[reportAt + 1] : undefined;
  const positional = reportAt >= 0 ? argv.filter((_, i) => i !== reportAt && i !== reportAt + 1) : argv;
  const [kind, file] = positional;
  if (!IMPORT_KINDS.includes(kind as ImportKind) || !file || (reportAt >= 0 && !reportPath)) {
    console.error(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig().config;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    return 2;
  }
  // checkpoints from a worker thread, overlapping the parsing (as the server does; src/db/checkpointer.ts)
  const database = openNodeDatabase(config.databasePath, { backgroundCheckpoints: true });
  // the page cache for the key-ordered writes into the table and the lookups into persons
  database.sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  // the WAL file is cut back to 64 MB when it starts over (it is not otherwise shrunk)
  database.sqlite.pragma("journal_size_limit = 67108864");
  let fileBytes = 0;
  try {
    fileBytes = statSync(file).size;
  } catch {
    console.error(`No se encuentra el archivo ${file}`);
    database.close();
    return 2;
  }
  // Ctrl-C: stop between batches (each is one transaction) and say how to resume
  const interrupt = new AbortController();
  process.once("SIGINT", () => interrupt.abort());
  const progress = progressView(process.stderr, fileBytes, kind);
  const report = reportPath ?? `${file}.rejects.csv`;
  try {
    const summary = await importCsv({
      kind: kind as ImportKind,
      input: createReadStream(file, { highWaterMark: 1 << 20 }),
      sqlite: database.sqlite,
      rules: defaultRowRules(),
      dryRun,
      allowOrphans,
      signal: interrupt.signal,
      reportPath: report,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const seconds = summary.ms / 1000;
    const rejectedBy = Object.entries(summary.rejectedBy).map(([code, count]) => `      ${String(count).padStart(9)}  ${REJECT_LABELS[code as RejectCode]}`);
    console.log(
      [
        `${summary.kind} de ${file} en ${config.databasePath}${dryRun ? "  (--dry-run: simulación, no se escribió nada en la base de datos)" : ""}`,
        `  codificación  ${summary.encoding}${summary.encoding === "Windows-1252" ? " (convertida a UTF-8)" : ""}, separador «${summary.separator}»`,
        `  filas leídas  ${summary.read}`,
        `  nuevas        ${summary.new}`,
        `  cambiadas     ${summary.changed}`,
        `  sin cambios   ${summary.unchanged}`,
        `  repetidas     ${summary.repeated}  (idénticas a una fila anterior: contadas una vez)`,
        ...(summary.orphansKept > 0 ? [`  sin persona   ${summary.orphansKept}  (DNI que no está en el padrón, guardadas por --allow-orphans)`] : []),
        `  rechazadas    ${summary.rejected}`,
        ...rejectedBy,
        `  informe       ${report}  (fila, columna, valor, motivo y sugerencia; totales al final)`,
        `  tiempo        ${seconds.toFixed(1)} s (${Math.round(summary.read / Math.max(seconds, 0.001)).toLocaleString("es-PE")} filas/s)`,
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof ImportAbortedError) {
      console.error(error.message);
      return 130;
    }
    if (error instanceof ImportEncodingError || error instanceof ImportHeaderError) {
      console.error(error.message);
      return 2;
    }
    console.error(`La importación falló: ${(error as Error).message}`);
    return 1;
  } finally {
    database.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
