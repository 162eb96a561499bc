import { describe, expect, it } from "vitest";
import es from "../../../locales/es/eligibility.json";
import qu from "../../../locales/qu/eligibility.json";
import ay from "../../../locales/ay/eligibility.json";

/** Household questions say whose children they count: the household's, in every language. */
const HOUSEHOLD = ["pregnant", "childrenUnder19", "childrenUnder3", "childrenInPublicSchool"] as const;
const WHOSE: [string, Record<string, string>, RegExp][] = [
  ["es", es.q, /su hogar/],
  ["qu", qu.q, /wasiyki/i],
  ["ay", ay.q, /utama/i],
];

describe("eligibility questions name who they are about", () => {
  it.each(WHOSE.flatMap(([lang, q, whose]) => HOUSEHOLD.map((key) => ({ lang, key, text: q[key], whose }))))("$lang $key names the household", ({ text, whose }) => {
    expect(text).toMatch(whose);
  });
  it("questions about the person say usted (es)", () => {
    for (const key of ["age", "severeDisability", "hasDni", "contributoryPension", "essalud"] as const) expect(es.q[key]).toMatch(/usted/);
  });
});
