import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { exportRows, importRows, type CsvRow } from "../../src/i18n/review";
import { resources } from "../../src/i18n/resources";

const empty = () => ({ qu: {}, ay: {} });

describe("translator round trip", () => {
  it("exports every key with Quechua and Aymara marked draft until reviewed", () => {
    const rows = exportRows(resources, empty());
    const row = rows.find((r) => r.key === "common:main.title")!;
    expect(row).toMatchObject({ es: "MIDIS Orienta. Elija:", qu: "MIDIS Orienta. Akllay:", qu_status: "draft", ay_status: "draft" });
  });

  it("imports an edited row and marks it reviewed; a later Spanish change makes it a draft again", () => {
    const rows = exportRows(resources, empty());
    const edited = rows.map((r) => (r.key === "common:main.help" ? { ...r, qu: "Yanapakuy", qu_status: "reviewed" } : r));
    const result = importRows(resources, empty(), edited, "native reviewer");
    expect(result.rejected).toEqual([]);
    expect((result.resources.qu.common as { main: { help: string } }).main.help).toBe("Yanapakuy");
    const again = exportRows(result.resources, result.review).find((r) => r.key === "common:main.help")!;
    expect(again.qu_status).toBe("reviewed");
    const spanishChanged = structuredClone(result.resources);
    (spanishChanged.es.common as { main: { help: string } }).main.help = "Ayuda y contacto";
    expect(exportRows(spanishChanged, result.review).find((r) => r.key === "common:main.help")!.qu_status).toBe("draft");
  });

  it.each([
    { label: "unknown key", edit: (r: CsvRow) => ({ ...r, key: "common:nope" }), reason: "unknown key" },
    { label: "empty translation", edit: (r: CsvRow) => ({ ...r, ay: " " }), reason: "ay is empty" },
    { label: "lost placeholder", edit: (r: CsvRow) => ({ ...r, qu: "Ancha unaymi" }), reason: "qu placeholders differ from es" },
    { label: "curly apostrophe", edit: (r: CsvRow) => ({ ...r, ay: "Sinti jach’awa: {{max}}" }), reason: "ay uses a curly apostrophe; use '" },
  ])("refuses a row with $label, naming its line", ({ edit, reason }) => {
    const rows = exportRows(resources, empty());
    const index = rows.findIndex((r) => r.key === "common:errors.too_long");
    rows[index] = edit(rows[index]);
    const result = importRows(resources, empty(), rows);
    expect(result.rejected).toEqual([{ line: index + 2, key: rows[index].key, reason }]);
  });

  it("the CLIs write a spreadsheet-friendly CSV and read it back into the locale files", () => {
    const dir = mkdtempSync(join(tmpdir(), "locales-"));
    cpSync("locales", dir, { recursive: true });
    const csv = join(dir, "out.csv");
    execFileSync("npx", ["tsx", "src/cli/i18n-export.ts", csv, "--dir", dir], { stdio: "pipe" });
    const text = readFileSync(csv, "utf8");
    expect(text.startsWith("\ufeffkey,es,qu,qu_status,ay,ay_status")).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as CsvRow[];
    const i = rows.findIndex((r) => r.key === "common:nav.more");
    rows[i] = { ...rows[i], ay: "Juk'ampi uñjaña", ay_status: "reviewed" };
    const header = "key,es,qu,qu_status,ay,ay_status\r\n"; // as a spreadsheet saves it
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(csv, header + rows.map((r) => [r.key, r.es, r.qu, r.qu_status, r.ay, r.ay_status].map(quote).join(",")).join("\r\n"));
    execFileSync("npx", ["tsx", "src/cli/i18n-import.ts", csv, "--dir", dir, "--reviewer", "test"], { stdio: "pipe" });
    expect(JSON.parse(readFileSync(join(dir, "ay", "common.json"), "utf8")).nav.more).toBe("Juk'ampi uñjaña");
    expect(JSON.parse(readFileSync(join(dir, "review-status.json"), "utf8")).ay["common:nav.more"]).toMatchObject({ reviewer: "test" });
  }, 90_000); // two tsx processes: seconds on a quiet machine, more on a loaded one
});
