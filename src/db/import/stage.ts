// Node-only: the staging area of one import, in SQLite's temp database (a file of its own,
// deleted on close; nothing the server reads). Every valid row of the file lands here first,
// keyed by its line, so the checks that need the whole file (the same key twice, a DNI not in
// the registry) run as set operations before anything is written to the real tables, and the
// write itself goes in key order.
import type Database from "better-sqlite3";
import { HEADERS, type ImportKind, type SqlValue } from "./rows";
import { REJECT_REASONS, type RejectCode } from "./reasons";
import { compareWithStored, TABLES, upsertFromStage, type KindTable, type StagedColumn } from "./upserts";
import { ColumnCodes, type StagedValue } from "./codes";

export interface StagedReject {
  line: number;
  field: string;
  value: string;
  code: RejectCode;
  reason: string;
  hint: string;
}

/** rows per temp-table transaction while reading (the temp file, no lock on the real database) */
const STAGE_COMMIT_ROWS = 100_000;

/** whole numbers (cents) bound as INTEGER, not REAL (see StagedValue) */
function integer(v: SqlValue): StagedValue {
  return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : v;
}

export class ImportStage {
  readonly spec: KindTable;
  private readonly width: number;
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly rejectStatement: Database.Statement;
  /** the parameters of the next multi-row INSERT, reused: line, values…, line, values… */
  private readonly params: StagedValue[] = [];
  private pendingRows = 0;
  private sinceCommit = 0;
  staged = 0;
  /** per column (by index into the columns): its codes, or null when staged as read */
  private readonly codes: (ColumnCodes | null)[];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly kind: ImportKind,
    private readonly rowsPerStatement = 50,
  ) {
    this.spec = TABLES[kind];
    this.width = this.spec.columns.length + 1;
    this.codes = this.spec.columns.map((c) => (this.spec.coded.includes(c) ? new ColumnCodes() : null));
    this.drop();
    // temp tables go to a file unless the build or a pragma says memory; a multi-million-row
    // file in memory would cost its size in RSS, so the import asks for a file when it can
    // (changing temp_store drops the connection's temp tables: only when there are none)
    if ((this.sqlite.pragma("temp_store", { simple: true }) as number) === 2 && this.tempTables() === 0) this.sqlite.pragma("temp_store = FILE");
    const cols = this.spec.columns.join(", ");
    sqlite.exec(
      `CREATE TEMP TABLE import_stage (line INTEGER PRIMARY KEY, ${cols});` +
        "CREATE TEMP TABLE import_rejects (line INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, hint TEXT NOT NULL);" +
        "CREATE TEMP TABLE import_codes (col INTEGER NOT NULL, id INTEGER NOT NULL, v TEXT NOT NULL, PRIMARY KEY (col, id)) WITHOUT ROWID;",
    );
    const tuple = `(${Array.from({ length: this.width }, () => "?").join(", ")})`;
    this.many = sqlite.prepare(`INSERT INTO temp.import_stage (line, ${cols}) VALUES ${Array.from({ length: rowsPerStatement }, () => tuple).join(", ")}`);
    this.one = sqlite.prepare(`INSERT INTO temp.import_stage (line, ${cols}) VALUES ${tuple}`);
    this.rejectStatement = sqlite.prepare("INSERT INTO temp.import_rejects (line, field, value, code, reason, hint) VALUES (?, ?, ?, ?, ?, ?)");
    sqlite.exec("BEGIN");
  }

  private tempTables(): number {
    return (this.sqlite.prepare("SELECT count(*) AS n FROM temp.sqlite_master").get() as { n: number }).n;
  }

  /** one valid row: buffered into the next multi-row INSERT (no per-row statement crossing), repeated values as their codes */
  add(line: number, values: SqlValue[]): void {
    this.addEncoded(line, values[0] as string, this.encodeTail(values));
  }

  /** the staged form of the columns after the DNI (codes for the coded ones): for a memo of repeated rows */
  encodeTail(values: SqlValue[]): StagedValue[] {
    const out: StagedValue[] = [];
    for (let i = 1; i < values.length; i++) {
      const c = this.codes[i];
      out.push(c === null ? integer(values[i]) : c.code(values[i]));
    }
    return out;
  }

  /** one valid row given as its DNI and `encodeTail`'s result */
  addEncoded(line: number, dni: string, tail: StagedValue[]): void {
    const params = this.params;
    params.push(line, dni);
    for (let i = 0; i < tail.length; i++) params.push(tail[i]);
    if (++this.pendingRows === this.rowsPerStatement) {
      this.many.run(params);
      params.length = 0;
      this.pendingRows = 0;
    }
    this.staged += 1;
    if (++this.sinceCommit >= STAGE_COMMIT_ROWS) {
      this.sqlite.exec("COMMIT; BEGIN");
      this.sinceCommit = 0;
    }
  }

  reject(r: StagedReject): void {
    this.rejectStatement.run(r.line, r.field, r.value, r.code, r.reason, r.hint);
  }

  /** the file is read: the rows still buffered, the commit, and the key index the checks and the write use */
  finishReading(): void {
    for (let i = 0; i < this.pendingRows; i++) this.one.run(this.params.slice(i * this.width, (i + 1) * this.width));
    this.params.length = 0;
    this.pendingRows = 0;
    const code = this.sqlite.prepare("INSERT INTO temp.import_codes (col, id, v) VALUES (?, ?, ?)");
    this.codes.forEach((c, col) => c?.entries().forEach(([id, v]) => code.run(col, id, v)));
    this.sqlite.exec("COMMIT");
    // most files have each key once: a unique index proves it in the same sort that builds it,
    // and the search for duplicates is skipped; when it fails, the plain index and the search
    const k = this.spec.key.join(", ");
    try {
      this.sqlite.exec(`CREATE UNIQUE INDEX temp.import_stage_key ON import_stage (${k})`);
      this.keysUnique = true;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
      this.sqlite.exec(`CREATE INDEX temp.import_stage_key ON import_stage (${k}, line)`);
    }
  }

  private keysUnique = false;

  /**
   * The same key on several lines. All identical: the first stays, the others are counted as
   * repeats (once). Any difference: every one of those lines is rejected, each naming the other
   * line and the columns that differ, because the file does not say which one is right.
   */
  resolveDuplicates(): { repeated: number; rejected: number } {
    if (this.keysUnique) return { repeated: 0, rejected: 0 };
    const { key, columns } = this.spec;
    const k = key.join(", ");
    const rows = this.sqlite
      .prepare(`SELECT line, ${columns.join(", ")} FROM temp.import_stage WHERE (${k}) IN (SELECT ${k} FROM temp.import_stage GROUP BY ${k} HAVING count(*) > 1) ORDER BY ${k}, line`)
      .raw()
      .all() as SqlValue[][];
    const drop: number[] = [];
    const rejects: StagedReject[] = [];
    const sameKey = (a: SqlValue[], b: SqlValue[]) => key.every((_, i) => a[i + 1] === b[i + 1]);
    let repeated = 0;
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      while (end < rows.length && sameKey(rows[start], rows[end])) end++;
      const group = rows.slice(start, end);
      if (group.every((r) => this.differences(group[0], r).length === 0)) {
        repeated += group.length - 1;
        for (const r of group.slice(1)) drop.push(r[0] as number);
      } else {
        for (const r of group) {
          drop.push(r[0] as number);
          // the other line to name: the first one with other data
          const other = group.find((o) => o !== r && this.differences(r, o).length > 0)!;
          const diff = this.differences(r, other);
          rejects.push({
            line: r[0] as number,
            field: diff.map((i) => this.header(i)).join(", "),
            value: diff.map((i) => this.shown(i, r[i + 1])).join(", "),
            code: "duplicado",
            reason:
              `${this.keyText(r)} aparece también en la fila ${other[0]} con otros datos: ` +
              diff.map((i) => `${this.header(i)} «${this.shown(i, r[i + 1])}» aquí, «${this.shown(i, other[i + 1])}» en la fila ${other[0]}`).join("; ") +
              ". Se rechazan las dos",
            hint: "Deje una sola fila con los datos correctos y vuelva a importar",
          });
        }
      }
      start = end;
    }
    this.deleteLines(drop);
    for (const r of rejects) this.reject(r);
    return { repeated, rejected: rejects.length };
  }

  /**
   * Rows for a DNI that is not in `persons`: rejected (and taken out of the stage), or with
   * `allow` kept and only counted. The stage is walked in key (DNI) order, so the lookups into
   * `persons` go page after page.
   */
  resolveOrphans(allow: boolean): number {
    if (!this.spec.needsPerson) return 0;
    const orphan = "NOT EXISTS (SELECT 1 FROM main.persons p WHERE p.dni = s.dni)";
    // each DNI once (a person has several payments), in the index's order: no orphan DNI, no orphan row
    const dnis = (this.sqlite.prepare(`SELECT count(*) AS n FROM (SELECT DISTINCT dni FROM temp.import_stage) s WHERE ${orphan}`).get() as { n: number }).n;
    if (dnis === 0) return 0;
    const count = (this.sqlite.prepare(`SELECT count(*) AS n FROM temp.import_stage s WHERE ${orphan}`).get() as { n: number }).n;
    if (allow) return count;
    this.sqlite
      .prepare(`INSERT INTO temp.import_rejects (line, field, value, code, reason, hint) SELECT line, 'dni', dni, 'huerfano', ?, ? FROM temp.import_stage s WHERE ${orphan}`)
      .run(REJECT_REASONS.huerfano, "Importe primero el archivo de personas (npm run import -- persons …), o use --allow-orphans para guardarlas igual");
    this.sqlite.prepare(`DELETE FROM temp.import_stage AS s WHERE ${orphan}`).run();
    this.staged -= count;
    return count;
  }

  /** the key that ends the `size`-row range after `after` in key order, or null for the last range (a walk down the index) */
  rangeEnd(): (after: SqlValue[], size: number) => SqlValue[] | null {
    const k = this.spec.key.join(", ");
    const marks = this.spec.key.map(() => "?").join(", ");
    const next = this.sqlite.prepare(`SELECT ${k} FROM temp.import_stage WHERE (${k}) > (${marks}) ORDER BY ${k} LIMIT 1 OFFSET ?`).raw();
    return (after, size) => (next.get(...after, size - 1) as SqlValue[] | undefined) ?? null;
  }

  /** upserts the staged rows in key order, one range per call; returns the rows inserted or changed */
  writer(): (after: SqlValue[], upTo: SqlValue[] | null) => number {
    const bounded = this.sqlite.prepare(upsertFromStage(this.spec, true, this.decoded));
    const last = this.sqlite.prepare(upsertFromStage(this.spec, false, this.decoded));
    return (after, upTo) => (upTo ? bounded.run(...after, ...upTo) : last.run(...after)).changes;
  }

  /** the key before every key: `(key) > ('', …)` (a DNI is never empty) */
  firstBound(): SqlValue[] {
    return this.spec.key.map(() => "");
  }

  /** --dry-run: new and changed rows without writing */
  compare(): { fresh: number; changed: number } {
    return this.sqlite.prepare(compareWithStored(this.spec, this.decoded)).get() as { fresh: number; changed: number };
  }

  stored(): number {
    return (this.sqlite.prepare(`SELECT count(*) AS n FROM main.${this.spec.table}`).get() as { n: number }).n;
  }

  rejectsByCode(): Map<RejectCode, number> {
    const rows = this.sqlite.prepare("SELECT code, count(*) AS n FROM temp.import_rejects GROUP BY code ORDER BY count(*) DESC, code").all() as { code: RejectCode; n: number }[];
    return new Map(rows.map((r) => [r.code, r.n]));
  }

  /** every rejected line, in line order */
  rejects(): IterableIterator<StagedReject> {
    return this.sqlite.prepare("SELECT line, field, value, code, reason, hint FROM temp.import_rejects ORDER BY line").iterate() as IterableIterator<StagedReject>;
  }

  drop(): void {
    if (this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
    this.sqlite.exec("DROP TABLE IF EXISTS temp.import_stage; DROP TABLE IF EXISTS temp.import_rejects; DROP TABLE IF EXISTS temp.import_codes");
  }

  private deleteLines(lines: number[]): void {
    if (lines.length === 0) return;
    const del = this.sqlite.prepare("DELETE FROM temp.import_stage WHERE line = ?");
    this.sqlite.transaction(() => {
      for (const line of lines) del.run(line);
    })();
    this.staged -= lines.length;
  }

  /** indexes (into the columns) where two staged rows differ, the line excluded */
  private differences(a: SqlValue[], b: SqlValue[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.spec.columns.length; i++) if (a[i + 1] !== b[i + 1]) out.push(i);
    return out;
  }

  private header(i: number): string {
    return HEADERS[this.kind][i];
  }

  /** the SQL that reads a column of the stage as its value (the coded ones decoded) */
  private readonly decoded: StagedColumn = (column, alias = "") => {
    const i = this.spec.columns.indexOf(column);
    return this.codes[i]?.sql(alias + column, i) ?? alias + column;
  };

  /** a staged value as the file wrote it: codes decoded, cents back to soles, null as empty */
  private shown(i: number, staged: SqlValue): string {
    const v = this.codes[i]?.decode(staged) ?? staged;
    if (v === null) return "";
    return this.spec.columns[i] === "amount_cents" ? ((v as number) / 100).toFixed(2) : String(v);
  }

  private keyText(r: SqlValue[]): string {
    return this.spec.key.map((c, i) => `${this.header(i)} ${this.shown(i, r[i + 1])}`).join(", ");
  }
}
