import type { ProgramCatalog } from "../programs/catalog";
import { OUTCOMES } from "../programs/catalog";

/**
 * Every locale key the catalog's eligibility data can make the service show: reasons of each
 * rule in its three states, next steps, outcomes. A test checks them in all three languages,
 * so a rule added to the JSON without its texts fails before it reaches anyone.
 */
export function eligibilityKeysOf(catalog: ProgramCatalog): string[] {
  const keys = new Set<string>(["eligibility:reasons.demo_list", "eligibility:reasons.uncertain"]);
  for (const outcome of OUTCOMES) keys.add(`eligibility:outcome.${outcome}`);
  for (const program of catalog.programs) {
    keys.add(`programs:${program.id}.name`);
    for (const rule of program.eligibility.rules) {
      for (const state of ["pass", "fail", "unknown"]) keys.add(`eligibility:reasons.${rule.reason}.${state}`);
      for (const step of [...rule.nextSteps.fail, ...rule.nextSteps.unknown]) keys.add(`eligibility:steps.${step}`);
    }
    for (const outcome of OUTCOMES) for (const step of program.eligibility.nextSteps[outcome]) keys.add(`eligibility:steps.${step}`);
  }
  for (const spec of Object.values(catalog.steps)) for (const a of spec.assumes) if (a.otherwise) keys.add(`eligibility:steps.${a.otherwise}`);
  return [...keys];
}
