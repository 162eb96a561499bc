// Node-only: streams a registry CSV through a staging table into SQLite, checked, in key order.
import type Database from "better-sqlite3";
import { statSync } from "node:fs";
import type { Readable } from "node:stream";
import { canonicalHeader, spanishNames } from "./header-names";
import { checkDni, HEADERS, RENIEC_PERSONS_HEADER, validateClassification, validateEnrolment, validatePayment, validatePerson, type ImportKind, type RowResult, type RowRules, type SqlValue } from "./rows";
import { CsvRecordReader } from "./csv-records";
import { SpreadsheetDecoder } from "../../csv/decode";
import type { RejectCode } from "./reasons";
import { writeReport } from "./report";
import { ImportStage } from "./stage";
import { RowMemo } from "./row-memo";
import type { StagedValue } from "./codes";

/** The page cache `npm run import` gives its connection (KiB, as `cache_size = -N` takes it). */
export const IMPORT_CACHE_KIB = -8192;

export interface ImportOptions {
  kind: ImportKind;
  input: Readable;
  sqlite: Database.Database;
  rules: RowRules;
  /** where the report goes (the rejected lines and the totals); none: no report */
  reportPath?: string;
  /** rows per transaction on the real table: large enough to be fast, small enough not to hold the server's writes long */
  batchSize?: number;
  /** past this WAL size, checkpoint between batches (default 64 MB) */
  walLimitBytes?: number;
  /** rows per INSERT statement into the staging table (`VALUES (…), (…), …`) */
  rowsPerStatement?: number;
  onProgress?(progress: ImportProgress): void;
  /** validate, check and count everything (new/changed/unchanged included) but write nothing to the real table */
  dryRun?: boolean;
  /** keep payments and enrolments for a DNI that is not in `persons` (counted apart) instead of rejecting them */
  allowOrphans?: boolean;
  /** aborting stops between two batches: the database stays as after the last committed one */
  signal?: AbortSignal;
}

/** Reading: rows and bytes read so far. Writing: rows of the staged total written so far. */
export type ImportProgress = { phase: "read"; rows: number; bytes: number } | { phase: "write"; rows: number; total: number };

export interface ImportSummary {
  kind: ImportKind;
  /** data rows read (the header excluded) */
  read: number;
  /** rows inserted or changed (new + changed) */
  written: number;
  /** rows whose key was not in the table */
  new: number;
  /** rows whose key was there with other values */
  changed: number;
  /** rows already present with the same values */
  unchanged: number;
  /** a line identical to an earlier one of the file (same key, same data): counted once */
  repeated: number;
  /** rows for a DNI not in `persons` kept because of `allowOrphans` (included in new/changed/unchanged) */
  orphansKept: number;
  rejected: number;
  /** rejected lines per reason code (see reasons.ts) */
  rejectedBy: Partial<Record<RejectCode, number>>;
  reportPath: string | null;
  /** how the file was read: "UTF-8", "UTF-8 con BOM" or "Windows-1252" (converted) */
  encoding: string;
  /** the field separator found in the header line */
  separator: "," | ";";
  ms: number;
}

export class ImportHeaderError extends Error {
  constructor(
    readonly expected: string[],
    readonly found: string[],
    spanish: string[] = [],
  ) {
    super(
      `Encabezado incorrecto: se esperaba "${expected.join(",")}"${spanish.length ? ` (o en castellano: "${spanish.join(",")}")` : ""} y el archivo tiene "${found.join(",")}". No se importó nada. Revise que sea el archivo de este tipo y que la primera fila sea el encabezado.`,
    );
  }
}

/** The import was stopped (Ctrl-C): every batch before was committed, the current one was not. */
export class ImportAbortedError extends Error {
  constructor(readonly rowsCommitted: number) {
    super(
      rowsCommitted === 0
        ? "Importación interrumpida antes de escribir: la base de datos no cambió. Para importar, ejecute el mismo comando otra vez."
        : `Importación interrumpida. La base de datos quedó como después del último lote completo (${rowsCommitted} filas escritas o comprobadas); el lote en curso no se escribió. Para continuar, ejecute el mismo comando otra vez: las filas ya guardadas se cuentan como «sin cambios».`,
    );
  }
}

/** A file that is neither UTF-8 nor Windows-1252/ISO-8859-1: refused before (or without) writing more. */
export { CsvEncodingError as ImportEncodingError } from "../../csv/decode";

/** A header cell as Excel users write it: `DNI`, ` Fecha `, `Día` → lower case, no accents, spaces as `_`. */
export function foldHeader(cell: string): string {
  return cell.trim().normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, "_");
}

/** The whole file is read before anything is written (the staging table): nothing was imported. */
const MIXED_ENCODING =
  "El archivo no está en UTF-8 ni en Windows-1252: tiene tildes en UTF-8 y, más adelante, caracteres que no lo son. Ábralo en Excel y guárdelo como «CSV UTF-8 (delimitado por comas)» y vuelva a importarlo. No se importó nada.";

function validatorFor(kind: ImportKind, rules: RowRules, header: string[]): (r: string[]) => RowResult {
  switch (kind) {
    case "persons": {
      const reniec = header[4] === "ubigeo_reniec";
      return (r) => validatePerson(r, rules, reniec);
    }
    case "enrolments":
      return (r) => validateEnrolment(r, rules);
    case "classifications":
      return (r) => validateClassification(r);
    case "payments":
      return (r) => validatePayment(r, rules);
  }
}

function headerAccepted(kind: ImportKind, found: string[]): boolean {
  const same = (expected: string[]) => expected.length === found.length && expected.every((h, i) => h === found[i]);
  return same(HEADERS[kind]) || (kind === "persons" && same(RENIEC_PERSONS_HEADER));
}

/**
 * Reads the CSV once into a staging table (the header checked before anything else, every row
 * validated, rejects kept with their line), then checks what needs the whole file (the same key
 * twice, DNIs not in the registry), then writes the rest to the real table in key order, one
 * transaction per `batchSize` rows, and writes the report.
 */
export async function importCsv(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { kind, sqlite, rules } = options;
  const batchSize = options.batchSize ?? 20_000;
  const width = HEADERS[kind].length;
  let validate: ((r: string[]) => RowResult) | null = null;
  // a person's columns rarely repeat (names); the others' do (programs, periods, windows, places)
  let memo: RowMemo | null = null;
  const summary: ImportSummary = {
    kind,
    read: 0,
    written: 0,
    new: 0,
    changed: 0,
    unchanged: 0,
    repeated: 0,
    orphansKept: 0,
    rejected: 0,
    rejectedBy: {},
    reportPath: null,
    encoding: "UTF-8",
    separator: ",",
    ms: 0,
  };
  const stage = new ImportStage(sqlite, kind, options.rowsPerStatement ?? 50);
  traceAt = 0;
  trace("start");
  let bytes = 0;

  const progress = () => {
    if (options.onProgress && summary.read % 20_000 === 0) options.onProgress({ phase: "read", rows: summary.read, bytes });
  };
  // A line whose text after the DNI the memo knows: its DNI checked, the rest as remembered,
  // and the line never split. A line it does not know: its text kept for `onRecord` to remember.
  let tailLine = -1;
  let tailText = "";
  const onLine = (text: string, start: number, end: number, line: number): boolean => {
    if (memo === null || !memo.active) return false;
    const sep = text.indexOf(reader.separatorUsed, start);
    if (sep < 0 || sep >= end) return false;
    // an unquoted DNI cell ends at the first separator; a quoted one takes the long way (the
    // cell only is looked at: an indexOf would run to the end of a chunk that has no quote, per line)
    for (let i = start; i < sep; i++) if (text.charCodeAt(i) === 34) return false;
    const tail = text.slice(sep + 1, end);
    const known = memo.known(tail);
    if (known === undefined) {
      tailLine = line;
      tailText = tail;
      return false;
    }
    const dni = text.slice(start, sep);
    const c0 = dni.charCodeAt(0);
    const cl = dni.charCodeAt(dni.length - 1);
    if (c0 === 32 || c0 === 9 || cl === 32 || cl === 9) return false; // the splitter trims it: the long way
    summary.read += 1;
    const bad = checkDni(dni);
    const reject = bad ?? (Array.isArray(known) ? null : known);
    if (reject === null) stage.addEncoded(line, dni, known as StagedValue[]);
    else stage.reject({ line, field: reject.field, value: reject.value, code: reject.code, reason: reject.reason, hint: reject.hint });
    progress();
    return true;
  };

  const onRecord = (record: string[], line: number, singleLine: boolean) => {
    if (validate === null) {
      const header = record.map((cell) => canonicalHeader(kind, foldHeader(cell)));
      if (!headerAccepted(kind, header)) throw new ImportHeaderError(HEADERS[kind], record.map(foldHeader), spanishNames(HEADERS[kind]));
      validate = validatorFor(kind, rules, header);
      if (kind !== "persons") memo = new RowMemo(validate, (values) => stage.encodeTail(values));
      return;
    }
    summary.read += 1;
    if (record.length !== width) {
      stage.reject({
        line,
        field: "*",
        value: record.join(reader.separatorUsed),
        code: "columnas",
        reason: `Se esperaban ${width} columnas y hay ${record.length}`,
        hint: record.length > width ? `¿Un texto con «${reader.separatorUsed}» sin comillas, o un monto con coma decimal?` : "¿Faltan celdas al final de la fila?",
      });
      return;
    }
    if (memo !== null) {
      const row = memo.row(record, singleLine && tailLine === line ? tailText : null);
      if (row.ok) stage.addEncoded(line, row.dni, row.tail);
      else stage.reject({ line, field: row.field, value: row.value, code: row.code, reason: row.reason, hint: row.hint });
    } else {
      const result = validate(record);
      if (result.ok) stage.add(line, result.values);
      else stage.reject({ line, field: result.field, value: result.value, code: result.code, reason: result.reason, hint: result.hint });
    }
    progress();
  };
  const onBroken = (line: number, reason: string) => {
    if (validate === null) throw new ImportHeaderError(HEADERS[kind], []);
    summary.read += 1;
    stage.reject({ line, field: "*", value: "", code: "csv", reason: `Línea ilegible como CSV: ${BROKEN[reason] ?? reason}`, hint: "Revise las comillas de esta fila" });
  };
  const reader = new CsvRecordReader(onRecord, onBroken, onLine);
  const aborted = () => options.signal?.aborted === true;

  try {
    const input = options.input;
    const decoder = new SpreadsheetDecoder(MIXED_ENCODING);
    await new Promise<void>((resolve, reject) => {
      input.on("data", (chunk: Buffer | string) => {
        try {
          bytes += chunk.length;
          reader.push(typeof chunk === "string" ? chunk : decoder.decode(chunk));
        } catch (error) {
          input.destroy();
          reject(error);
        }
      });
      input.on("end", () => {
        try {
          const tail = decoder.end();
          if (tail) reader.push(tail);
          reader.end();
          if (validate === null) throw new ImportHeaderError(HEADERS[kind], []);
          resolve();
        } catch (error) {
          reject(error);
        }
      });
      input.on("error", reject);
      // nothing is written to the real table while reading: an abort here leaves it untouched
      const stop = () => {
        input.destroy();
        reject(new ImportAbortedError(0));
      };
      if (aborted()) stop();
      else options.signal?.addEventListener("abort", stop, { once: true });
    });
    summary.encoding = decoder.encoding;
    summary.separator = reader.separatorUsed;
    trace("read");
    stage.finishReading();
    trace("index");
    summary.repeated = stage.resolveDuplicates().repeated;
    trace("dups");
    summary.orphansKept = options.allowOrphans ? stage.resolveOrphans(true) : (stage.resolveOrphans(false), 0);
    trace("orphans");
    // a signal handler runs only between two turns of the event loop
    await new Promise((resolve) => setImmediate(resolve));
    if (aborted()) throw new ImportAbortedError(0);

    const staged = stage.staged;
    if (options.dryRun) {
      const { fresh, changed } = stage.compare();
      summary.new = fresh;
      summary.changed = changed;
      summary.written = fresh + changed;
    } else {
      await writeStaged(options, stage, summary, batchSize);
    }
    trace("write");
    summary.unchanged = staged - summary.written;
    summary.rejectedBy = Object.fromEntries(stage.rejectsByCode());
    summary.rejected = Object.values(summary.rejectedBy).reduce((a, b) => a + b, 0);
    if (options.reportPath) {
      writeReport(options.reportPath, summary.separator, stage.rejects(), {
        read: summary.read,
        fresh: summary.new,
        changed: summary.changed,
        unchanged: summary.unchanged,
        repeated: summary.repeated,
        orphansKept: summary.orphansKept,
        rejectedBy: stage.rejectsByCode(),
        dryRun: options.dryRun === true,
      });
      summary.reportPath = options.reportPath;
    }
  } finally {
    stage.drop();
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

let traceAt = 0;
let traceCpu = process.cpuUsage();
function trace(what: string) {
  if (!process.env.IMPORT_TRACE) return;
  const c = process.cpuUsage(traceCpu);
  if (traceAt) process.stderr.write(`${what}: wall ${Math.round(performance.now() - traceAt)} ms cpu ${Math.round((c.user + c.system) / 1000)} ms rss ${Math.round(process.memoryUsage.rss() / 1048576)} MB\n`);
  traceAt = performance.now();
  traceCpu = process.cpuUsage();
}

const BROKEN: Record<string, string> = {
  "unclosed quote": "comillas sin cerrar",
  "line too long": "una fila de más de 64 KB",
  "text after a closing quote": "texto después de las comillas de cierre",
  "quote inside an unquoted field": "comillas dentro de un campo sin comillas",
};

/**
 * The write: one transaction per `batchSize` rows of the stage, in key order. Between two the
 * event loop turns (so Ctrl-C can land) and, past the WAL limit, a checkpoint catches up.
 */
async function writeStaged(options: ImportOptions, stage: ImportStage, summary: ImportSummary, batchSize: number): Promise<void> {
  const { sqlite } = options;
  // With background checkpoints (npm run import) the worker copies the WAL while this thread
  // works, but the WAL only starts over when a checkpoint has caught up between two
  // transactions, and back-to-back batches leave it no moment to: past `walLimitBytes`, catch
  // up here (most pages are copied already) so the next batch starts the WAL over. RESTART,
  // not PASSIVE: a passive one gives up at once while the worker is checkpointing; RESTART
  // waits for it (busy_timeout) and for readers.
  const walPath = sqlite.memory ? null : `${sqlite.name}-wal`;
  const walLimit = options.walLimitBytes ?? 64 * 1024 * 1024;
  const walSize = () => {
    try {
      return walPath ? statSync(walPath).size : 0;
    } catch {
      return 0;
    }
  };
  const total = stage.staged;
  const before = stage.stored();
  const rangeEnd = stage.rangeEnd();
  const write = stage.writer();
  const batch = sqlite.transaction((after: SqlValue[], upTo: SqlValue[] | null) => write(after, upTo));
  let after = stage.firstBound();
  let done = 0;
  for (;;) {
    const upTo = rangeEnd(after, batchSize);
    summary.written += batch.immediate(after, upTo);
    done = upTo ? done + batchSize : total;
    if (upTo) after = upTo;
    options.onProgress?.({ phase: "write", rows: done, total });
    if (walSize() > walLimit) sqlite.pragma("wal_checkpoint(RESTART)");
    if (!upTo) break;
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) throw new ImportAbortedError(done);
  }
  summary.new = stage.stored() - before;
  summary.changed = summary.written - summary.new;
}
