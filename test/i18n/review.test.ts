import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { CsvEncodingError } from "../../src/csv/decode";
import { flattenKeys } from "../../src/i18n/flatten";
import { CSV_COLUMNS, exportRows, importRows, readStatus, type CsvRow, type ImportOutcome, type ReviewFile, type TextLimits } from "../../src/i18n/review";
import { resources } from "../../src/i18n/resources";
import { readTranslationCsv, TranslationCsvError } from "../../src/i18n/translation-csv";
import { measureTextUsage } from "../../src/cli/i18n-usage";

const empty = (): ReviewFile => ({ qu: {}, ay: {} });
let usage: Map<string, TextLimits>;
beforeAll(async () => {
  usage = await measureTextUsage();
}, 60_000);

/** Windows-1252 bytes, as Excel's plain "CSV" writes them in Peru (real bytes, … and ’ included). */
function cp1252(text: string): Buffer {
  const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"; // bytes 0x80–0x9F
  return Buffer.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const i = high.indexOf(ch);
    if (i < 0) throw new Error(`not in Windows-1252: ${ch}`);
    return 0x80 + i;
  }));
}
/** A spreadsheet save: chosen separator, CRLF, every column the export wrote. */
const save = (rows: CsvRow[], delimiter = ",") => stringify(rows, { header: true, columns: [...CSV_COLUMNS], delimiter, record_delimiter: "\r\n" });
const edit = (rows: CsvRow[], key: string, change: Partial<CsvRow>) => rows.map((r) => (r.key === key ? { ...r, ...change } : r));
const text = (outcome: ImportOutcome, lang: "es" | "qu" | "ay", key: string) => flattenKeys(outcome.resources[lang]).get(key);
const run = (bytes: Buffer, review = empty(), res = resources, reviewers = {}) =>
  importRows({ resources: res, review, rows: readTranslationCsv(bytes).rows, reviewers, limits: usage, today: "2026-12-07" });

describe("i18n:export", () => {
  it("writes per row where the text appears, its channel limits, its status in Spanish and a hash per language", () => {
    const row = exportRows(resources, empty(), usage).find((r) => r.key === "common:main.title")!;
    expect(row).toMatchObject({ namespace: "common", screens: "main", es: "MIDIS Orienta. Elija:", qu: "MIDIS Orienta. Akllay:", qu_status: "borrador", ay_status: "borrador", max_sms: "306", max_whatsapp: "1024" });
    for (const lang of ["es", "qu", "ay"] as const) {
      expect(Number(row[`${lang}_max_ussd`])).toBeGreaterThan(row[lang].length);
      expect(Number(row[`${lang}_max_ussd`])).toBeLessThan(182);
      expect(row[`${lang}_hash`]).toMatch(/^[0-9a-f]{12}$/);
    }
    expect(exportRows(resources, empty(), usage).find((r) => r.key === "common:main.help")!.max_whatsapp).toBe("72"); // an option: a list row
  });
});

describe("i18n:import of a reviewer's spreadsheet", () => {
  it("reads a Windows-1252 file with ';' (Excel in Peru) and changes only the edited cell, never a �", () => {
    const rows = edit(exportRows(resources, empty(), usage), "common:main.help", { qu: "Yanapakuy ñawpaqman", qu_status: "Revisado", qu_reviewer: "Ana Quispe" });
    const bytes = cp1252(save(rows, ";"));
    const csv = readTranslationCsv(bytes);
    expect(csv).toMatchObject({ encoding: "Windows-1252", separator: ";" });
    const out = run(bytes);
    expect(out.rejected).toEqual([]);
    expect(out.changes).toEqual([{ line: expect.any(Number), key: "common:main.help", lang: "qu", text: true, status: "reviewed", reviewer: "Ana Quispe" }]);
    expect(text(out, "qu", "common:main.help")).toBe("Yanapakuy ñawpaqman");
    expect(out.review.qu["common:main.help"]).toMatchObject({ source: "Ayuda", reviewer: "Ana Quispe" });
    // every other text of every language is exactly the repository's (ñ, á, ä, … intact)
    for (const lang of ["es", "qu", "ay"] as const)
      for (const [key, value] of flattenKeys(resources[lang])) if (!(lang === "qu" && key === "common:main.help")) expect(text(out, lang, key), `${lang} ${key}`).toBe(value);
  });

  it.each([
    ["UTF-8 with BOM", (s: string) => Buffer.from("\ufeff" + s, "utf8"), "UTF-8 con BOM"],
    ["UTF-8 without BOM", (s: string) => Buffer.from(s, "utf8"), "UTF-8"],
  ])("reads %s", (_label, encode, encoding) => {
    const rows = edit(exportRows(resources, empty(), usage), "common:main.help", { ay: "Yanapt'äwi" });
    const bytes = encode(save(rows));
    expect(readTranslationCsv(bytes).encoding).toBe(encoding);
    const out = run(bytes);
    expect(out.rejected).toEqual([]);
    expect(text(out, "ay", "common:main.help")).toBe("Yanapt'äwi");
  });

  it("refuses UTF-16 and a file mixing encodings, in Spanish, and a file that is not an export", () => {
    const csv = save(exportRows(resources, empty(), usage));
    expect(() => readTranslationCsv(Buffer.from("\ufeff" + csv, "utf16le"))).toThrow(CsvEncodingError);
    expect(() => readTranslationCsv(Buffer.concat([Buffer.from(csv, "utf8"), Buffer.from([0xf1, 0x0a])]))).toThrow(/no está en UTF-8 ni en Windows-1252/);
    expect(() => readTranslationCsv(Buffer.from("clave;texto\r\na;b\r\n"))).toThrow(TranslationCsvError);
    const old = Buffer.from("key,es,qu,qu_status,ay,ay_status\r\ncommon:nav.more,Más,Aswan,reviewed,Juk'ampi,draft\r\n");
    expect(run(old).rejected[0].reason).toMatch(/falta la columna es_hash/);
  });

  it("two reviewers' files from the same export, imported in either order, keep both reviewers' work", () => {
    const exported = exportRows(resources, empty(), usage);
    const fromAna = save(edit(exported, "common:main.help", { qu: "Yanapakuy", qu_status: "revisado", qu_reviewer: "Ana Quispe" }));
    const fromJuan = save(edit(exported, "common:main.help", { ay: "Yanapt'äwi", ay_status: "reviewed", ay_reviewer: "Juan Mamani" }));
    for (const [first, second] of [[fromAna, fromJuan], [fromJuan, fromAna]]) {
      const one = run(Buffer.from(first));
      const two = run(Buffer.from(second), one.review, one.resources);
      expect(two.rejected).toEqual([]);
      expect(text(two, "qu", "common:main.help")).toBe("Yanapakuy");
      expect(text(two, "ay", "common:main.help")).toBe("Yanapt'äwi");
      expect(two.review.qu["common:main.help"]?.reviewer).toBe("Ana Quispe");
      expect(two.review.ay["common:main.help"]?.reviewer).toBe("Juan Mamani");
      expect(two.keptNewer).toBe(1); // the other reviewer's row, left as exported, is not reverted
    }
  });

  it("refuses, listing the row, a cell both reviewers changed (the repository changed after the export)", () => {
    const exported = exportRows(resources, empty(), usage);
    const one = run(Buffer.from(save(edit(exported, "common:main.help", { qu: "Yanapakuy" }))));
    const line = exported.findIndex((r) => r.key === "common:main.help") + 2;
    const two = run(Buffer.from(save(edit(exported, "common:main.help", { qu: "Yanapay nisqa" }))), one.review, one.resources);
    expect(two.rejected).toEqual([{ line, key: "common:main.help", reason: expect.stringMatching(/^qu: el texto cambió en el repositorio después de exportar/) }]);
  });

  it.each([
    ["revisado", "reviewed"], ["Revisado", "reviewed"], ["REVISADO", "reviewed"], ["revisádo", "reviewed"], ["reviewed", "reviewed"], [" Reviewed ", "reviewed"],
    ["borrador", "draft"], ["Borrador", "draft"], ["draft", "draft"], ["DRAFT", "draft"],
  ])("reads the status word %j as %s", (word, status) => {
    expect(readStatus(word)).toBe(status);
    const out = run(Buffer.from(save(edit(exportRows(resources, empty(), usage), "common:main.help", { qu_status: word, qu_reviewer: "Ana Quispe" }))));
    expect(out.rejected).toEqual([]);
    expect(out.review.qu["common:main.help"] !== undefined).toBe(status === "reviewed");
  });

  it("a 'revisado' needs a reviewer: the reviewer column, or --lang qu --reviewer", () => {
    const rows = edit(exportRows(resources, empty(), usage), "common:main.help", { qu_status: "revisado" });
    expect(run(Buffer.from(save(rows))).rejected[0].reason).toMatch(/«revisado» sin revisor/);
    const out = run(Buffer.from(save(rows)), empty(), resources, { qu: "Rosa Huamán" });
    expect(out.review.qu["common:main.help"]).toMatchObject({ reviewer: "Rosa Huamán", at: "2026-12-07" });
  });

  it("normalizes ʼ and curly apostrophes to ' (GSM-7, the official alphabets' mark)", () => {
    const rows = edit(exportRows(resources, empty(), usage), "common:errors.option", { ay: "Janiw walikiti. Listat jakhu ch\u02bciqt\u2019am." });
    const out = run(Buffer.from(save(rows)));
    expect(out.rejected).toEqual([]);
    expect(out.changes).toHaveLength(1);
    expect(text(out, "ay", "common:errors.option")).toBe("Janiw walikiti. Listat jakhu ch'iqt'am.");
    expect(out.apostrophes).toBe(2);
  });

  it.each([
    { label: "an unknown status word", change: { qu_status: "listo" }, reason: /qu: estado «listo» desconocido; use revisado o borrador/ },
    { label: "a text too long for its USSD screen", key: "common:main.help", change: { qu: "Yanapay ".repeat(30).trim() }, reason: /qu: tiene \d+ caracteres y en su pantalla USSD \(.*main.*\) caben \d+; acórtelo/ },
    { label: "a broken placeholder", change: { ay: "Janiw walikiti {{maxx}}" }, reason: /ay: los marcadores no coinciden con el español \(ninguno\)/ },
    { label: "an empty text", change: { ay: "  " }, reason: /ay: el texto está vacío/ },
    { label: "a lost character", change: { qu: "Mana allinchu \ufffd" }, reason: /qu: contiene «\ufffd»/ },
    { label: "an unknown key", change: { key: "common:nope" }, reason: /clave desconocida/ },
  ] as { label: string; key?: string; change: Partial<CsvRow>; reason: RegExp }[])("refuses $label, naming the row, and changes nothing", ({ key = "common:errors.option", change, reason }) => {
    const exported = exportRows(resources, empty(), usage);
    const line = exported.findIndex((r) => r.key === key) + 2;
    const out = run(Buffer.from(save(edit(exported, key, change))));
    expect(out.rejected).toEqual([{ line, key: change.key ?? key, reason: expect.stringMatching(reason) }]);
    expect(out.changes).toEqual([]);
  });

  it("the CLIs: export, a Windows-1252 ';' file back in, only the changed file rewritten, a Spanish summary; a bad file writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "locales-"));
    cpSync("locales", dir, { recursive: true });
    const snapshot = () => Object.fromEntries(["es", "qu", "ay"].flatMap((l) => readdirSync(join(dir, l)).map((f) => [`${l}/${f}`, readFileSync(join(dir, l, f), "utf8")])));
    const before = snapshot();
    const csv = join(dir, "out.csv");
    execFileSync("npx", ["tsx", "src/cli/i18n-export.ts", csv, "--dir", dir], { stdio: "pipe" });
    const rows = readTranslationCsv(readFileSync(csv)).rows as CsvRow[];
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);

    const tooLong = edit(rows, "common:main.help", { qu: "Yanapay ".repeat(30).trim() });
    writeFileSync(csv, cp1252(save(tooLong, ";")));
    const refused = spawnSync("npx", ["tsx", "src/cli/i18n-import.ts", csv, "--dir", dir], { encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/fila \d+ \(common:main\.help\): qu: tiene \d+ caracteres/);
    expect(refused.stderr).toMatch(/1 filas rechazadas; no se escribió nada/);
    expect(snapshot()).toEqual(before);

    writeFileSync(csv, cp1252(save(edit(rows, "common:main.help", { ay: "Yanapt'äwi", ay_status: "Revisado" }), ";")));
    const done = execFileSync("npx", ["tsx", "src/cli/i18n-import.ts", csv, "--dir", dir, "--lang", "ay", "--reviewer", "Juan Mamani"], { encoding: "utf8" });
    expect(done).toMatch(/Windows-1252, convertido a UTF-8; separador «;»/);
    expect(done).toMatch(/1 textos cambiados: ay 1 \(Juan Mamani\)/);
    const after = snapshot();
    const changedFiles = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changedFiles).toEqual(["ay/common.json"]);
    // only the one value changed in that file: same lines otherwise
    const diff = after["ay/common.json"].split("\n").filter((l, i) => l !== before["ay/common.json"].split("\n")[i]);
    expect(diff).toEqual([`    "help": "Yanapt'äwi"`]);
    expect(JSON.parse(readFileSync(join(dir, "review-status.json"), "utf8")).ay["common:main.help"]).toMatchObject({ reviewer: "Juan Mamani" });
  }, 180_000); // three tsx processes, each walking every screen: seconds on a quiet machine, more on a loaded one
});
