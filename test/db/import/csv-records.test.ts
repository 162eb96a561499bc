import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { CsvRecordReader } from "../../../src/db/import/csv-records";

function readAll(text: string, chunk: number) {
  const records: { fields: string[]; line: number }[] = [];
  const broken: number[] = [];
  const reader = new CsvRecordReader((fields, line) => records.push({ fields, line }), (line) => broken.push(line));
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  reader.end();
  return { records, broken };
}

const field = fc.oneof(
  fc.stringMatching(/^[a-zñáé0-9 .]{0,8}$/).map((s) => s.trim()),
  fc.stringMatching(/^[a-z, "\n]{0,8}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
);

describe("CsvRecordReader", () => {
  it("reads what csv-parse reads, whatever the chunking and line endings", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (rows, chunk, crlf) => {
          const eol = crlf ? "\r\n" : "\n";
          const text = rows.map((r) => r.join(",")).join(eol) + eol;
          const expected = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
          const { records, broken } = readAll(text, chunk);
          expect(broken).toEqual([]);
          expect(records.map((r) => r.fields)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("numbers records as Excel numbers its rows: a record with line breaks inside quotes is one row, an empty line is one", () => {
    const { records } = readAll('a,b\n"x\ny",2\n\nc,d\n', 4);
    expect(records.map((r) => [r.fields, r.line])).toEqual([
      [["a", "b"], 1],
      [["x\ny", "2"], 2],
      [["c", "d"], 4],
    ]);
  });

  it("reads a last line without a line break", () => {
    expect(readAll("a,b\nc,d", 100).records.map((r) => r.fields)).toEqual([["a", "b"], ["c", "d"]]);
  });
});

describe("CsvRecordReader: a hostile or damaged file costs one row, not the file (session 9 review)", () => {
  const header = "dni,program,status\n";
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${String(10_000_000 + from + i)},juntos,activo\n`).join("");

  it("a quote that never closes, early in a long file: that row is broken, every row after it is read", () => {
    // 5,000 rows after the stray quote (~120 K characters): before, all of them were one broken row
    const text = header + rows(0, 3) + '10000003,"juntos,activo\n' + rows(4, 5000);
    const { records, broken } = readAll(text, 1 << 16);
    expect(broken).toEqual([5]);
    expect(records).toHaveLength(1 + 3 + 5000);
    expect(records.at(-1)).toEqual({ fields: ["10005003", "juntos", "activo"], line: 5005 });
  });

  it("a quote that never closes on a short file's last lines: the row is broken and the lines after it are still read", () => {
    const { records, broken } = readAll(header + '10000000,"juntos,activo\n' + rows(1, 2), 7);
    expect(broken).toEqual([2]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 4]);
  });

  it("a 2 MB line with no line break: one broken row, the rows after it read, and the reader never holds the line", () => {
    const broken: { line: number; reason: string }[] = [];
    const records: number[] = [];
    const reader = new CsvRecordReader((_f, line) => records.push(line), (line, reason) => broken.push({ line, reason }));
    reader.push(header + rows(0, 2));
    const piece = "x".repeat(1 << 16);
    for (let i = 0; i < 32; i++) {
      reader.push(piece);
      // what the reader keeps between chunks stays bounded (it was the whole line so far)
      expect((reader as unknown as { rest: string }).rest.length).toBeLessThanOrEqual(2 << 16);
    }
    reader.push("\n" + rows(3, 2));
    reader.end();
    expect(broken).toEqual([{ line: 4, reason: "line too long" }]);
    expect(records).toEqual([1, 2, 3, 5, 6]);
  });
});
