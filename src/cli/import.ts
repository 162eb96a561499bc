// `npm run import -- <persons|enrolments|classifications|payments> <file.csv> [--report <rejects.csv>] [--dry-run]`
// Loads a registry CSV into the database named by DATABASE_PATH (the server's), safely while
// the server runs: WAL lets it keep reading, busy_timeout makes each side wait for the other.
import { createReadStream } from "node:fs";
import { ConfigError, loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { ImportAbortedError, ImportEncodingError, ImportHeaderError, importCsv } from "../db/import/importer";
import { IMPORT_KINDS, type ImportKind } from "../db/import/rows";
import { defaultRowRules } from "../db/import/rules";

const USAGE = `usage: npm run import -- <${IMPORT_KINDS.join("|")}> <file.csv> [--report <rejects.csv>] [--dry-run]`;

async function main(args: string[]): Promise<number> {
  const dryRun = args.includes("--dry-run");
  const argv = args.filter((a) => a !== "--dry-run");
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
  // a bigger page cache keeps the random-key B-tree inserts of a multi-million-row file in memory
  database.sqlite.pragma("cache_size = -32768");
  // the WAL file is cut back to 64 MB when it starts over (it is not otherwise shrunk)
  database.sqlite.pragma("journal_size_limit = 67108864");
  const tty = process.stderr.isTTY;
  // Ctrl-C: stop between batches (each is one transaction) and say how to resume
  const interrupt = new AbortController();
  process.once("SIGINT", () => interrupt.abort());
  const started = performance.now();
  try {
    const summary = await importCsv({
      kind: kind as ImportKind,
      input: createReadStream(file, { highWaterMark: 1 << 20 }),
      sqlite: database.sqlite,
      rules: defaultRowRules(),
      dryRun,
      signal: interrupt.signal,
      reportPath: reportPath ?? `${file}.rejects.csv`,
      // every 100,000 rows: the same line rewritten on a terminal, one plain line each otherwise (logs, cron)
      onProgress: (rows) => {
        const rate = Math.round(rows / ((performance.now() - started) / 1000));
        const text = `${kind}: ${rows.toLocaleString("es-PE")} filas leídas (${rate.toLocaleString("es-PE")} filas/s)`;
        process.stderr.write(tty ? `\r${text}   ` : `${text}\n`);
      },
    });
    if (tty) process.stderr.write("\n");
    const seconds = summary.ms / 1000;
    console.log(
      [
        `${summary.kind} from ${file} into ${config.databasePath}${dryRun ? "  (--dry-run: simulación, no se escribió nada en la base de datos)" : ""}`,
        `  codificación  ${summary.encoding}${summary.encoding === "Windows-1252" ? " (convertida a UTF-8)" : ""}, separador «${summary.separator}»`,
        `  rows read     ${summary.read}`,
        `  new/changed   ${summary.written}`,
        `  unchanged     ${summary.unchanged}`,
        `  rejected      ${summary.rejected}${summary.reportPath ? `  (line and reason in ${summary.reportPath})` : ""}`,
        `  time          ${seconds.toFixed(1)} s (${Math.round(summary.read / Math.max(seconds, 0.001)).toLocaleString("en")} rows/s)`,
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    if (tty) process.stderr.write("\n");
    if (error instanceof ImportAbortedError) {
      console.error(error.message);
      return 130;
    }
    if (error instanceof ImportEncodingError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof ImportHeaderError) {
      console.error(error.message);
      return 2;
    }
    console.error(`import failed: ${(error as Error).message}`);
    return 1;
  } finally {
    database.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
