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

/**
 * Bytes 0x80–0x9F in Windows-1252 (€ ‚ „ … ‘ ’ “ ” – — …). Node 20's TextDecoder("windows-1252")
 * decodes them as ISO-8859-1 control characters (U+0080–U+009F), so they are mapped here: an
 * Excel "’" or "…" must not become an invisible control character.
 */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const fixCp1252 = (text: string) => text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);

/** a well-formed UTF-8 accent (2- or 3-byte sequence) somewhere in the bytes: the file was UTF-8 at least in part */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const b = bytes[i];
    if (b >= 0xc2 && b <= 0xdf && (bytes[i + 1] & 0xc0) === 0x80) return true;
    if (b >= 0xe0 && b <= 0xef && i + 2 < bytes.length && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) return true;
  }
  return false;
}

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
    if (this.cp1252) return fixCp1252(this.cp1252.decode(chunk, { stream: true }));
    try {
      const text = this.utf8.decode(chunk, { stream: true });
      if (!this.sawUtf8) for (let i = 0; i < chunk.length; i++) if (chunk[i] > 0x7f) { this.sawUtf8 = true; break; }
      return text;
    } catch {
      // valid UTF-8 accents earlier in this chunk or a previous one: a mixed file, not Windows-1252
      if (this.sawUtf8 || this.encoding !== "UTF-8" || hasUtf8Sequence(chunk)) throw new CsvEncodingError(this.mixedMessage);
      this.encoding = "Windows-1252";
      this.cp1252 = new TextDecoder("windows-1252");
      return fixCp1252(this.cp1252.decode(chunk, { stream: true }));
    }
  }

  end(): string {
    try {
      return this.cp1252 ? fixCp1252(this.cp1252.decode()) : this.utf8.decode();
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
