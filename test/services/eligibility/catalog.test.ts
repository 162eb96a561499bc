import { describe, expect, it } from "vitest";
import rawCatalog from "../../../db/catalog/programs.json";
import rawFocalization from "../../../db/catalog/focalization.json";
import { loadCatalog, parseCatalog } from "../../../src/services/programs/catalog";
import { parseFocalization } from "../../../src/services/eligibility/focalization";
import { eligibilityKeysOf } from "../../../src/services/eligibility/catalog-keys";
import { createTranslator } from "../../../src/i18n/translator";
import { LANGS } from "../../../src/i18n/langs";
import { createDistrictDirectory } from "../../../src/services/districts/directory";

/** The shipped catalog with one change made by `edit`, as a policy officer's typo would be. */
function edited(edit: (doc: any) => void) {
  const doc = structuredClone(rawCatalog) as any;
  edit(doc);
  return doc;
}
const pension65 = (doc: any) => doc.programs.find((p: any) => p.id === "pension65");

describe("the rules are data, and inconsistent data is refused", () => {
  it("the shipped catalog loads, every rule has a source and a date", () => {
    const catalog = loadCatalog();
    for (const p of catalog.programs) for (const r of p.eligibility.rules) {
      expect(r.source.length, `${p.id}.${r.id}`).toBeGreaterThan(5);
      expect(r.asOf, `${p.id}.${r.id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("a policy officer changes the Pensión 65 age limit by editing data", async () => {
    const { evaluateEligibility } = await import("../../../src/services/eligibility/evaluate");
    const catalog = parseCatalog(edited((doc) => (pension65(doc).eligibility.rules.find((r: any) => r.id === "age").test.gte = 60)));
    const at62 = evaluateEligibility(catalog, parseFocalization(rawFocalization), { age: 62, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false });
    expect(at62.find((r) => r.program === "pension65")?.outcome).toBe("likely");
  });

  const broken: { label: string; edit: (doc: any) => void; message: RegExp }[] = [
    { label: "unknown answer field", edit: (doc) => (pension65(doc).eligibility.rules[0].test = { field: "edad", gte: 65 }), message: /unknown answer field/ },
    { label: "impossible range (age ≥ 200)", edit: (doc) => (pension65(doc).eligibility.rules[0].test = { field: "age", gte: 200 }), message: /impossible range/ },
    {
      label: "impossible range (age ≥ 65 and < 60)",
      edit: (doc) => (pension65(doc).eligibility.rules[0].test = { all: [{ field: "age", gte: 65 }, { field: "age", lt: 60 }] }),
      message: /impossible range/,
    },
    { label: "a yes/no field compared with a number", edit: (doc) => (pension65(doc).eligibility.rules[0].test = { field: "essalud", eq: 1 }), message: /yes\/no/ },
    { label: "a CSE value that does not exist", edit: (doc) => (pension65(doc).eligibility.rules[0].test = { field: "cse", in: ["rico"] }), message: /one of/ },
    { label: "a rule without a source", edit: (doc) => delete pension65(doc).eligibility.rules[0].source, message: /source/ },
    { label: "a rule without asOf", edit: (doc) => (pension65(doc).eligibility.rules[0].asOf = "2026"), message: /asOf/ },
    { label: "a district rule in a program without a list", edit: (doc) => (pension65(doc).eligibility.rules[0].test = { field: "focalized", eq: true }), message: /focalized/ },
    { label: "two operators in one comparison", edit: (doc) => (pension65(doc).eligibility.rules[0].test = { field: "age", gte: 65, lte: 80 }), message: /exactly one/ },
  ];
  it.each(broken)("refuses: $label", ({ edit, message }) => {
    expect(() => parseCatalog(edited(edit))).toThrow(message);
  });

  it("every text the rules can show exists in es, qu and ay", () => {
    const i18n = createTranslator();
    const missing = eligibilityKeysOf(loadCatalog()).flatMap((key) => LANGS.filter((l) => !i18n.has(l, key)).map((l) => `${l}:${key}`));
    expect(missing).toEqual([]);
  });

  it("a rule whose reason has no translation is caught", () => {
    const i18n = createTranslator();
    const catalog = parseCatalog(edited((doc) => (pension65(doc).eligibility.rules[0].reason = "nueva_regla")));
    const missing = eligibilityKeysOf(catalog).filter((key) => !i18n.has("qu", key));
    expect(missing).toContain("eligibility:reasons.nueva_regla.fail");
  });
});

describe("focalised districts", () => {
  it("every focalised program has a list, every code is a real district, and the demo lists say so", () => {
    const directory = createDistrictDirectory();
    const focalization = parseFocalization(rawFocalization);
    for (const program of loadCatalog().programs.filter((p) => p.eligibility.focalized)) {
      const list = focalization.list(program.id);
      expect(list, program.id).toBeDefined();
      expect(list!.ubigeos.filter((u) => !directory.get(u)), program.id).toEqual([]);
      if (list!.demo) expect(list!.source).toMatch(/DEMO/);
    }
  });

  it("refuses a malformed ubigeo", () => {
    expect(() => parseFocalization({ programs: { juntos: { demo: false, source: "test list", asOf: "2026-01-01", ubigeos: ["12345"] } } })).toThrow(/ubigeo/);
  });
});
