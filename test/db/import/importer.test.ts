import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { mkdtempSync, readFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { openNodeDatabase } from "../../../src/db/node";
import { importCsv, ImportHeaderError } from "../../../src/db/import/importer";
import { defaultRowRules } from "../../../src/db/import/rules";
import type { ImportKind } from "../../../src/db/import/rows";

const rules = defaultRowRules(Date.parse("2026-11-23T12:00:00Z"));
const dir = mkdtempSync(join(tmpdir(), "import-test-"));

function run(kind: ImportKind, csv: string, db = openNodeDatabase(":memory:"), chunk = 7) {
  // small chunks: records cross chunk boundaries, as they do in a real file
  const parts: string[] = [];
  for (let i = 0; i < csv.length; i += chunk) parts.push(csv.slice(i, i + chunk));
  const reportPath = join(dir, `${kind}-${Math.random().toString(36).slice(2)}.csv`);
  // these tests are about one file each: payments and enrolments without their persons are kept (--allow-orphans)
  return { db, reportPath, result: importCsv({ kind, input: Readable.from(parts.map((p) => Buffer.from(p))), sqlite: db.sqlite, rules, reportPath, allowOrphans: true }) };
}

/** the report's rows as [fila, columna, valor, motivo, sugerencia], without the header and the totals */
function reportRows(path: string): string[][] {
  const records = parse(readFileSync(path), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  expect(records[0]).toEqual(["fila", "columna", "valor", "motivo", "sugerencia"]);
  return records.slice(1).filter((r) => r[0] !== "Total");
}

const PAYMENTS =
  "dni,program,period,amount,status,available_from,available_until,payment_point\n" +
  '12345678,pension65,2026-11,350.00,disponible,2026-11-10,2026-12-10,"Banco de la Nación, agencia Andahuaylas"\n' +
  "12345678,pension65,2026-09,350,cobrado,2026-09-10,2026-10-10,Agente Multired\n" +
  "23456789,juntos,2026-10,400,programado,,,\n";

describe("npm run import", () => {
  it("loads a good payments file, amounts in cents, quoted commas intact", async () => {
    const { db, result } = run("payments", PAYMENTS);
    const summary = await result;
    expect(summary).toMatchObject({ read: 3, written: 3, new: 3, changed: 0, unchanged: 0, rejected: 0 });
    const rows = db.sqlite.prepare("select dni, period, amount_cents, payment_point from payments order by dni, period").all();
    expect(rows).toEqual([
      { dni: "12345678", period: "2026-09", amount_cents: 35000, payment_point: "Agente Multired" },
      { dni: "12345678", period: "2026-11", amount_cents: 35000, payment_point: "Banco de la Nación, agencia Andahuaylas" },
      { dni: "23456789", period: "2026-10", amount_cents: 40000, payment_point: null },
    ]);
  });

  it("re-importing the same file changes nothing; a changed row is updated", async () => {
    const { db, result } = run("payments", PAYMENTS);
    await result;
    const again = await run("payments", PAYMENTS, db).result;
    expect(again).toMatchObject({ read: 3, written: 0, new: 0, changed: 0, unchanged: 3 });
    const changed = await run("payments", PAYMENTS.replace("350,cobrado", "350,no_cobrado"), db).result;
    expect(changed).toMatchObject({ written: 1, new: 0, changed: 1, unchanged: 2 });
    expect(db.sqlite.prepare("select count(*) n from payments").get()).toEqual({ n: 3 });
  });

  it("stages many rows per statement and writes in batches that cut across them: same counts, duplicates rejected, re-import a no-op", async () => {
    // 123 rows = two 50-row statements and 23 single ones, in a batch size that cuts across them;
    // keys repeat (61 DNIs × 2 periods): a key with other data on another line rejects both lines
    const line = (i: number) => `${10_000_000 + (i % 61) * 1_000},juntos,2026-${String(1 + (i % 2)).padStart(2, "0")},${200 * (1 + (i % 3))}.00,cobrado,,,Punto ${i % 122}`;
    const rows = Array.from({ length: 123 }, (_, i) => line(i));
    const csv = "dni,program,period,amount,status,available_from,available_until,payment_point\n" + rows.join("\n") + "\n";
    const byKey = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = r.split(",").slice(0, 3).join(",");
      byKey.set(key, (byKey.get(key) ?? new Set()).add(r));
    }
    const lines = (k: string) => rows.filter((r) => r.startsWith(k + ",")).length;
    const clean = [...byKey].filter(([, v]) => v.size === 1).map(([k]) => k);
    const conflicting = [...byKey].filter(([, v]) => v.size > 1).map(([k]) => k);
    expect(conflicting.length).toBeGreaterThan(0); // the file does have both kinds
    const importWith = (sqlite: typeof db.sqlite, rowsPerStatement: number) =>
      importCsv({ kind: "payments", input: Readable.from([Buffer.from(csv)]), sqlite, rules, batchSize: 7, rowsPerStatement, allowOrphans: true });
    const db = openNodeDatabase(":memory:");
    const first = await importWith(db.sqlite, 50);
    expect(first).toMatchObject({
      read: 123,
      new: clean.length,
      repeated: clean.reduce((n, k) => n + lines(k) - 1, 0),
      rejected: conflicting.reduce((n, k) => n + lines(k), 0),
    });
    expect(db.sqlite.prepare("select count(*) n from payments").get()).toEqual({ n: clean.length });
    const again = await importWith(db.sqlite, 50);
    const oneStatement = await importWith(db.sqlite, 1);
    for (const s of [again, oneStatement]) expect(s).toMatchObject({ read: 123, new: 0, changed: 0, unchanged: clean.length, repeated: first.repeated, rejected: first.rejected });
    const fresh = openNodeDatabase(":memory:");
    expect(await importWith(fresh.sqlite, 1)).toMatchObject({ new: first.new, repeated: first.repeated, rejected: first.rejected });
    expect(fresh.sqlite.prepare("select * from payments order by dni, period").all()).toEqual(db.sqlite.prepare("select * from payments order by dni, period").all());
  });

  it("checks dates and amounts exactly: leap days, month lengths, one or two decimals", async () => {
    const csv = [
      "dni,program,period,amount,status,available_from,available_until,payment_point",
      // periods before the current benefit's date (2025-09-03): any amount up to 3 × S/ 200
      "10000001,juntos,2024-02,1.5,cobrado,2024-02-29,,", // leap day, 1 decimal
      "10000002,juntos,2024-03,0.05,cobrado,2008-02-29,2024-04-30,", // a leap year's 29 February, 2 decimals
      "10000003,juntos,2024-04,600,cobrado,,,", // no decimals
      "10000004,juntos,2024-05,1,cobrado,2023-02-29,,", // not a leap year
      "10000005,juntos,2024-06,1,cobrado,1900-02-29,,", // 100-year rule
      "10000006,juntos,2024-07,1,cobrado,2024-04-31,,", // April has 30 days
      "10000007,juntos,2024-08,1.234,cobrado,,,", // 3 decimals
      "10000008,juntos,2024-09,1,cobrado,2024-1-01,,", // not YYYY-MM-DD
    ].join("\n");
    const { db, reportPath, result } = run("payments", csv);
    expect(await result).toMatchObject({ written: 3, rejected: 5 });
    expect(db.sqlite.prepare("select dni, amount_cents from payments order by dni").all()).toEqual([
      { dni: "10000001", amount_cents: 150 },
      { dni: "10000002", amount_cents: 5 },
      { dni: "10000003", amount_cents: 60000 },
    ]);
    expect(reportRows(reportPath).map((r) => r.slice(0, 3))).toEqual([
      ["5", "available_from", "2023-02-29"],
      ["6", "available_from", "1900-02-29"],
      ["7", "available_from", "2024-04-31"],
      ["8", "amount", "1.234"],
      ["9", "available_from", "2024-1-01"],
    ]);
  });

  it("keeps the WAL bounded while the server's background checkpoints run (it starts over past the limit)", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${10_000_000 + i * 4_099},juntos,2026-01,200.00,cobrado,2026-01-10,2026-02-10,Agencia ${i}`);
    const csv = "dni,program,period,amount,status,available_from,available_until,payment_point\n" + lines.join("\n") + "\n";
    const walAfter = async (walLimitBytes: number) => {
      const path = join(mkdtempSync(join(tmpdir(), "import-wal-")), "t.db");
      const db = openNodeDatabase(path, { backgroundCheckpoints: true });
      db.sqlite.pragma("journal_size_limit = 262144");
      const summary = await importCsv({ kind: "payments", input: Readable.from([Buffer.from(csv)]), sqlite: db.sqlite, rules, batchSize: 1_000, walLimitBytes, allowOrphans: true });
      const wal = statSync(`${path}-wal`).size;
      db.close();
      return { wal, written: summary.written };
    };
    const unbounded = await walAfter(Number.POSITIVE_INFINITY);
    const bounded = await walAfter(256 * 1024);
    expect(unbounded.written).toBe(20_000);
    expect(bounded.written).toBe(20_000);
    expect(bounded.wal).toBeLessThan(1024 * 1024);
    expect(unbounded.wal).toBeGreaterThan(bounded.wal);
  });

  it("refuses a wrong header before writing anything", async () => {
    const { db, result } = run("persons", PAYMENTS);
    await expect(result).rejects.toBeInstanceOf(ImportHeaderError);
    await expect(result).rejects.toThrow(/^Encabezado incorrecto: se esperaba "dni,birth_date,first_names,last_names,ubigeo,phone" \(o en castellano: "DNI,Fecha de nacimiento,Nombres,Apellidos,Ubigeo,Teléfono"\) y el archivo tiene "dni,program,period,amount,status,available_from,available_until,payment_point"\. No se importó nada/);
    expect(db.sqlite.prepare("select count(*) n from persons").get()).toEqual({ n: 0 });
    expect(db.sqlite.prepare("select count(*) n from payments").get()).toEqual({ n: 0 });
  });

  it("refuses an empty file", async () => {
    await expect(run("payments", "").result).rejects.toBeInstanceOf(ImportHeaderError);
  });

  it("reads Windows line endings and a UTF-8 BOM", async () => {
    const csv = "\uFEFF" + PAYMENTS.replace(/\n/g, "\r\n");
    const { db, result } = run("payments", csv, undefined, 3);
    expect(await result).toMatchObject({ read: 3, written: 3, rejected: 0 });
    expect(db.sqlite.prepare("select payment_point from payments where period = '2026-09'").get()).toEqual({ payment_point: "Agente Multired" });
  });

  it("writes every kind of bad row to the report with its line number and reason, and loads the rest", async () => {
    const csv = [
      "dni,program,period,amount,status,available_from,available_until,payment_point",
      "1234567,juntos,2026-10,200,cobrado,,,", // 2: short DNI
      "12345678,qali,2026-10,200,cobrado,,,", // 3: unknown program
      "12345678,juntos,2026-13,200,cobrado,,,", // 4: bad period
      "12345678,juntos,2026-10,200\u002C5,cobrado,,,", // 5: comma amount → 9 columns
      "12345678,juntos,2026-10,S/200,cobrado,,,", // 6: bad amount
      "12345678,juntos,2026-10,200,pagado,,,", // 7: unknown status
      "12345678,juntos,2026-10,200,cobrado,2026-02-30,,", // 8: impossible date
      "12345678,juntos,2026-10,200,cobrado,2026-10-10,2026-10-01,", // 9: until before from
      '12345678,juntos,2026-10,200,cobrado,,,"unclosed', // 10: unclosed quote (to the end)
    ].join("\n");
    const good = "12345678,juntos,2026-08,200,cobrado,,,Banco\n";
    const { db, reportPath, result } = run("payments", csv.replace('"unclosed', "ok") + "\n" + good + '12345678,juntos,2026-10,200,cobrado,,,"un"closed\n');
    const summary = await result;
    expect(summary).toMatchObject({ read: 11, written: 2, rejected: 9 });
    const report = reportRows(reportPath);
    expect(report.map((r) => `${r[0]},${r[1]}`)).toEqual([
      "2,dni",
      "3,program",
      "4,period",
      "5,*",
      "6,amount",
      "7,status",
      "8,available_from",
      "9,available_until",
      "12,*",
    ]);
    expect(report[0].slice(2, 5)).toEqual(["1234567", "El DNI debe tener 8 dígitos", '"1234567": ¿Excel quitó el cero inicial? Guarde la columna como Texto (debería ser 01234567)']);
    expect(report[3].slice(2, 5)).toEqual(["12345678,juntos,2026-10,200,5,cobrado,,,", "Se esperaban 8 columnas y hay 9", "¿Un texto con «,» sin comillas, o un monto con coma decimal?"]);
    expect(report[8][3]).toBe("Línea ilegible como CSV: texto después de las comillas de cierre");
    expect(db.sqlite.prepare("select count(*) n from payments").get()).toEqual({ n: 2 });
  });

  it("reports an unclosed quote at the end of the file", async () => {
    const { reportPath, result } = run("payments", PAYMENTS + '12345678,juntos,2026-10,200,cobrado,,,"Banco\n');
    expect(await result).toMatchObject({ written: 3, rejected: 1 });
    expect(reportRows(reportPath)).toEqual([["5", "*", "", "Línea ilegible como CSV: comillas sin cerrar", "Revise las comillas de esta fila"]]);
  });

  it("validates persons: dates, names, ubigeo, phones (normalized to E.164)", async () => {
    const csv = [
      "dni,birth_date,first_names,last_names,ubigeo,phone",
      "12345678,1950-04-21,María,Quispe Huamán,030201,987 654 321",
      "23456789,2030-01-01,Juan,Mamani,030201,", // future birth date
      "34567890,1960-01-01,,Mamani,030201,", // no first names
      "45678901,1960-01-01,Rosa,Condori,3021,", // short ubigeo
      "56789012,1960-01-01,Rosa,Condori,030201,12345", // bad phone
      '67890123,1960-01-01,"Ana, Lucía",Flores,030201,+51912345678',
    ].join("\n");
    const { db, reportPath, result } = run("persons", csv);
    expect(await result).toMatchObject({ read: 6, written: 2, rejected: 4 });
    expect(db.sqlite.prepare("select dni, first_names, phone from persons order by dni").all()).toEqual([
      { dni: "12345678", first_names: "María", phone: "+51987654321" },
      { dni: "67890123", first_names: "Ana, Lucía", phone: "+51912345678" },
    ]);
    expect(reportRows(reportPath).map((r) => r.slice(0, 3))).toEqual([
      ["3", "birth_date", "2030-01-01"],
      ["4", "first_names", ""],
      ["5", "ubigeo", "3021"],
      ["6", "phone", "12345"],
    ]);
  });

  it("stores INEI district codes: checks them, and translates a RENIEC column", async () => {
    const inei = ["dni,birth_date,first_names,last_names,ubigeo,phone", "12345678,1950-04-21,María,Quispe,999999,"].join("\n");
    const a = run("persons", inei);
    expect(await a.result).toMatchObject({ rejected: 1 });
    expect(reportRows(a.reportPath)).toEqual([["2", "ubigeo", "999999", "No es un código de distrito INEI conocido", ""]]);
    // Imaza, Bagua: RENIEC 010206 is INEI 010205
    const reniec = ["dni,birth_date,first_names,last_names,ubigeo_reniec,phone", "12345678,1950-04-21,María,Quispe,010206,"].join("\n");
    const b = run("persons", reniec);
    expect(await b.result).toMatchObject({ written: 1 });
    expect(b.db.sqlite.prepare("select ubigeo from persons").get()).toEqual({ ubigeo: "010205" });
  });

  it("validates enrolments and classifications", async () => {
    const enrol = [
      "dni,program,status,since,status_reason",
      "12345678,juntos,suspendido,2026-09-01,cred_incumplido",
      "12345678,pension65,jubilado,2026-09-01,", // unknown status
      "12345678,contigo,activo,2026-09-01,Motivo Libre", // a reason the service cannot explain
    ].join("\n");
    const e = run("enrolments", enrol);
    expect(await e.result).toMatchObject({ written: 1, rejected: 2 });
    const cse = ["dni,level,valid_until", "12345678,POBRE EXTREMO,2027-01-31", "12345678,rico,2027-01-31"].join("\n");
    const c = run("classifications", cse, e.db);
    expect(await c.result).toMatchObject({ written: 1, rejected: 1 });
    expect(e.db.sqlite.prepare("select level from classifications").get()).toEqual({ level: "pobre_extremo" });
    expect(existsSync(c.reportPath)).toBe(true);
  });
});

describe("Spanish header names", () => {
  it("every name the header refusal shows in Spanish is accepted as that column", async () => {
    const { canonicalHeader, spanishNames } = await import("../../../src/db/import/header-names");
    const { HEADERS } = await import("../../../src/db/import/rows");
    const { foldHeader } = await import("../../../src/db/import/importer");
    for (const kind of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
      const shown = spanishNames(HEADERS[kind]);
      expect(shown.map((name) => canonicalHeader(kind, foldHeader(name)))).toEqual(HEADERS[kind]);
    }
  });
});
