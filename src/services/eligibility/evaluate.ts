import type { Benefit, Outcome, Program, ProgramCatalog, ProgramId, Rule, StepSpec } from "../programs/catalog";
import { normalizeAnswers, type Answers } from "./fields";
import type { Focalization } from "./focalization";
import { evaluateExpr, fieldsOf, limitOf, type Truth } from "./rules";

/** A reason or a next step: a stable code for machines, a locale key for people. */
export interface Note {
  code: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface ProgramResult {
  program: ProgramId;
  outcome: Outcome;
  reasons: Note[];
  nextSteps: Note[];
  benefit: Pick<Benefit, "kind" | "amount" | "currency" | "frequency" | "asOf" | "uncertain">;
}

type RuleState = "pass" | "fail" | "unknown";
interface Checked {
  rule: Rule;
  state: RuleState;
}

/** How one program's rules come out for these answers (rules that do not apply are left out). */
export function checkRules(program: Program, answers: Answers, focalization: Focalization): Checked[] {
  const normalized = normalizeAnswers(answers);
  const focalized = program.eligibility.focalized ? focalization.includes(program.id, normalized.ubigeo) : undefined;
  const checked: Checked[] = [];
  for (const rule of program.eligibility.rules) {
    const applies: Truth = rule.applies ? evaluateExpr(rule.applies, normalized, focalized) : true;
    if (applies === false) continue;
    const truth = applies === undefined ? undefined : evaluateExpr(rule.test, normalized, focalized);
    checked.push({ rule, state: truth === true ? "pass" : truth === false ? "fail" : "unknown" });
  }
  return checked;
}

/**
 * The outcome, most decisive first: a rule that fails outright → unlikely; no DNI → needs_dni
 * (RENIEC first); not classified, or not known → needs_classification (ULE); otherwise likely,
 * with a "depends on …" reason for every answer still unknown.
 */
export function outcomeOf(checked: Checked[]): { outcome: Outcome; deciding: Checked[] } {
  const failing = (onFail: Rule["onFail"]) => checked.filter((c) => c.state === "fail" && c.rule.onFail === onFail);
  if (failing("unlikely").length) return { outcome: "unlikely", deciding: failing("unlikely") };
  if (failing("needs_dni").length) return { outcome: "needs_dni", deciding: failing("needs_dni") };
  const classification = checked.filter(
    (c) => (c.state === "fail" && c.rule.onFail === "needs_classification") || (c.state === "unknown" && c.rule.onUnknown === "needs_classification"),
  );
  if (classification.length) return { outcome: "needs_classification", deciding: classification };
  return { outcome: "likely", deciding: checked.filter((c) => c.state === "pass") };
}

const reasonOf = (program: Program, c: Checked): Note => {
  const n = limitOf(c.rule.test);
  return {
    code: `${c.rule.id}.${c.state}`,
    key: `eligibility:reasons.${c.rule.reason}.${c.state}`,
    params: { program: program.id, ...(n === undefined ? {} : { n }) },
  };
};

const stepOf = (program: Program, code: string): Note => ({ code, key: `eligibility:steps.${code}`, params: { program: program.id } });

/**
 * The step codes a result leads to: what would change a deciding rule (a rule that fails, or
 * one still unknown; a rule that passes needs nothing done), then the program's steps for the
 * outcome. When several rules rule the program out, fixing one changes nothing: only a lone
 * obstacle gets its remedy ("enrol your children" only if that is all that is missing).
 */
function stepCodesOf(program: Program, outcome: Outcome, deciding: Checked[], unknown: Checked[]): string[] {
  const remedies = outcome === "unlikely" && deciding.length > 1 ? [] : deciding;
  return [
    ...remedies.flatMap((c) => (c.state === "fail" ? c.rule.nextSteps.fail : c.state === "unknown" ? c.rule.nextSteps.unknown : [])),
    ...(outcome === "unlikely" ? [] : unknown.flatMap((c) => c.rule.nextSteps.unknown)),
    ...program.eligibility.nextSteps[outcome],
  ];
}

/**
 * Drops (or replaces) a step that takes for granted what the answers deny: nobody who said they
 * have a classification is sent to ask for one, nobody without a DNI is told to bring it.
 */
export function stepsForAnswers(codes: string[], steps: Record<string, StepSpec>, answers: Answers): string[] {
  const normalized = normalizeAnswers(answers);
  const resolve = (code: string, depth: number): string | null => {
    for (const assumption of steps[code]?.assumes ?? []) {
      if (evaluateExpr(assumption.test, normalized, undefined) !== false) continue;
      return assumption.otherwise && depth < 3 ? resolve(assumption.otherwise, depth + 1) : null;
    }
    return code;
  };
  return [...new Set(codes.map((c) => resolve(c, 0)).filter((c): c is string => c !== null))];
}

export function evaluateProgram(program: Program, answers: Answers, focalization: Focalization, steps: Record<string, StepSpec> = {}): ProgramResult {
  const checked = checkRules(program, answers, focalization);
  const { outcome, deciding } = outcomeOf(checked);
  const unknown = checked.filter((c) => c.state === "unknown" && !deciding.includes(c));
  const reasons = [...deciding, ...(outcome === "unlikely" ? [] : unknown)].map((c) => reasonOf(program, c));

  // a district list that is only a demo, or a criterion reported as uncertain, is said so
  const list = focalization.list(program.id);
  const usedList = checked.some((c) => c.state !== "unknown" && fieldsOf(c.rule.test).includes("focalized"));
  if (usedList && list?.demo) reasons.push({ code: "district_list.demo", key: "eligibility:reasons.demo_list" });
  if (checked.some((c) => c.rule.uncertain && c.state !== "unknown")) reasons.push({ code: "criteria.uncertain", key: "eligibility:reasons.uncertain" });

  const nextSteps = stepsForAnswers(stepCodesOf(program, outcome, deciding, unknown), steps, answers).map((code) => stepOf(program, code));
  const { kind, amount, currency, frequency, asOf, uncertain } = program.benefit;
  return { program: program.id, outcome, reasons, nextSteps, benefit: { kind, amount, currency, frequency, asOf, uncertain } };
}

/** Answers → one result per program of the catalog, in catalog order. Pure: no I/O, no clock. */
export function evaluateEligibility(catalog: ProgramCatalog, focalization: Focalization, answers: Answers): ProgramResult[] {
  return catalog.programs.map((program) => evaluateProgram(program, answers, focalization, catalog.steps));
}
