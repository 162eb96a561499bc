// Issue 18: files as Excel and the programs' staff really produce them (test/fixtures/import/),
// one table: what is stored, how the file was read, or the Spanish refusal.
import { describe, expect, it } from "vitest";
import { createReadStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openNodeDatabase } from "../../../src/db/node";
import { ImportEncodingError, importCsv } from "../../../src/db/import/importer";
import { defaultRowRules } from "../../../src/db/import/rules";
import type { ImportKind } from "../../../src/db/import/rows";

const rules = defaultRowRules(Date.parse("2026-11-23T12:00:00Z"));
const dir = mkdtempSync(join(tmpdir(), "import-fixtures-"));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

const MARIA = { dni: "40000001", first_names: "MARÍA ÁNGELA", last_names: "PEÑA ÑAHUI" };

interface Case {
  file: string;
  kind: ImportKind;
  encoding?: string;
  separator?: "," | ";";
  stored?: { sql: string; rows: unknown[] };
  refused?: RegExp;
  /** small chunks: the first non-ASCII byte arrives after several ASCII-only chunks */
  chunk?: number;
}

const personsSql = "select dni, first_names, last_names from persons order by dni";

const CASES: Case[] = [
  { file: "persons-utf8.csv", kind: "persons", encoding: "UTF-8", separator: ",", stored: { sql: personsSql, rows: [MARIA] } },
  { file: "persons-utf8-bom.csv", kind: "persons", encoding: "UTF-8 con BOM", separator: ",", stored: { sql: personsSql, rows: [MARIA] } },
  { file: "persons-cp1252-semicolon.csv", kind: "persons", encoding: "Windows-1252", separator: ";", stored: { sql: personsSql, rows: [MARIA] } },
  { file: "persons-latin1.csv", kind: "persons", encoding: "Windows-1252", separator: ",", stored: { sql: personsSql, rows: [MARIA] }, chunk: 16 },
  {
    file: "enrolments-semicolon-case.csv",
    kind: "enrolments",
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
  { file: "persons-mixed-encoding.csv", kind: "persons", refused: /no está en UTF-8 ni en Windows-1252/, chunk: 16 },
  { file: "persons-utf16.csv", kind: "persons", refused: /UTF-16/ },
];

describe("registry files as Excel saves them (test/fixtures/import)", () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.refused ? "refused in Spanish" : `read as ${c.encoding}, separator ${c.separator}`}`, async () => {
      const db = openNodeDatabase(":memory:");
      const run = () =>
        importCsv({
          kind: c.kind,
          input: createReadStream(fixture(c.file), { highWaterMark: c.chunk ?? 64 * 1024 }),
          sqlite: db.sqlite,
          rules,
          reportPath: join(dir, `${c.file}.rejects.csv`),
        });
      if (c.refused) {
        const error = await run().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportEncodingError);
        expect((error as Error).message).toMatch(c.refused);
        return;
      }
      const summary = await run();
      expect(summary).toMatchObject({ rejected: 0, encoding: c.encoding, separator: c.separator });
      expect(db.sqlite.prepare(c.stored!.sql).all()).toEqual(c.stored!.rows);
      // the same file again writes nothing
      const again = await run();
      expect(again).toMatchObject({ written: 0, unchanged: summary.read, rejected: 0 });
      db.close();
    });
  }
});

describe("--dry-run", () => {
  it("validates and counts like a real import but writes nothing", async () => {
    const db = openNodeDatabase(":memory:");
    const summary = await importCsv({
      kind: "enrolments",
      input: createReadStream(fixture("enrolments-semicolon-case.csv")),
      sqlite: db.sqlite,
      rules,
      dryRun: true,
    });
    expect(summary).toMatchObject({ read: 3, written: 3, unchanged: 0, rejected: 0 });
    expect(db.sqlite.prepare("select count(*) as n from enrolments").get()).toEqual({ n: 0 });
    expect(db.sqlite.inTransaction).toBe(false);
    db.close();
  });
});

describe("interruption (Ctrl-C)", () => {
  it("stops between batches: committed batches stay, the current one is not written", async () => {
    const { ImportAbortedError } = await import("../../../src/db/import/importer");
    const { PassThrough } = await import("node:stream");
    const db = openNodeDatabase(":memory:");
    const input = new PassThrough();
    const controller = new AbortController();
    const done = importCsv({ kind: "classifications", input, sqlite: db.sqlite, rules, batchSize: 2, signal: controller.signal }).catch((e: unknown) => e);
    input.write("dni,level,valid_until\n10000001,pobre,2027-01-01\n10000002,pobre,2027-01-01\n10000003,pobre,2027-01-01\n");
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = await done;
    expect(error).toBeInstanceOf(ImportAbortedError);
    expect((error as Error).message).toMatch(/ejecute el mismo comando otra vez/);
    expect(db.sqlite.prepare("select dni from classifications order by dni").all()).toEqual([{ dni: "10000001" }, { dni: "10000002" }]);
    expect(db.sqlite.inTransaction).toBe(false);
    db.close();
  });
});
