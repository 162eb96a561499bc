/**
 * The answers a person can give (the API's `answers` object, the conversation's questions),
 * and what each may hold. Rules in db/catalog/programs.json may only name these fields; the
 * catalog schema rejects any other name and any comparison outside a field's range.
 */
import { CSE_VALUES } from "../../domain/cse";
export { CSE_VALUES };
export type Cse = (typeof CSE_VALUES)[number];

export interface Household {
  pregnant?: boolean;
  childrenUnder3?: number;
  childrenUnder19?: number;
  childrenInPublicSchool?: number;
}

/** Every answer is optional: what is missing is unknown. */
export interface Answers {
  age?: number;
  hasDni?: boolean;
  cse?: Cse;
  contributoryPension?: boolean;
  essalud?: boolean;
  severeDisability?: boolean;
  household?: Household;
  /** INEI ubigeo of the district the person lives in */
  ubigeo?: string;
}

export type FieldSpec =
  | { type: "boolean" }
  | { type: "number"; min: number; max: number }
  | { type: "enum"; values: readonly string[] };

export const MAX_AGE = 120;
export const MAX_COUNT = 30;

/** Field paths rules may compare. `focalized` is derived per program from `ubigeo`. */
export const ANSWER_FIELDS = {
  age: { type: "number", min: 0, max: MAX_AGE },
  hasDni: { type: "boolean" },
  cse: { type: "enum", values: CSE_VALUES },
  contributoryPension: { type: "boolean" },
  essalud: { type: "boolean" },
  severeDisability: { type: "boolean" },
  "household.pregnant": { type: "boolean" },
  "household.childrenUnder3": { type: "number", min: 0, max: MAX_COUNT },
  "household.childrenUnder19": { type: "number", min: 0, max: MAX_COUNT },
  "household.childrenInPublicSchool": { type: "number", min: 0, max: MAX_COUNT },
  focalized: { type: "boolean" },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof ANSWER_FIELDS;
export const FIELD_NAMES = Object.keys(ANSWER_FIELDS) as FieldName[];

export type Value = boolean | number | string;

/** The value of a field path in the answers (undefined when unknown). */
export function answerOf(answers: Answers, field: FieldName, focalized: boolean | undefined): Value | undefined {
  if (field === "focalized") return focalized;
  if (field.startsWith("household.")) {
    const key = field.slice("household.".length) as keyof Household;
    return answers.household?.[key];
  }
  return answers[field as Exclude<keyof Answers, "household">];
}

/**
 * Fills what follows from other answers: nobody under 19 at home means nobody under 3 and no
 * school child; "does not know" the CSE is as good as unknown for every rule.
 */
export function normalizeAnswers(answers: Answers): Answers {
  const household = { ...answers.household };
  if (household.childrenUnder19 === 0) {
    household.childrenUnder3 ??= 0;
    household.childrenInPublicSchool ??= 0;
  }
  return { ...answers, household };
}
