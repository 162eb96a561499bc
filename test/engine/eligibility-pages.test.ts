import { describe, expect, it } from "vitest";
import { renderUssdScreen } from "../../src/channels/ussd/render";
import { createTranslator } from "../../src/i18n/translator";
import { LANGS } from "../../src/i18n/langs";
import { loadCatalog, OUTCOMES } from "../../src/services/programs/catalog";
import { formatAsOf } from "../../src/engine/flows/programs";
import { limitOf } from "../../src/services/eligibility/rules";
import type { Message, Reply } from "../../src/engine/types";

/**
 * The screen walker samples the result pages; this renders every page a result can have (each
 * reason in each state, the benefit, each next step) for every program and outcome, in every
 * language, with the longest page counter and the full navigation line.
 */
describe("every result page fits one USSD screen", () => {
  it("in es, qu and ay", () => {
    const i18n = createTranslator();
    const catalog = loadCatalog();
    const tooLong: string[] = [];
    for (const lang of LANGS) {
      for (const program of catalog.programs) {
        const texts: [string, Message][] = [];
        for (const rule of program.eligibility.rules)
          for (const state of ["pass", "fail", "unknown"])
            texts.push(["eligibility:detail.header", { key: `eligibility:reasons.${rule.reason}.${state}`, params: { program: program.id, n: limitOf(rule.test) ?? "" } }]);
        texts.push(["eligibility:detail.header", { key: "eligibility:reasons.demo_list" }], ["eligibility:detail.header", { key: "eligibility:reasons.uncertain" }]);
        texts.push(["eligibility:detail.benefit", { key: `programs:${program.id}.gives`, params: { amount: program.benefit.amount ?? "", asOf: formatAsOf(program.benefit.asOf) } }]);
        const steps = new Set([...program.eligibility.rules.flatMap((r) => [...r.nextSteps.fail, ...r.nextSteps.unknown]), ...OUTCOMES.flatMap((o) => program.eligibility.nextSteps[o]),
          // a step shown in place of one whose assumption the answers deny (no DNI → RENIEC first)
          ...Object.values(catalog.steps).flatMap((spec) => spec.assumes.flatMap((a) => (a.otherwise ? [a.otherwise] : []))),
        ]);
        for (const step of steps) texts.push(["eligibility:detail.step", { key: `eligibility:steps.${step}`, params: { program: program.id } }]);
        for (const outcome of OUTCOMES) {
          for (const [header, text] of texts) {
            const reply: Reply = {
              lang,
              messages: [{ key: header, params: { program: program.id, outcome, n: 10, total: 10 } }, text],
              options: [],
              input: "choice",
              nav: { more: true, back: true, home: true },
              end: false,
            };
            const screen = renderUssdScreen(reply, i18n);
            if (screen.truncated) tooLong.push(`${lang} ${program.id} ${outcome} ${text.key}: ${screen.body.length}`);
          }
        }
      }
    }
    expect(tooLong).toEqual([]);
  });
});
