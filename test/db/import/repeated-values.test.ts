// The two shortcuts the importer takes on repeated values — columns staged as numbers
// (codes.ts) and each distinct text after the DNI validated once (row-memo.ts) — must not
// change what is stored or reported: these files mix repeats with everything that must still be
// told apart.
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { Readable } from "node:stream";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { openNodeDatabase } from "../../../src/db/node";
import { importCsv } from "../../../src/db/import/importer";
import { defaultRowRules } from "../../../src/db/import/rules";
import { CODES_PER_COLUMN, ColumnCodes } from "../../../src/db/import/codes";

const rules = defaultRowRules(Date.parse("2026-11-23T12:00:00Z"));
const dir = mkdtempSync(join(tmpdir(), "import-repeats-"));
const HEADER = "dni,program,period,amount,status,available_from,available_until,payment_point";

async function load(csv: string, db = openNodeDatabase(":memory:"), options: { dryRun?: boolean; chunk?: number } = {}) {
  const chunk = options.chunk ?? 1 << 16;
  const parts: Buffer[] = [];
  for (let i = 0; i < csv.length; i += chunk) parts.push(Buffer.from(csv.slice(i, i + chunk)));
  const reportPath = join(dir, `r-${Math.random().toString(36).slice(2)}.csv`);
  const summary = await importCsv({ kind: "payments", input: Readable.from(parts), sqlite: db.sqlite, rules, reportPath, allowOrphans: true, dryRun: options.dryRun });
  const report = (parse(readFileSync(reportPath), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]).slice(1).filter((r) => r[0] !== "Total");
  return { db, summary, report };
}

const rows = (db: ReturnType<typeof openNodeDatabase>) => db.sqlite.prepare("select * from payments order by dni, program, period").all();

describe("column codes", () => {
  it("numbers each distinct string, gives it back, and stages values past the limit as themselves", () => {
    const codes = new ColumnCodes(3);
    expect([codes.code("a"), codes.code("b"), codes.code("a"), codes.code(null), codes.code(7), codes.code("c"), codes.code("d"), codes.code("d")]).toEqual([1n, 2n, 1n, null, 7, 3n, "d", "d"]);
    expect([1n, 2, 3n, "d", null].map((v) => codes.decode(v))).toEqual(["a", "b", "c", "d", null]);
  });

  it("decodes in SQL, inline and through the table, never mistaking a text of digits for a code", () => {
    for (const size of [3, 40, 1000]) {
      const db = new Database(":memory:");
      db.exec("CREATE TABLE s (v); CREATE TABLE temp.import_codes (col INTEGER NOT NULL, id INTEGER NOT NULL, v TEXT NOT NULL, PRIMARY KEY (col, id)) WITHOUT ROWID");
      const codes = new ColumnCodes(size);
      const values = [...Array.from({ length: size }, (_, i) => (i === 1 ? "O'Higgins" : `Agencia ${i}`)), "1", "2", null, "Agencia 0"];
      for (const v of values) db.prepare("INSERT INTO s (v) VALUES (?)").run(codes.code(v));
      for (const [id, v] of codes.entries()) db.prepare("INSERT INTO temp.import_codes VALUES (5, ?, ?)").run(id, v);
      const decoded = db.prepare(`SELECT ${codes.sql("s.v", 5)} AS v FROM s ORDER BY rowid`).all() as { v: string | null }[];
      expect(decoded.map((r) => r.v)).toEqual(values);
      expect(codes.sql("s.v", 5)).toContain(size > 8 ? "<=" : "WHEN");
    }
    // a value with a NUL cannot be a literal: the column is looked up in temp.import_codes
    const db = new Database(":memory:");
    db.exec("CREATE TABLE s (v); CREATE TABLE temp.import_codes (col INTEGER NOT NULL, id INTEGER NOT NULL, v TEXT NOT NULL, PRIMARY KEY (col, id)) WITHOUT ROWID");
    const codes = new ColumnCodes();
    for (const v of ["a\0b", "c", "12"]) db.prepare("INSERT INTO s (v) VALUES (?)").run(codes.code(v));
    db.prepare("INSERT INTO s (v) VALUES (?)").run("12"); // a text staged as itself
    for (const [id, v] of codes.entries()) db.prepare("INSERT INTO temp.import_codes VALUES (1, ?, ?)").run(id, v);
    expect(codes.sql("s.v", 1)).toContain("import_codes");
    expect((db.prepare(`SELECT ${codes.sql("s.v", 1)} AS v FROM s ORDER BY rowid`).all() as { v: string }[]).map((r) => r.v)).toEqual(["a\0b", "c", "12", "12"]);
  });
});

describe("repeated lines", () => {
  it("checks each line's DNI, gives each rejected line its own row, and stores what the long way would", async () => {
    const tail = ",juntos,2026-01,200.00,cobrado,2026-01-10,2026-02-10,\"Banco de la Nación, agencia O'Higgins\"";
    const badAmount = ",juntos,2026-02,999999,cobrado,,,Agente";
    const csv = [
      HEADER,
      `10000001${tail}`,
      `10000002${tail}`,
      `1000003${tail}`, // 7 digits on a known line: the DNI is still checked
      ` 10000004 ${tail}`, // spaces the splitter trims: the long way, stored
      `"10000005"${tail}`, // a quoted DNI: the long way
      `10000006${badAmount}`,
      `10000007${badAmount}`, // the same reject, its own line
      `10000008${tail.replace("cobrado", "COBRADO")}`, // another text, the same values once folded
      `10000009${tail}\r`, // CRLF
      `10000010${tail.replace('agencia O\'Higgins"', 'agencia\nCentro"')}`, // a line break inside quotes
      `10000011${tail}`,
      `10000012${tail.replace('"Banco', '"Banco ""El Sol""')}`, // doubled quotes: the state machine
      `10000013${tail.replace('"Banco', '"Banco ""El Sol""')}`,
    ].join("\n");
    for (const chunk of [7, 1 << 16]) {
      const { db, summary, report } = await load(csv, undefined, { chunk });
      expect(summary).toMatchObject({ read: 13, new: 10, rejected: 3 });
      expect(report.map((r) => r.slice(0, 3))).toEqual([
        ["4", "dni", "1000003"],
        ["7", "amount", "999999"],
        ["8", "amount", "999999"],
      ]);
      const point = "Banco de la Nación, agencia O'Higgins";
      const stored = rows(db) as { dni: string; status: string; payment_point: string; available_from: string }[];
      expect(stored.map((r) => r.dni)).toEqual(["10000001", "10000002", "10000004", "10000005", "10000008", "10000009", "10000010", "10000011", "10000012", "10000013"]);
      expect(new Set(stored.map((r) => r.status))).toEqual(new Set(["cobrado"]));
      expect(new Set(stored.map((r) => r.available_from))).toEqual(new Set(["2026-01-10"]));
      expect(stored.map((r) => r.payment_point)).toEqual([point, point, point, point, point, point, "Banco de la Nación, agencia\nCentro", point, 'Banco "El Sol" de la Nación, agencia O\'Higgins', 'Banco "El Sol" de la Nación, agencia O\'Higgins']);
    }
  });

  it("a file whose lines do not repeat: more places than codes, every line different, duplicates told apart by what they say", async () => {
    const n = CODES_PER_COLUMN + 51_000; // past the codes' limit and the memo's trial
    const lines = Array.from({ length: n }, (_, i) => `${10_000_000 + i},juntos,2026-0${1 + (i % 3)},200,cobrado,2026-01-10,,Agencia ${i}`);
    // the same key twice: once with a coded place, once with a place past the limit
    lines.push(`10000000,juntos,2026-01,200,cobrado,2026-01-10,,Agencia ${n - 1}`);
    const { db, summary, report } = await load(`${HEADER}\n${lines.join("\n")}\n`);
    expect(summary).toMatchObject({ read: n + 1, new: n - 1, rejected: 2 });
    expect(report.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["2", "payment_point", "Agencia 0"],
      [String(n + 2), "payment_point", `Agencia ${n - 1}`],
    ]);
    expect(report[0][3]).toContain(`«Agencia 0» aquí, «Agencia ${n - 1}» en la fila ${n + 2}`);
    const stored = rows(db) as { dni: string; payment_point: string; period: string }[];
    expect(stored.length).toBe(n - 1);
    for (const r of stored) {
      const i = Number(r.dni) - 10_000_000;
      expect([r.payment_point, r.period]).toEqual([`Agencia ${i}`, `2026-0${1 + (i % 3)}`]);
    }
  });

  it("a dry run compares the decoded values with what is stored", async () => {
    const csv = [HEADER, "10000001,juntos,2026-01,200,cobrado,,,Agente", "10000002,juntos,2026-01,200,cobrado,,,Agente", "10000003,juntos,2026-01,200,cobrado,,,Agente"].join("\n");
    const { db } = await load(csv);
    const again = await load(csv, db, { dryRun: true });
    expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    const edited = await load(csv.replace("10000002,juntos,2026-01,200,cobrado", "10000002,juntos,2026-01,200,no_cobrado") + "\n10000004,juntos,2026-01,200,cobrado,,,Agente", db, { dryRun: true });
    expect(edited.summary).toMatchObject({ new: 1, changed: 1, unchanged: 2 });
    expect(rows(db)).toHaveLength(3);
  });
});
