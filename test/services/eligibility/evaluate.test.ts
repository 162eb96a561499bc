import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../src/services/programs/catalog";
import { parseFocalization } from "../../../src/services/eligibility/focalization";
import { evaluateEligibility } from "../../../src/services/eligibility/evaluate";
import type { Answers } from "../../../src/services/eligibility/fields";
import { householdFromAges } from "../../../src/services/eligibility/household";

const catalog = loadCatalog();
// a fixture list, so the cases do not depend on the demo data
const IN = "030601"; // a focalised district
const OUT = "150101"; // Lima, not focalised
const focalization = parseFocalization({
  programs: Object.fromEntries(
    ["juntos", "cunamas", "hakuwinay"].map((p) => [p, { demo: false, source: "test fixture", asOf: "2026-11-01", ubigeos: [IN] }]),
  ),
});
const outcomes = (answers: Answers) => Object.fromEntries(evaluateEligibility(catalog, focalization, answers).map((r) => [r.program, r.outcome]));
const result = (answers: Answers, program: string) => evaluateEligibility(catalog, focalization, answers).find((r) => r.program === program)!;

const poorOld: Answers = { age: 70, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false };
const juntosHome: Answers = { age: 30, hasDni: true, cse: "pobre", ubigeo: IN, household: { pregnant: false, childrenUnder19: 2, childrenUnder3: 0, childrenInPublicSchool: 1 } };
const contigoPerson: Answers = { age: 40, hasDni: true, cse: "pobre", severeDisability: true, contributoryPension: false };

describe("Pensión 65", () => {
  const cases: { label: string; answers: Answers; outcome: string }[] = [
    { label: "70, extreme poverty, no pension, no EsSalud", answers: poorOld, outcome: "likely" },
    { label: "boundary: 65 is in", answers: { ...poorOld, age: 65 }, outcome: "likely" },
    { label: "boundary: 64 is out", answers: { ...poorOld, age: 64 }, outcome: "unlikely" },
    { label: "classified pobre (not extreme)", answers: { ...poorOld, cse: "pobre" }, outcome: "unlikely" },
    { label: "no_pobre", answers: { ...poorOld, cse: "no_pobre" }, outcome: "unlikely" },
    { label: "receives an ONP/AFP pension", answers: { ...poorOld, contributoryPension: true }, outcome: "unlikely" },
    { label: "has EsSalud", answers: { ...poorOld, essalud: true }, outcome: "unlikely" },
    { label: "no DNI", answers: { ...poorOld, hasDni: false }, outcome: "needs_dni" },
    { label: "not classified", answers: { ...poorOld, cse: "sin_clasificacion" }, outcome: "needs_classification" },
    { label: "does not know the CSE", answers: { ...poorOld, cse: "no_sabe" }, outcome: "needs_classification" },
    { label: "CSE not given at all", answers: { ...poorOld, cse: undefined }, outcome: "needs_classification" },
    { label: "pension unknown: still likely, says it depends", answers: { ...poorOld, contributoryPension: undefined }, outcome: "likely" },
    { label: "contradiction: no DNI yet classified → DNI first", answers: { ...poorOld, hasDni: false, cse: "pobre_extremo" }, outcome: "needs_dni" },
    { label: "too young outweighs no DNI", answers: { ...poorOld, age: 40, hasDni: false }, outcome: "unlikely" },
    { label: "nothing known", answers: {}, outcome: "needs_classification" },
  ];
  it.each(cases)("$label → $outcome", ({ answers, outcome }) => expect(outcomes(answers).pension65).toBe(outcome));

  it("gives the reasons that decided, with the limit from the data, and RENIEC as next step", () => {
    const young = result({ ...poorOld, age: 64 }, "pension65");
    expect(young.reasons[0]).toEqual({ code: "age.fail", key: "eligibility:reasons.age_min.fail", params: { program: "pension65", n: 65 } });
    const noDni = result({ ...poorOld, hasDni: false }, "pension65");
    expect(noDni.nextSteps.map((s) => s.code)).toEqual(["reniec", "linea101"]);
    const unknownPension = result({ ...poorOld, contributoryPension: undefined }, "pension65");
    expect(unknownPension.reasons.map((r) => r.code)).toContain("pension.unknown");
  });

  it("carries the benefit with the date it is valid from", () => {
    expect(result(poorOld, "pension65").benefit).toMatchObject({ amount: 350, currency: "PEN", frequency: "bimonthly", asOf: "2025-05-01" });
  });
});

describe("Juntos", () => {
  const cases: { label: string; answers: Answers; outcome: string }[] = [
    { label: "poor household with children in a focalised district", answers: juntosHome, outcome: "likely" },
    { label: "extreme poverty also counts", answers: { ...juntosHome, cse: "pobre_extremo" }, outcome: "likely" },
    { label: "a pregnant woman and no children", answers: { ...juntosHome, household: { pregnant: true, childrenUnder19: 0 } }, outcome: "likely" },
    { label: "no pregnancy, no one under 19", answers: { ...juntosHome, household: { pregnant: false, childrenUnder19: 0 } }, outcome: "unlikely" },
    { label: "not focalised district", answers: { ...juntosHome, ubigeo: OUT }, outcome: "unlikely" },
    { label: "no district given: depends on it", answers: { ...juntosHome, ubigeo: undefined }, outcome: "likely" },
    { label: "no_pobre", answers: { ...juntosHome, cse: "no_pobre" }, outcome: "unlikely" },
    { label: "not classified", answers: { ...juntosHome, cse: "sin_clasificacion" }, outcome: "needs_classification" },
    { label: "no DNI", answers: { ...juntosHome, hasDni: false }, outcome: "needs_dni" },
    { label: "pregnancy unknown and children unknown", answers: { ...juntosHome, household: {} }, outcome: "likely" },
  ];
  it.each(cases)("$label → $outcome", ({ answers, outcome }) => expect(outcomes(answers).juntos).toBe(outcome));

  it("without a district the result says it depends on the district and how to confirm", () => {
    const r = result({ ...juntosHome, ubigeo: undefined }, "juntos");
    expect(r.reasons.map((x) => x.code)).toContain("district.unknown");
    expect(r.nextSteps.map((x) => x.code)).toContain("confirm_district");
  });

  it("boundaries 18/19 years: a member of 18 counts, one of 19 does not", () => {
    const defs = catalog.definitions;
    const with18 = { ...juntosHome, household: { pregnant: false, ...householdFromAges([{ years: 18 }], defs) } };
    const with19 = { ...juntosHome, household: { pregnant: false, ...householdFromAges([{ years: 19 }], defs) } };
    expect(outcomes(with18).juntos).toBe("likely");
    expect(outcomes(with19).juntos).toBe("unlikely");
  });

  it("says when the district list is only a demo", () => {
    const demo = parseFocalization({ programs: { juntos: { demo: true, source: "demo list", asOf: "2026-11-23", ubigeos: [IN] } } });
    const r = evaluateEligibility(catalog, demo, juntosHome).find((x) => x.program === "juntos")!;
    expect(r.reasons.map((x) => x.code)).toContain("district_list.demo");
  });
});

describe("Contigo", () => {
  const cases: { label: string; answers: Answers; outcome: string }[] = [
    { label: "40, certificate, poor, no pension", answers: contigoPerson, outcome: "likely" },
    { label: "boundary: 64 is in", answers: { ...contigoPerson, age: 64 }, outcome: "likely" },
    { label: "boundary: 65 is out (Pensión 65 instead)", answers: { ...contigoPerson, age: 65 }, outcome: "unlikely" },
    { label: "no certificate", answers: { ...contigoPerson, severeDisability: false }, outcome: "unlikely" },
    { label: "certificate unknown: depends", answers: { ...contigoPerson, severeDisability: undefined }, outcome: "likely" },
    { label: "has a pension or fixed income", answers: { ...contigoPerson, contributoryPension: true }, outcome: "unlikely" },
    { label: "no_pobre", answers: { ...contigoPerson, cse: "no_pobre" }, outcome: "unlikely" },
    { label: "does not know the CSE", answers: { ...contigoPerson, cse: "no_sabe" }, outcome: "needs_classification" },
    { label: "no DNI", answers: { ...contigoPerson, hasDni: false }, outcome: "needs_dni" },
  ];
  it.each(cases)("$label → $outcome", ({ answers, outcome }) => expect(outcomes(answers).contigo).toBe(outcome));

  it("points to OMAPED for the certificate when it is missing", () => {
    expect(result({ ...contigoPerson, severeDisability: false }, "contigo").nextSteps.map((s) => s.code)).toContain("omaped_certificate");
  });
});

describe("Cuna Más", () => {
  const base: Answers = { age: 25, hasDni: true, ubigeo: IN, household: { pregnant: false, childrenUnder19: 1, childrenUnder3: 1 } };
  const cases: { label: string; answers: Answers; outcome: string }[] = [
    { label: "a child under 3 in a district it serves", answers: base, outcome: "likely" },
    { label: "pregnant, no children", answers: { ...base, household: { pregnant: true, childrenUnder19: 0 } }, outcome: "likely" },
    { label: "children, none under 3, not pregnant", answers: { ...base, household: { pregnant: false, childrenUnder19: 2, childrenUnder3: 0 } }, outcome: "unlikely" },
    { label: "district not served", answers: { ...base, ubigeo: OUT }, outcome: "unlikely" },
    { label: "no DNI", answers: { ...base, hasDni: false }, outcome: "needs_dni" },
    { label: "no CSE needed", answers: { ...base, cse: "sin_clasificacion" }, outcome: "likely" },
  ];
  it.each(cases)("$label → $outcome", ({ answers, outcome }) => expect(outcomes(answers).cunamas).toBe(outcome));

  it("boundaries 35/36 months: a child of 35 months counts, one of 36 does not", () => {
    const defs = catalog.definitions;
    const at = (months: number) => ({ ...base, household: { pregnant: false, ...householdFromAges([{ months }], defs) } });
    expect(outcomes(at(35)).cunamas).toBe("likely");
    expect(outcomes(at(36)).cunamas).toBe("unlikely");
  });
});

describe("school meals (PAE)", () => {
  it.each([
    { label: "a child in a public school", household: { childrenUnder19: 1, childrenInPublicSchool: 1 }, outcome: "likely" },
    { label: "children, none in a public school", household: { childrenUnder19: 2, childrenInPublicSchool: 0 }, outcome: "unlikely" },
    { label: "no one under 19 (so no school child)", household: { childrenUnder19: 0 }, outcome: "unlikely" },
    { label: "unknown: depends", household: {}, outcome: "likely" },
  ])("$label → $outcome (no DNI or CSE needed)", ({ household, outcome }) => {
    expect(outcomes({ hasDni: false, cse: "no_sabe", household }).pae).toBe(outcome);
  });
});

describe("Haku Wiñay", () => {
  it.each([
    { label: "extreme poverty in a focalised district", answers: { cse: "pobre_extremo", ubigeo: IN }, outcome: "likely" },
    { label: "poor (not extreme)", answers: { cse: "pobre", ubigeo: IN }, outcome: "unlikely" },
    { label: "district not focalised", answers: { cse: "pobre_extremo", ubigeo: OUT }, outcome: "unlikely" },
    { label: "not classified", answers: { cse: "sin_clasificacion", ubigeo: IN }, outcome: "needs_classification" },
    { label: "no DNI does not matter (by territory)", answers: { cse: "pobre_extremo", ubigeo: IN, hasDni: false }, outcome: "likely" },
  ] as { label: string; answers: Answers; outcome: string }[])("$label → $outcome", ({ answers, outcome }) => {
    expect(outcomes(answers).hakuwinay).toBe(outcome);
  });

  it("marks the uncertain criterion so the person is told to confirm", () => {
    expect(result({ cse: "pobre_extremo", ubigeo: IN }, "hakuwinay").reasons.map((r) => r.code)).toContain("criteria.uncertain");
  });
});
