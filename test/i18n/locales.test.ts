import { describe, expect, it } from "vitest";
import { resources } from "../../src/i18n/resources";
import { LANGS } from "../../src/i18n/langs";
import { flattenKeys } from "../../src/i18n/flatten";

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|\$t\(([^)]+)\)/g)].map((m) => m[0]).sort();

describe("locales", () => {
  const es = flattenKeys(resources.es);
  it.each(["qu", "ay"] as const)("%s has every Spanish key and no extra ones", (lang) => {
    const other = flattenKeys(resources[lang]);
    expect([...es.keys()].filter((k) => !other.has(k)), "missing").toEqual([]);
    expect([...other.keys()].filter((k) => !es.has(k)), "extra").toEqual([]);
  });

  it.each(["qu", "ay"] as const)("%s uses the same {{placeholders}} as Spanish", (lang) => {
    const other = flattenKeys(resources[lang]);
    for (const [key, text] of es) expect(placeholders(other.get(key) ?? ""), key).toEqual(placeholders(text));
  });

  it.each(LANGS)("%s has no empty strings and no curly apostrophes (outside GSM-7)", (lang) => {
    for (const [key, text] of flattenKeys(resources[lang])) {
      expect(text.trim(), key).not.toBe("");
      expect(text, key).not.toMatch(/[’‘]/);
    }
  });

  it("never says beneficiario", () => {
    for (const lang of LANGS) for (const [key, text] of flattenKeys(resources[lang])) expect(text, key).not.toMatch(/beneficiari/i);
  });
});
