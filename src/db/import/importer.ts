// Node-only: streams a registry CSV into SQLite with prepared statements in large transactions.
import type Database from "better-sqlite3";
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import type { Readable } from "node:stream";
import { HEADERS, RENIEC_PERSONS_HEADER, validateClassification, validateEnrolment, validatePayment, validatePerson, type ImportKind, type RowResult, type RowRules } from "./rows";
import { UPSERTS } from "./upserts";
import { CsvRecordReader } from "./csv-records";
import { SpreadsheetDecoder } from "../../csv/decode";

export interface ImportOptions {
  kind: ImportKind;
  input: Readable;
  sqlite: Database.Database;
  rules: RowRules;
  /** where rejected rows are reported (created only when a row is rejected) */
  reportPath?: string;
  /** rows per transaction: large enough to be fast, small enough not to hold the server's writes long */
  batchSize?: number;
  /** past this WAL size, checkpoint between batches (default 64 MB) */
  walLimitBytes?: number;
  /** rows per INSERT statement (`VALUES (…), (…), …`) */
  rowsPerStatement?: number;
  onProgress?(rowsRead: number): void;
  /** validate and count everything (new/changed/unchanged included) but write nothing: each batch is rolled back */
  dryRun?: boolean;
  /** aborting stops reading; the batch being filled is dropped, so the database stays as after the last committed batch */
  signal?: AbortSignal;
}

export interface ImportSummary {
  kind: ImportKind;
  /** data rows read (the header excluded) */
  read: number;
  /** rows inserted or changed */
  written: number;
  /** rows already present with the same values */
  unchanged: number;
  rejected: number;
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
  ) {
    super(`wrong header: expected "${expected.join(",")}", found "${found.join(",")}"; nothing was imported`);
  }
}

interface Reject {
  line: number;
  field: string;
  reason: string;
}

/** The import was stopped (Ctrl-C): every batch before was committed, the current one was not. */
export class ImportAbortedError extends Error {
  constructor(readonly rowsCommitted: number) {
    super(
      `Importación interrumpida. La base de datos quedó como después del último lote completo (${rowsCommitted} filas guardadas); el lote en curso no se escribió. Para continuar, ejecute el mismo comando otra vez: las filas ya guardadas se cuentan como «sin cambios».`,
    );
  }
}

/** A file that is neither UTF-8 nor Windows-1252/ISO-8859-1: refused before (or without) writing more. */
export { CsvEncodingError as ImportEncodingError } from "../../csv/decode";

/** A header cell as Excel users write it: `DNI`, ` Fecha `, `Día` → lower case, no accents, spaces as `_`. */
export function foldHeader(cell: string): string {
  return cell.trim().normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, "_");
}

/** Rows before the bad byte were committed in earlier batches: the message says so. */
const MIXED_ENCODING =
  "El archivo no está en UTF-8 ni en Windows-1252: tiene tildes en UTF-8 y, más adelante, caracteres que no lo son. Ábralo en Excel y guárdelo como «CSV UTF-8 (delimitado por comas)». Las filas anteriores a este punto sí se guardaron; importe de nuevo el archivo corregido (las filas iguales no se vuelven a escribir).";

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

const csvField = (v: string | number) => (typeof v === "number" || !/[",\n\r]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);

/**
 * Reads the CSV once: the header is checked before anything is written, every row is validated
 * (rejects go to the report with their line number), good rows are upserted in batches.
 */
export async function importCsv(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { kind, sqlite, rules } = options;
  const batchSize = options.batchSize ?? 20_000;
  const width = HEADERS[kind].length;
  let validate: ((r: string[]) => RowResult) | null = null;
  // one statement per `perStatement` rows (fewer crossings into SQLite), one for the remainder
  const perStatement = options.rowsPerStatement ?? 50;
  const many = sqlite.prepare(UPSERTS[kind](perStatement));
  const one = sqlite.prepare(UPSERTS[kind](1));
  let batch: unknown[][] = [];
  const rejects: Reject[] = [];
  const summary: ImportSummary = { kind, read: 0, written: 0, unchanged: 0, rejected: 0, reportPath: null, encoding: "UTF-8", separator: ",", ms: 0 };
  let reportFd: number | null = null;

  const params: unknown[] = [];
  const runBatch = (rows: unknown[][]) => {
    let changed = 0;
    let i = 0;
    for (; i + perStatement <= rows.length; i += perStatement) {
      params.length = 0;
      for (let k = i; k < i + perStatement; k++) for (const v of rows[k]) params.push(v);
      changed += many.run(params).changes;
    }
    for (; i < rows.length; i++) changed += one.run(rows[i]).changes;
    return changed;
  };
  const writeBatch = sqlite.transaction(runBatch);
  // --dry-run: the same statements inside a transaction that is always rolled back, so the
  // new/changed/unchanged counts are the real ones and the database is never changed
  const tryBatch = (rows: unknown[][]) => {
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      return runBatch(rows);
    } finally {
      sqlite.exec("ROLLBACK");
    }
  };

  // With background checkpoints (npm run import) the worker copies the WAL while this thread
  // parses, but the WAL only starts over when a checkpoint has caught up between two
  // transactions, and back-to-back batches leave it no moment to: past `walLimitBytes`, catch
  // up here (most pages are copied already) so the next batch starts the WAL over. RESTART,
  // not PASSIVE: a passive one gives up at once while the worker is checkpointing (seen: the
  // WAL at 135 MB with a 64 MB limit); RESTART waits for it (busy_timeout) and for readers.
  const walPath = sqlite.memory ? null : `${sqlite.name}-wal`;
  const walLimit = options.walLimitBytes ?? 64 * 1024 * 1024;
  const walSize = () => {
    try {
      return walPath ? statSync(walPath).size : 0;
    } catch {
      return 0;
    }
  };

  const flush = () => {
    if (batch.length > 0) {
      const changed = options.dryRun ? tryBatch(batch) : writeBatch.immediate(batch);
      summary.written += changed;
      summary.unchanged += batch.length - changed;
      if (!options.dryRun && walSize() > walLimit) sqlite.pragma("wal_checkpoint(RESTART)");
      batch = [];
    }
    if (rejects.length > 0) {
      if (!options.reportPath) rejects.length = 0;
      else {
        if (reportFd === null) {
          reportFd = openSync(options.reportPath, "w");
          writeSync(reportFd, "line,field,reason\n");
          summary.reportPath = options.reportPath;
        }
        writeSync(reportFd, rejects.map((r) => `${r.line},${csvField(r.field)},${csvField(r.reason)}\n`).join(""));
        rejects.length = 0;
      }
    }
  };

  const onRecord = (record: string[], line: number) => {
    if (validate === null) {
      const header = record.map(foldHeader);
      if (!headerAccepted(kind, header)) throw new ImportHeaderError(HEADERS[kind], header);
      validate = validatorFor(kind, rules, header);
      return;
    }
    summary.read += 1;
    const result: RowResult =
      record.length === width ? validate(record) : { ok: false, field: "*", reason: `expected ${width} columns, found ${record.length}` };
    if (result.ok) batch.push(result.values);
    else {
      summary.rejected += 1;
      rejects.push({ line, field: result.field, reason: result.reason });
    }
    if (batch.length >= batchSize) flush();
    if (options.onProgress && summary.read % 100_000 === 0) options.onProgress(summary.read);
  };
  const onBroken = (line: number, reason: string) => {
    if (validate === null) throw new ImportHeaderError(HEADERS[kind], []);
    summary.read += 1;
    summary.rejected += 1;
    rejects.push({ line, field: "*", reason: `unreadable CSV: ${reason}` });
  };
  const reader = new CsvRecordReader(onRecord, onBroken);

  try {
    const input = options.input;
    const decoder = new SpreadsheetDecoder(MIXED_ENCODING);
    await new Promise<void>((resolve, reject) => {
      input.on("data", (chunk: Buffer | string) => {
        try {
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
      // batches commit synchronously, so an abort (a signal handler) always lands between two
      const stop = () => {
        input.destroy();
        reject(new ImportAbortedError(summary.written + summary.unchanged));
      };
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener("abort", stop, { once: true });
    });
    flush();
    summary.encoding = decoder.encoding;
    summary.separator = reader.separatorUsed;
  } finally {
    if (reportFd !== null) closeSync(reportFd);
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
