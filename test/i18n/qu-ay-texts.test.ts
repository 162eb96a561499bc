import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resources } from "../../src/i18n/resources";
import { flattenKeys } from "../../src/i18n/flatten";
import { checkGlossary, notRunningText, type Glossary } from "../../src/i18n/glossary";
import { lintText, tooLong } from "../../src/i18n/lint";
import { TRANSLATED } from "../../src/i18n/review";

const glossary = JSON.parse(readFileSync("locales/glossary.json", "utf8")) as Glossary;
const es = flattenKeys(resources.es);

describe("the lint over Quechua and Aymara texts", () => {
  it.each([
    ["a decoding error", "Mana allinchu \ufffd", /wrong encoding/],
    ["U+02BC", "ch\u02bciqt\u02bcam", /curly apostrophe/],
    ["a curly apostrophe", "ñit\u2019iy", /curly apostrophe/],
    ["an accent inside a qu word", "Watáykimanta", /Spanish accent/],
    ["a Spanish verb with qu suffixes", "Distritoykimanta dependen", /Spanish verb/],
    ["a Spanish verb inside ay", "Utamat dependi", /Spanish verb/],
    ["an untranslated Spanish sentence", "Llame a la Línea 101", /Spanish verb/],
  ])("catches %s", (_label, text, expected) => {
    expect(lintText("common:x", text).map((p) => p.problem).join("\n")).toMatch(expected);
  });

  it.each([["a Spanish name with suffixes", "Banco de la Naciónpi, Línea 101man, Pensión 65ta"], ["Aymara long vowels", "Jan DNInïsax, jaysäwi, yatïta"]])("accepts %s", (_label, text) => {
    expect(lintText("common:x", text)).toEqual([]);
  });

  it.each(TRANSLATED)("finds nothing in %s", (lang) => {
    const problems = [...flattenKeys(resources[lang])].flatMap(([key, text]) => lintText(key, text));
    expect(problems).toEqual([]);
  });

  it("lists the texts more than 1.5 times longer than their Spanish (a warning, not a failure)", () => {
    const long = TRANSLATED.flatMap((lang) => [...flattenKeys(resources[lang])].filter(([key, text]) => !notRunningText(key) && tooLong(text, es.get(key)!)).map(([key, text]) => `${lang} ${key}: ${text.length} vs es ${es.get(key)!.length}`));
    if (long.length) console.warn(`qu/ay texts > 1.5× their Spanish (${long.length}):\n  ${long.join("\n  ")}`);
    expect(long.length).toBeLessThan(es.size); // the list is informative; this only proves it ran
  });
});

describe("the glossary (locales/glossary.json)", () => {
  it("flags another rendering of a term, and a Spanish term left out", () => {
    expect(checkGlossary(glossary, "qu", "common:x", "Mana qullqiyuq: Línea 101.", "Gratis: Línea 101.").map((p) => p.term)).toEqual(["gratis", "gratis"]);
    expect(checkGlossary(glossary, "ay", "common:x", "¿Mä wawataki jan ukax achachilataki qullqa jan walt'awix utjiti?", "¿Hay riesgo para la salud de un niño o adulto mayor?").map((p) => p.term).sort()).toEqual(["adulto_mayor", "adulto_mayor", "salud", "salud"]);
    expect(checkGlossary(glossary, "ay", "lookup:x", "pisin jakiri (pobre)", "pobre")).toEqual([]);
  });

  it("every term has both renderings and a note", () => {
    for (const term of glossary.terms) {
      expect(term.qu.length && term.ay.length && term.note, term.id).toBeTruthy();
      expect(() => new RegExp(term.esMatch, "iu"), term.id).not.toThrow();
    }
  });

  it.each(TRANSLATED)("every %s text uses the glossary's renderings", (lang) => {
    const problems = [...flattenKeys(resources[lang])].flatMap(([key, text]) => checkGlossary(glossary, lang, key, text, es.get(key)!));
    expect(problems.map((p) => `${p.key}: ${p.problem}`)).toEqual([]);
  });
});
