// Node-only: reads a translators' CSV as a spreadsheet saved it (any encoding Excel writes, `,` or `;`).
import { parse } from "csv-parse/sync";
import { decodeSpreadsheetBytes, type CsvEncoding } from "../csv/decode";

/** A file that is not a translations export: refused with a Spanish message before anything is read. */
export class TranslationCsvError extends Error {}

export interface TranslationCsv {
  rows: Record<string, string>[];
  encoding: CsvEncoding;
  separator: "," | ";";
}

/**
 * Decodes (UTF-8 with or without BOM, or Windows-1252 converted; anything else refused by
 * CsvEncodingError), finds the separator in the header line (`;` when it has more semicolons
 * than commas: Excel in a Spanish locale) and parses with lower-case header names.
 */
export function readTranslationCsv(bytes: Uint8Array): TranslationCsv {
  const { text, encoding } = decodeSpreadsheetBytes(bytes);
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  const separator = count(";") > count(",") ? ";" : ",";
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      delimiter: separator,
      columns: (names: string[]) => names.map((n) => n.trim().toLowerCase()),
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new TranslationCsvError(`No se pudo leer el archivo como CSV: ${(error as Error).message}. No se importó nada.`);
  }
  if (!header.toLowerCase().split(separator).map((h) => h.trim().replace(/^"|"$/g, "")).includes("key"))
    throw new TranslationCsvError("El archivo no tiene la columna «key»: use un archivo creado con npm run i18n:export. No se importó nada.");
  return { rows, encoding, separator };
}
