import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../src/services/programs/catalog";
import { parseFocalization } from "../../../src/services/eligibility/focalization";
import { nextQuestion } from "../../../src/services/eligibility/questions";
import type { Answers, FieldName } from "../../../src/services/eligibility/fields";

const catalog = loadCatalog();
const focalization = parseFocalization({ programs: { juntos: { demo: false, source: "fixture", asOf: "2026-11-01", ubigeos: ["030601"] }, cunamas: { demo: false, source: "fixture", asOf: "2026-11-01", ubigeos: ["030601"] }, hakuwinay: { demo: false, source: "fixture", asOf: "2026-11-01", ubigeos: ["030601"] } } });

/** Answers questions from a script, as a person would, and returns what was asked. */
function interview(script: Partial<Record<FieldName, unknown>>): FieldName[] {
  const answers: Answers = { household: {} };
  const asked: FieldName[] = [];
  for (let i = 0; i < 20; i++) {
    const field = nextQuestion(catalog, focalization, answers, asked);
    if (!field) break;
    asked.push(field);
    const value = script[field];
    if (value === undefined) continue; // "No sé"
    if (field === "focalized") answers.ubigeo = String(value);
    else if (field.startsWith("household.")) (answers.household as any)[field.slice(10)] = value;
    else (answers as any)[field] = value;
  }
  return asked;
}

describe("only questions that can still change an outcome", () => {
  it("a person of 30 with no children, no disability, not pregnant, not poor answers few questions", () => {
    const asked = interview({ age: 30, severeDisability: false, "household.pregnant": false, "household.childrenUnder19": 0, cse: "no_pobre" });
    expect(asked).toEqual(["age", "severeDisability", "household.pregnant", "household.childrenUnder19", "cse"]);
  });

  it("nobody under 60 is asked about pensions or EsSalud for Pensión 65's sake", () => {
    const asked = interview({ age: 45, severeDisability: false, "household.pregnant": false, "household.childrenUnder19": 2, "household.childrenUnder3": 0, "household.childrenInPublicSchool": 1, hasDni: true, cse: "pobre", focalized: "030601" });
    expect(asked).not.toContain("contributoryPension");
    expect(asked).not.toContain("essalud");
    expect(asked).toContain("focalized");
  });

  it("once the household has no one under 19, no child questions", () => {
    const asked = interview({ age: 70, severeDisability: false, "household.pregnant": false, "household.childrenUnder19": 0, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, focalized: "030601" });
    expect(asked).not.toContain("household.childrenUnder3");
    expect(asked).not.toContain("household.childrenInPublicSchool");
    expect(asked).toContain("essalud");
  });

  it("without a DNI and a CSE the person is still asked what decides the rest", () => {
    const asked = interview({ age: 70, severeDisability: false, "household.pregnant": false, "household.childrenUnder19": 0, hasDni: false });
    expect(asked).toContain("cse");
  });

  it("a pregnant woman is not asked how many children under 3 for Cuna Más once that is settled", () => {
    const asked = interview({ age: 25, severeDisability: false, "household.pregnant": true, "household.childrenUnder19": 1, "household.childrenInPublicSchool": 0, hasDni: true, cse: "pobre", focalized: "030601" });
    expect(asked).not.toContain("household.childrenUnder3");
  });
});
