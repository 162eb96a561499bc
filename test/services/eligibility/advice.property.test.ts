import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadCatalog } from "../../../src/services/programs/catalog";
import { parseFocalization } from "../../../src/services/eligibility/focalization";
import { evaluateEligibility } from "../../../src/services/eligibility/evaluate";
import { CSE_VALUES, normalizeAnswers, type Answers } from "../../../src/services/eligibility/fields";
import esEligibility from "../../../locales/es/eligibility.json";

/**
 * The advice property: over generated answer sets, no program's next steps take for granted
 * what the person said is not so, nor ask for what they said they have. The table below is
 * written from what each step's Spanish text says, independently of the catalog's `assumes`
 * data, so a wrong assumption in the data (or a step added without one here) fails.
 */
const catalog = loadCatalog();
const IN = "030601";
const OUT = "150101";
const focalization = parseFocalization({
  programs: Object.fromEntries(["juntos", "cunamas", "hakuwinay"].map((p) => [p, { demo: false, source: "test fixture", asOf: "2026-11-01", ubigeos: [IN] }])),
});

const classified = (a: Answers) => a.cse === "pobre_extremo" || a.cse === "pobre" || a.cse === "no_pobre";
const h = (a: Answers) => a.household ?? {};

/** step → why showing it to a person with these (normalized) answers would contradict them; null when fine */
const CONTRADICTS: Record<string, (a: Answers) => string | null> = {
  // "Saque su DNI…"
  reniec: (a) => (a.hasDni === true ? "sends someone with a DNI to get one" : null),
  // "Pida su clasificación SISFOH… Lleve su DNI…"
  ule: (a) => (classified(a) ? "asks for a classification the household has" : a.hasDni === false ? "tells someone without a DNI to bring it" : null),
  // "Primero saque su DNI…; con su DNI pida la clasificación SISFOH"
  reniec_then_ule: (a) => (a.hasDni === true ? "sends someone with a DNI to get one" : classified(a) ? "asks for a classification the household has" : null),
  // "Con su DNI, vaya a la ULE…"
  ule_sworn: (a) => (a.hasDni === false ? "tells someone without a DNI to bring it" : null),
  // "Vaya a la oficina… con su DNI."
  program_office: (a) => (a.hasDni === false ? "tells someone without a DNI to bring it" : null),
  // "Pida su certificado de discapacidad…"
  omaped_certificate: (a) => (a.severeDisability === true ? "asks for a certificate the person has" : null),
  // "Vaya a la OMAPED… con su certificado y DNI"
  omaped_apply: (a) => (a.severeDisability === false ? "assumes a certificate the person lacks" : a.hasDni === false ? "tells someone without a DNI to bring it" : null),
  // "Pregunte por un cupo en el local de Cuna Más…"
  cunamas_centre: (a) => (h(a).pregnant === false && h(a).childrenUnder3 === 0 ? "a place for a child nobody has" : null),
  // "Matricule a sus hijos…"
  school_enrol: (a) =>
    h(a).childrenUnder19 === 0 ? "enrol children the person does not have" : (h(a).childrenInPublicSchool ?? 0) >= 1 ? "enrol children already in school" : null,
  // "…el colegio público recibe los alimentos. Pregunte al director."
  school_cae: (a) => (h(a).childrenInPublicSchool === 0 ? "talks of a school nobody attends" : null),
  municipality_foncodes: () => null,
  confirm_district: () => null,
  linea101: () => null,
};

/** steps that tell how to join: only for a program the person likely can receive */
const ENROLMENT = new Set(["program_office", "ule_sworn", "omaped_apply", "cunamas_centre", "school_cae", "municipality_foncodes"]);

const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    age: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(2, 18, 19, 64, 65, 66)),
    hasDni: fc.boolean(),
    cse: fc.constantFrom(...CSE_VALUES),
    contributoryPension: fc.boolean(),
    essalud: fc.boolean(),
    severeDisability: fc.boolean(),
    ubigeo: fc.constantFrom(IN, OUT),
    household: fc.record(
      {
        pregnant: fc.boolean(),
        childrenUnder19: fc.integer({ min: 0, max: 3 }),
        childrenUnder3: fc.integer({ min: 0, max: 3 }),
        childrenInPublicSchool: fc.integer({ min: 0, max: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
).map((a) => {
  // the conversation never counts more young children or pupils than children under 19
  const hh = a.household;
  if (hh?.childrenUnder19 !== undefined) {
    if (hh.childrenUnder3 !== undefined) hh.childrenUnder3 = Math.min(hh.childrenUnder3, hh.childrenUnder19);
    if (hh.childrenInPublicSchool !== undefined) hh.childrenInPublicSchool = Math.min(hh.childrenInPublicSchool, hh.childrenUnder19);
  }
  return a;
});

describe("advice derived from the answers (property)", () => {
  it("every step a program can show is in the table above (a new step must say what it assumes)", () => {
    expect(Object.keys(esEligibility.steps).sort()).toEqual(Object.keys(CONTRADICTS).sort());
  });

  it("no program's next step contradicts the answers, for any answer set", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const normalized = normalizeAnswers(answers);
        for (const result of evaluateEligibility(catalog, focalization, answers)) {
          for (const step of result.nextSteps) {
            const problem = CONTRADICTS[step.code]?.(normalized);
            if (problem) throw new Error(`${result.program} (${result.outcome}) shows "${step.code}": ${problem}`);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("steps fit the outcome: joining steps only when likely; a remedy only for the one thing in the way", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        for (const r of evaluateEligibility(catalog, focalization, answers)) {
          const codes = r.nextSteps.map((s) => s.code);
          if (r.outcome !== "likely") expect(codes.filter((c) => ENROLMENT.has(c)), `${r.program} ${r.outcome}`).toEqual([]);
          if (r.outcome === "unlikely") {
            const obstacles = r.reasons.filter((x) => x.code.endsWith(".fail")).length;
            if (obstacles > 1) expect(codes, `${r.program}: ${obstacles} obstacles, no remedy helps`).toEqual(["linea101"]);
          }
          expect(codes).toContain("linea101");
        }
      }),
      { numRuns: 1500 },
    );
  });

  // the cases from the issue, spelled out so a reader sees them
  it.each([
    { cse: "pobre" as const, program: "juntos" },
    { cse: "pobre_extremo" as const, program: "juntos" },
    { cse: "pobre_extremo" as const, program: "pension65" },
  ])("after SISFOH $cse, $program never says to ask the ULE for a classification", ({ cse, program }) => {
    const answers: Answers = { age: 70, cse, contributoryPension: false, essalud: false, household: { childrenUnder19: 1 } };
    const r = evaluateEligibility(catalog, focalization, answers).find((x) => x.program === program)!;
    expect(r.outcome).toBe("likely");
    expect(r.nextSteps.map((s) => s.code)).not.toContain("ule");
  });

  it("someone without a DNI and without a classification is sent to RENIEC first, not told to bring a DNI", () => {
    const r = evaluateEligibility(catalog, focalization, { hasDni: false, cse: "sin_clasificacion", ubigeo: IN }).find((x) => x.program === "hakuwinay")!;
    expect(r.nextSteps.map((s) => s.code)).toEqual(["reniec_then_ule", "linea101"]);
  });
});
