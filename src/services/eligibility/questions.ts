import type { ProgramCatalog } from "../programs/catalog";
import { normalizeAnswers, answerOf, type Answers, type FieldName } from "./fields";
import type { Focalization } from "./focalization";
import { checkRules } from "./evaluate";
import { fieldsOf } from "./rules";

/**
 * The order questions are asked in: the answers that rule programs out for most people come
 * first (age, disability, household), so a person of 30 with no children and no disability
 * is done in a few questions. `focalized` is asked as the district (ubigeo).
 */
export const QUESTION_ORDER: FieldName[] = [
  "age",
  "severeDisability",
  "household.pregnant",
  "household.childrenUnder19",
  "household.childrenUnder3",
  "household.childrenInPublicSchool",
  "hasDni",
  "cse",
  "contributoryPension",
  "essalud",
  "focalized",
];

function known(answers: Answers, field: FieldName): boolean {
  return field === "focalized" ? answers.ubigeo !== undefined : answerOf(answers, field, undefined) !== undefined;
}

/**
 * Fields whose answer could still change some program's outcome: read by a rule that is
 * still unknown, in a program not already ruled out.
 */
export function openFields(catalog: ProgramCatalog, focalization: Focalization, answers: Answers): Set<FieldName> {
  const open = new Set<FieldName>();
  for (const program of catalog.programs) {
    const checked = checkRules(program, answers, focalization);
    if (checked.some((c) => c.state === "fail" && c.rule.onFail === "unlikely")) continue;
    for (const c of checked) {
      if (c.state !== "unknown") continue;
      for (const field of [...fieldsOf(c.rule.test), ...(c.rule.applies ? fieldsOf(c.rule.applies) : [])]) open.add(field);
    }
  }
  return open;
}

/** The next question to ask, or null when no answer could change any outcome. */
export function nextQuestion(catalog: ProgramCatalog, focalization: Focalization, answers: Answers, asked: readonly FieldName[]): FieldName | null {
  const normalized = normalizeAnswers(answers);
  const open = openFields(catalog, focalization, normalized);
  return QUESTION_ORDER.find((field) => !asked.includes(field) && !known(normalized, field) && open.has(field)) ?? null;
}
