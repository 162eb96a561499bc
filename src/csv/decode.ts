/**
 * Decoding a CSV as spreadsheet programs save it, shared by the registry import and the
 * translators' import: UTF-8 (with or without BOM) unless the first byte that is not ASCII does
 * not start valid UTF-8, in which case the whole file is Windows-1252 (a superset of ISO-8859-1's
 * printable characters; Excel's "CSV" in Peru). A file that turns invalid after valid UTF-8
 * accents, or has NUL bytes (UTF-16), is refused: never a `�`.
 */

/** A file that is neither UTF-8 nor Windows-1252/ISO-8859-1, refused with a Spanish message. */
export class CsvEncodingError extends Error {}

export const UTF16_MESSAGE =
  "El archivo parece estar en UTF-16 («Texto Unicode» de Excel), que no se puede importar. Guárdelo como «CSV UTF-8 (delimitado por comas)» y vuelva a intentarlo. No se importó nada.";
const MIXED_MESSAGE =
  "El archivo no está en UTF-8 ni en Windows-1252: tiene tildes en UTF-8 y, más adelante, caracteres que no lo son. Ábralo en Excel y guárdelo como «CSV UTF-8 (delimitado por comas)». No se importó nada.";

export type CsvEncoding = "UTF-8" | "UTF-8 con BOM" | "Windows-1252";

export class SpreadsheetDecoder {
  encoding: CsvEncoding = "UTF-8";
  private utf8 = new TextDecoder("utf-8", { fatal: true });
  private cp1252: TextDecoder | null = null;
  private sawUtf8 = false;
  private first = true;

  /** @param mixedMessage what to say when valid UTF-8 turns invalid later (a streaming import may have saved rows by then) */
  constructor(private readonly mixedMessage = MIXED_MESSAGE) {}

  decode(chunk: Uint8Array): string {
    if (this.first) {
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.encoding = "UTF-8 con BOM";
      if (chunk[0] === 0xff || chunk[0] === 0xfe) throw new CsvEncodingError(UTF16_MESSAGE);
    }
    if (chunk.includes(0)) throw new CsvEncodingError(UTF16_MESSAGE);
    if (this.cp1252) return this.cp1252.decode(chunk, { stream: true });
    try {
      const text = this.utf8.decode(chunk, { stream: true });
      if (!this.sawUtf8) for (let i = 0; i < chunk.length; i++) if (chunk[i] > 0x7f) { this.sawUtf8 = true; break; }
      return text;
    } catch {
      if (this.sawUtf8 || this.encoding !== "UTF-8") throw new CsvEncodingError(this.mixedMessage);
      this.encoding = "Windows-1252";
      this.cp1252 = new TextDecoder("windows-1252");
      return this.cp1252.decode(chunk, { stream: true });
    }
  }

  end(): string {
    try {
      return this.cp1252 ? this.cp1252.decode() : this.utf8.decode();
    } catch {
      throw new CsvEncodingError("El archivo termina a mitad de un carácter UTF-8: está cortado o dañado. Expórtelo de nuevo.");
    }
  }
}

/** A whole file at once; the BOM, if any, is removed from the text. */
export function decodeSpreadsheetBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const decoder = new SpreadsheetDecoder();
  const text = decoder.decode(bytes) + decoder.end();
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: decoder.encoding };
}
