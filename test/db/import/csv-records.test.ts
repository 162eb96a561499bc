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
