import type { ProgramCatalog } from "../programs/catalog";
import type { Answers, FieldName } from "./fields";
import { loadFocalization, type Focalization } from "./focalization";
import { evaluateEligibility, type ProgramResult } from "./evaluate";
import { nextQuestion } from "./questions";

/** What flows and routes use: the evaluator and the question order over one catalog. */
export interface EligibilityService {
  focalization: Focalization;
  evaluate(answers: Answers): ProgramResult[];
  nextQuestion(answers: Answers, asked: readonly FieldName[]): FieldName | null;
}

export function createEligibilityService(catalog: ProgramCatalog, focalization: Focalization = loadFocalization()): EligibilityService {
  return {
    focalization,
    evaluate: (answers) => evaluateEligibility(catalog, focalization, answers),
    nextQuestion: (answers, asked) => nextQuestion(catalog, focalization, answers, asked),
  };
}
