// Issue 18: files as Excel and the programs' staff really produce them (test/fixtures/import/),
// one table: what is stored, how the file was read, what the report says line by line (Spanish,
// the value as read, a hint) and its totals, or the Spanish refusal; then the same file again
// changes nothing. Payments and enrolments run over registry-persons.csv (their DNIs' persons).
import { describe, expect, it } from "vitest";
import { createReadStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { openNodeDatabase } from "../../../src/db/node";
import { ImportEncodingError, importCsv, type ImportSummary } from "../../../src/db/import/importer";
import { defaultRowRules } from "../../../src/db/import/rules";
import type { ImportKind } from "../../../src/db/import/rows";

const rules = defaultRowRules(Date.parse("2026-11-23T12:00:00Z"));
const dir = mkdtempSync(join(tmpdir(), "import-fixtures-"));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

const MARIA = { dni: "40000001", first_names: "MARÍA ÁNGELA", last_names: "PEÑA ÑAHUI" };

/** one expected row of the report: fila, columna, valor as read, and what motivo and sugerencia say */
type Rejected = [line: number, field: string, value: string, reason: RegExp, hint?: RegExp];

interface Case {
  file: string;
  kind: ImportKind;
  encoding?: string;
  separator?: "," | ";";
  /** load registry-persons.csv first */
  registry?: boolean;
  allowOrphans?: boolean;
  counts?: Partial<ImportSummary>;
  stored?: { sql: string; rows: unknown[] };
  rejected?: Rejected[];
  /** totals the report ends with: label → number */
  totals?: Record<string, number>;
  refused?: RegExp;
  /** small chunks: the first non-ASCII byte arrives after several ASCII-only chunks */
  chunk?: number;
}

const personsSql = "select dni, first_names, last_names from persons order by dni";
const paymentsSql = "select dni, program, period, amount_cents from payments order by dni, program, period";

const CASES: Case[] = [
  { file: "persons-utf8.csv", kind: "persons", encoding: "UTF-8", separator: ",", stored: { sql: personsSql, rows: [MARIA] } },
  { file: "persons-utf8-bom.csv", kind: "persons", encoding: "UTF-8 con BOM", separator: ",", stored: { sql: personsSql, rows: [MARIA] } },
  { file: "persons-cp1252-semicolon.csv", kind: "persons", encoding: "Windows-1252", separator: ";", stored: { sql: personsSql, rows: [MARIA] } },
  { file: "persons-latin1.csv", kind: "persons", encoding: "Windows-1252", separator: ",", stored: { sql: personsSql, rows: [MARIA] }, chunk: 16 },
  {
    file: "enrolments-semicolon-case.csv",
    kind: "enrolments",
    registry: true,
    encoding: "UTF-8",
    separator: ";",
    stored: {
      sql: "select dni, program, status from enrolments order by dni",
      rows: [
        { dni: "40000001", program: "juntos", status: "activo" },
        { dni: "40000002", program: "juntos", status: "en_evaluacion" },
        { dni: "40000003", program: "juntos", status: "suspendido" },
      ],
    },
  },
  {
    // the same DNI with two birth dates: the file does not say which is right, so neither is stored;
    // an identical line again is counted once
    file: "persons-duplicates.csv",
    kind: "persons",
    counts: { read: 4, new: 1, repeated: 1, rejected: 2 },
    stored: { sql: personsSql, rows: [{ dni: "40000011", first_names: "JUAN", last_names: "MAMANI" }] },
    rejected: [
      [2, "birth_date", "1960-02-29", /dni 70000001 aparece también en la fila 4 con otros datos: birth_date «1960-02-29» aquí, «1960-02-28» en la fila 4\. Se rechazan las dos/, /Deje una sola fila/],
      [4, "birth_date", "1960-02-28", /en la fila 2/],
    ],
    totals: { "filas leídas": 4, nuevas: 1, "repetidas idénticas (contadas una vez)": 1, "rechazadas: clave repetida con otros datos": 2, "rechazadas en total": 2 },
  },
  {
    file: "enrolments-duplicates.csv",
    kind: "enrolments",
    registry: true,
    counts: { read: 3, new: 1, rejected: 2 },
    stored: { sql: "select dni, program, status from enrolments", rows: [{ dni: "40000002", program: "pension65", status: "activo" }] },
    rejected: [
      [2, "status, status_reason", "activo, ", /program juntos aparece también en la fila 4 con otros datos: status «activo» aquí, «suspendido» en la fila 4; status_reason/],
      [4, "status, status_reason", "suspendido, cred_incumplido", /fila 2/],
    ],
  },
  {
    file: "payments-orphans.csv",
    kind: "payments",
    registry: true,
    counts: { read: 2, new: 1, rejected: 1, orphansKept: 0 },
    stored: { sql: paymentsSql, rows: [{ dni: "40000002", program: "pension65", period: "2026-09", amount_cents: 35000 }] },
    rejected: [[3, "dni", "49999999", /no está en el padrón de personas/, /--allow-orphans/]],
    totals: { "rechazadas: DNI que no está en el padrón": 1 },
  },
  {
    file: "payments-orphans.csv",
    kind: "payments",
    registry: true,
    allowOrphans: true,
    counts: { read: 2, new: 2, rejected: 0, orphansKept: 1 },
    stored: {
      sql: paymentsSql,
      rows: [
        { dni: "40000002", program: "pension65", period: "2026-09", amount_cents: 35000 },
        { dni: "49999999", program: "pension65", period: "2026-09", amount_cents: 35000 },
      ],
    },
    rejected: [],
    totals: { "guardadas con un DNI que no está en el padrón (--allow-orphans)": 1 },
  },
  {
    file: "payments-implausible.csv",
    kind: "payments",
    registry: true,
    counts: { read: 10, new: 3, rejected: 7 },
    stored: {
      sql: paymentsSql,
      rows: [
        { dni: "40000001", program: "juntos", period: "2026-10", amount_cents: 40000 },
        { dni: "40000002", program: "pension65", period: "2024-05", amount_cents: 25000 },
        { dni: "40000002", program: "pension65", period: "2026-11", amount_cents: 35000 },
      ],
    },
    rejected: [
      [2, "amount", "3500000.00", /S\/ 3500000\.00 está fuera del rango de pension65: de S\/ 0\.01 a S\/ 1050\.00 \(3 veces el monto vigente, S\/ 350\.00\)/, /cero de más/],
      [3, "amount", "175.00", /pension65 paga S\/ 350\.00 por periodo desde 2025-05-01: S\/ 175\.00 no es un múltiplo/],
      [4, "period", "2003-01", /juntos empezó en 2005-04/],
      [5, "period", "2062-11", /posterior a 2028-11/],
      [6, "amount", "100.00", /cunamas da un servicio, no pagos en dinero/],
      [10, "available_from", "2011-01-15", /pension65 empezó en 2011-10/],
      [11, "program", "qali_warma", /Programa desconocido; se esperaba uno de: juntos, pension65, contigo, cunamas, pae, hakuwinay/],
    ],
    totals: { "rechazadas: fuera de la existencia del programa": 3, "rechazadas: monto fuera de rango": 1, "rechazadas en total": 7 },
  },
  {
    file: "payments-semicolon-comma-decimal.csv",
    kind: "payments",
    registry: true,
    separator: ";",
    counts: { read: 2, new: 1, rejected: 1 },
    stored: { sql: paymentsSql, rows: [{ dni: "40000001", program: "juntos", period: "2026-10", amount_cents: 20000 }] },
    rejected: [[2, "amount", "200,00", /monto en soles con punto decimal/, /Use punto decimal: 200\.00/]],
  },
  // headers in Spanish, as staff type them (with accents, in a Windows-1252 file), are the same columns
  { file: "persons-spanish-header.csv", kind: "persons", encoding: "UTF-8", separator: ",", stored: { sql: personsSql, rows: [MARIA] } },
  {
    file: "payments-spanish-header-cp1252.csv",
    kind: "payments",
    registry: true,
    encoding: "Windows-1252",
    separator: ";",
    counts: { read: 1, new: 1, rejected: 0 },
    stored: { sql: paymentsSql, rows: [{ dni: "40000001", program: "juntos", period: "2026-10", amount_cents: 20000 }] },
  },
  {
    file: "enrolments-reasons.csv",
    kind: "enrolments",
    registry: true,
    counts: { read: 4, new: 1, rejected: 3 },
    stored: { sql: "select dni, status, status_reason from enrolments", rows: [{ dni: "40000001", status: "suspendido", status_reason: "cred_incumplido" }] },
    rejected: [
      [3, "status_reason", "motivo_libre", /Motivo desconocido; los conocidos son: cred_incumplido, control_prenatal, .*sin_miembro_objetivo/, /vacía/],
      [4, "since", "2009-01-01", /contigo empezó en 2015-01/],
      [5, "since", "2031-01-01", /posterior a hoy/],
    ],
  },
  {
    file: "persons-excel-zeros.csv",
    kind: "persons",
    counts: { read: 6, new: 1, rejected: 5 },
    stored: { sql: "select dni from persons", rows: [{ dni: "40000023" }] },
    rejected: [
      [2, "dni", "7000002", /8 dígitos/, /^"7000002": ¿Excel quitó el cero inicial\? Guarde la columna como Texto \(debería ser 07000002\)$/],
      [3, "ubigeo", "30101", /6 dígitos/, /^"30101": ¿Excel quitó el cero inicial\? Guarde la columna como Texto \(debería ser 030101\)$/],
      [4, "birth_date", "12/03/1950", /AAAA-MM-DD/, /Excel cambió el formato de la fecha/],
      [5, "dni", "4.00E+07", /8 dígitos/, /notación científica/],
      // a value Excel would run as a formula is shown, not run
      [7, "dni", "'=1+1", /8 dígitos/],
    ],
  },
  { file: "persons-mixed-encoding.csv", kind: "persons", refused: /no está en UTF-8 ni en Windows-1252/, chunk: 16 },
  { file: "persons-utf16.csv", kind: "persons", refused: /UTF-16/ },
];

function readReport(path: string, separator: string): { rows: string[][]; totals: Record<string, number> } {
  const records = parse(readFileSync(path), { bom: true, delimiter: separator, relax_column_count: true, skip_empty_lines: true }) as string[][];
  expect(records[0]).toEqual(["fila", "columna", "valor", "motivo", "sugerencia"]);
  const rows = records.slice(1).filter((r) => r[0] !== "Total");
  const totals = Object.fromEntries(records.filter((r) => r[0] === "Total").map((r) => [r[3], Number(r[2])]));
  return { rows, totals };
}

describe("registry files as Excel saves them (test/fixtures/import)", () => {
  for (const c of CASES) {
    const title = c.refused ? "refused in Spanish" : c.rejected ? `${c.rejected.length} lines rejected${c.allowOrphans ? " (--allow-orphans)" : ""}` : `read as ${c.encoding}, separator ${c.separator}`;
    it(`${c.file}: ${title}`, async () => {
      const db = openNodeDatabase(":memory:");
      if (c.registry) await importCsv({ kind: "persons", input: createReadStream(fixture("registry-persons.csv")), sqlite: db.sqlite, rules });
      const reportPath = join(dir, `${c.file}.${c.allowOrphans ? "orphans." : ""}rejects.csv`);
      const run = () =>
        importCsv({
          kind: c.kind,
          input: createReadStream(fixture(c.file), { highWaterMark: c.chunk ?? 64 * 1024 }),
          sqlite: db.sqlite,
          rules,
          reportPath,
          allowOrphans: c.allowOrphans,
        });
      if (c.refused) {
        const error = await run().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportEncodingError);
        expect((error as Error).message).toMatch(c.refused);
        return;
      }
      const summary = await run();
      expect(summary).toMatchObject({ rejected: c.rejected?.length ?? 0, ...c.counts });
      if (c.encoding) expect(summary.encoding).toBe(c.encoding);
      if (c.separator) expect(summary.separator).toBe(c.separator);
      expect(summary.read).toBe(summary.new + summary.changed + summary.unchanged + summary.repeated + summary.rejected);
      expect(db.sqlite.prepare(c.stored!.sql).all()).toEqual(c.stored!.rows);
      const report = readReport(reportPath, summary.separator);
      expect(report.rows.length).toBe(c.rejected?.length ?? 0);
      (c.rejected ?? []).forEach(([line, field, value, reason, hint], i) => {
        const [fila, columna, valor, motivo, sugerencia] = report.rows[i];
        expect({ fila, columna, valor }).toEqual({ fila: String(line), columna: field, valor: value });
        expect(motivo).toMatch(reason);
        if (hint) expect(sugerencia).toMatch(hint);
      });
      expect(report.totals).toMatchObject({ "filas leídas": summary.read, nuevas: summary.new, cambiadas: 0, "sin cambios": 0, ...c.totals });
      // the same file again: every accepted row "sin cambios", the same lines rejected
      const again = await run();
      expect(again).toMatchObject({ new: 0, changed: 0, written: 0, unchanged: summary.new, repeated: summary.repeated, rejected: summary.rejected });
      expect(readReport(reportPath, summary.separator).totals).toMatchObject({ nuevas: 0, cambiadas: 0, "sin cambios": summary.new });
      expect(db.sqlite.prepare(c.stored!.sql).all()).toEqual(c.stored!.rows);
      db.close();
    });
  }
});

describe("--dry-run", () => {
  it("validates and counts like a real import (new, changed, unchanged) but writes nothing", async () => {
    const db = openNodeDatabase(":memory:");
    await importCsv({ kind: "persons", input: createReadStream(fixture("registry-persons.csv")), sqlite: db.sqlite, rules });
    const dry = () => importCsv({ kind: "enrolments", input: createReadStream(fixture("enrolments-semicolon-case.csv")), sqlite: db.sqlite, rules, dryRun: true });
    expect(await dry()).toMatchObject({ read: 3, new: 3, changed: 0, unchanged: 0, rejected: 0 });
    expect(db.sqlite.prepare("select count(*) as n from enrolments").get()).toEqual({ n: 0 });
    // with one row stored as it is in the file and one stored differently
    db.sqlite.exec("insert into enrolments (dni, program, status, since) values ('40000001', 'juntos', 'activo', '2020-01-01'), ('40000002', 'juntos', 'activo', '2021-05-01')");
    expect(await dry()).toMatchObject({ read: 3, new: 1, changed: 1, unchanged: 1 });
    expect(db.sqlite.prepare("select dni, status from enrolments order by dni").all()).toEqual([
      { dni: "40000001", status: "activo" },
      { dni: "40000002", status: "activo" },
    ]);
    expect(db.sqlite.inTransaction).toBe(false);
    db.close();
  });
});

describe("interruption (Ctrl-C)", () => {
  const csv = "dni,level,valid_until\n10000001,pobre,2027-01-01\n10000002,pobre,2027-01-01\n10000003,pobre,2027-01-01\n10000004,pobre,2027-01-01\n10000005,pobre,2027-01-01\n";

  it("while reading: nothing is written", async () => {
    const { ImportAbortedError } = await import("../../../src/db/import/importer");
    const { PassThrough } = await import("node:stream");
    const db = openNodeDatabase(":memory:");
    const input = new PassThrough();
    const controller = new AbortController();
    const done = importCsv({ kind: "classifications", input, sqlite: db.sqlite, rules, batchSize: 2, signal: controller.signal }).catch((e: unknown) => e);
    input.write(csv);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = await done;
    expect(error).toBeInstanceOf(ImportAbortedError);
    expect((error as Error).message).toMatch(/la base de datos no cambió.*ejecute el mismo comando otra vez/);
    expect(db.sqlite.prepare("select count(*) as n from classifications").get()).toEqual({ n: 0 });
    expect(db.sqlite.inTransaction).toBe(false);
    db.close();
  });

  it("while writing: the committed batches stay, the rest is not written, and running again resumes", async () => {
    const { ImportAbortedError } = await import("../../../src/db/import/importer");
    const { Readable } = await import("node:stream");
    const db = openNodeDatabase(":memory:");
    const controller = new AbortController();
    const run = (signal?: AbortSignal) =>
      importCsv({
        kind: "classifications",
        input: Readable.from([Buffer.from(csv)]),
        sqlite: db.sqlite,
        rules,
        batchSize: 2,
        signal,
        // Ctrl-C as the first batch is committed: it lands before the second starts
        onProgress: (p) => {
          if (p.phase === "write") controller.abort();
        },
      });
    const error = await run(controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportAbortedError);
    expect((error as Error).message).toMatch(/2 filas escritas o comprobadas.*ejecute el mismo comando otra vez.*«sin cambios»/);
    expect(db.sqlite.prepare("select dni from classifications order by dni").all()).toEqual([{ dni: "10000001" }, { dni: "10000002" }]);
    expect(db.sqlite.inTransaction).toBe(false);
    expect(db.sqlite.prepare("select count(*) as n from temp.sqlite_master").get()).toEqual({ n: 0 });
    // the same command again: the two saved rows are unchanged, the other three new
    expect(await run()).toMatchObject({ read: 5, new: 3, unchanged: 2 });
    expect(db.sqlite.prepare("select count(*) as n from classifications").get()).toEqual({ n: 5 });
    db.close();
  });
});
