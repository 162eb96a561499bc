import { describe, expect, it } from "vitest";
import { CsvEncodingError, decodeSpreadsheetBytes } from "../../src/csv/decode";

describe("decoding a CSV as a spreadsheet saved it", () => {
  it.each([
    ["UTF-8", Buffer.from("Añay… ch’iqt’am €5", "utf8"), "UTF-8"],
    ["UTF-8 with BOM", Buffer.from("\ufeffAñay… ch’iqt’am €5", "utf8"), "UTF-8 con BOM"],
    // Windows-1252 bytes: ñ F1, … 85, ’ 92, € 80 (Node 20's own decoder turns 80–9F into control characters)
    ["Windows-1252", Buffer.from([0x41, 0xf1, 0x61, 0x79, 0x85, 0x20, 0x63, 0x68, 0x92, 0x69, 0x71, 0x74, 0x92, 0x61, 0x6d, 0x20, 0x80, 0x35]), "Windows-1252"],
  ])("reads %s", (_label, bytes, encoding) => {
    expect(decodeSpreadsheetBytes(bytes)).toEqual({ text: "Añay… ch’iqt’am €5", encoding });
  });

  it("refuses a file that is UTF-8 in one place and Windows-1252 in another, even in one chunk", () => {
    expect(() => decodeSpreadsheetBytes(Buffer.concat([Buffer.from("Añay\n", "utf8"), Buffer.from([0x41, 0xf1, 0x0a])]))).toThrow(CsvEncodingError);
  });
});
