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
  /** adds a finished check to the anonymous daily counts (no-op without a database) */
  recordCounts(input: { results: ProgramResult[]; ubigeo: string | null | undefined; channel: string; now: number }): Promise<void>;
}

export function createEligibilityService(
  catalog: ProgramCatalog,
  focalization: Focalization = loadFocalization(),
  recordCounts: EligibilityService["recordCounts"] = async () => {},
): EligibilityService {
  return {
    focalization,
    evaluate: (answers) => evaluateEligibility(catalog, focalization, answers),
    nextQuestion: (answers, asked) => nextQuestion(catalog, focalization, answers, asked),
    recordCounts,
  };
}
