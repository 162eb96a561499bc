import { z } from "zod";
import { answerOf, ANSWER_FIELDS, FIELD_NAMES, type Answers, type FieldName, type Value } from "./fields";

/**
 * The small rule language of the catalog: all / any / not over comparisons of one answer
 * field. Evaluated in three values (true, false, unknown) so a missing answer never counts
 * as a yes or a no.
 */
export type Comparison = {
  field: FieldName;
  eq?: Value;
  in?: Value[];
  gte?: number;
  lte?: number;
  gt?: number;
  lt?: number;
};
export type Expr = Comparison | { all: Expr[] } | { any: Expr[] } | { not: Expr };
export type Truth = boolean | undefined;

const OPERATORS = ["eq", "in", "gte", "lte", "gt", "lt"] as const;

const comparisonSchema = z
  .object({
    field: z.enum(FIELD_NAMES as [FieldName, ...FieldName[]], { message: "unknown answer field" }),
    eq: z.union([z.boolean(), z.number(), z.string()]).optional(),
    in: z.array(z.union([z.boolean(), z.number(), z.string()])).min(1).optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    lt: z.number().optional(),
  })
  .strict()
  .superRefine((leaf, ctx) => {
    const used = OPERATORS.filter((op) => leaf[op] !== undefined);
    if (used.length !== 1) {
      ctx.addIssue({ code: "custom", message: `a comparison needs exactly one of ${OPERATORS.join(", ")}` });
      return;
    }
    const spec = ANSWER_FIELDS[leaf.field];
    const op = used[0];
    const values = op === "in" ? leaf.in! : [leaf[op]!];
    for (const value of values) {
      if (spec.type === "boolean" && typeof value !== "boolean") ctx.addIssue({ code: "custom", path: [op], message: `${leaf.field} is yes/no` });
      if (spec.type === "enum" && !(spec.values as readonly Value[]).includes(value))
        ctx.addIssue({ code: "custom", path: [op], message: `${leaf.field} is one of ${spec.values.join(", ")}` });
      if (spec.type === "number") {
        if (typeof value !== "number") ctx.addIssue({ code: "custom", path: [op], message: `${leaf.field} is a number` });
        // a limit no answer can meet (or every answer meets) is a typo in the data
        else if (value < spec.min || value > spec.max || (op === "gt" && value >= spec.max) || (op === "lt" && value <= spec.min))
          ctx.addIssue({ code: "custom", path: [op], message: `impossible range: ${leaf.field} is between ${spec.min} and ${spec.max}` });
      }
    }
    if ((spec.type === "boolean" || spec.type === "enum") && op !== "eq" && op !== "in")
      ctx.addIssue({ code: "custom", path: [op], message: `${leaf.field} can only be compared with eq or in` });
  });

// Picks the form by its key instead of a plain union, so an error names what is wrong in
// the data ("unknown answer field") rather than "invalid input".
const allSchema = z.object({ all: z.array(z.lazy(() => exprSchema)).min(1) }).strict();
const anySchema = z.object({ any: z.array(z.lazy(() => exprSchema)).min(1) }).strict();
const notSchema = z.object({ not: z.lazy(() => exprSchema) }).strict();

export const exprSchema: z.ZodType<Expr> = z.unknown().transform((value, ctx) => {
  const keys = value && typeof value === "object" ? Object.keys(value) : [];
  const schema = keys.includes("all") ? allSchema : keys.includes("any") ? anySchema : keys.includes("not") ? notSchema : comparisonSchema;
  const parsed = (schema as z.ZodType).safeParse(value);
  if (parsed.success) return parsed.data as Expr;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as (string | number)[] });
  return z.NEVER;
}) as unknown as z.ZodType<Expr>;

/** Three-valued evaluation: unknown answers make unknown results unless the rest decides. */
export function evaluateExpr(expr: Expr, answers: Answers, focalized: boolean | undefined): Truth {
  if ("all" in expr) {
    const parts = expr.all.map((e) => evaluateExpr(e, answers, focalized));
    if (parts.includes(false)) return false;
    return parts.every((p) => p === true) ? true : undefined;
  }
  if ("any" in expr) {
    const parts = expr.any.map((e) => evaluateExpr(e, answers, focalized));
    if (parts.includes(true)) return true;
    return parts.every((p) => p === false) ? false : undefined;
  }
  if ("not" in expr) {
    const inner = evaluateExpr(expr.not, answers, focalized);
    return inner === undefined ? undefined : !inner;
  }
  const value = answerOf(answers, expr.field, focalized);
  if (value === undefined) return undefined;
  if (expr.eq !== undefined) return value === expr.eq;
  if (expr.in !== undefined) return expr.in.includes(value);
  if (typeof value !== "number") return undefined;
  if (expr.gte !== undefined) return value >= expr.gte;
  if (expr.lte !== undefined) return value <= expr.lte;
  if (expr.gt !== undefined) return value > expr.gt;
  if (expr.lt !== undefined) return value < expr.lt;
  return undefined;
}

/** Every field an expression reads (what a question must ask to decide it). */
export function fieldsOf(expr: Expr): FieldName[] {
  if ("all" in expr) return expr.all.flatMap(fieldsOf);
  if ("any" in expr) return expr.any.flatMap(fieldsOf);
  if ("not" in expr) return fieldsOf(expr.not);
  return [expr.field];
}

/** The first number an expression compares with: shown in reasons ("65 años o más"). */
export function limitOf(expr: Expr): number | undefined {
  if ("all" in expr) return expr.all.map(limitOf).find((n) => n !== undefined);
  if ("any" in expr) return expr.any.map(limitOf).find((n) => n !== undefined);
  if ("not" in expr) return limitOf(expr.not);
  return expr.gte ?? expr.lte ?? expr.gt ?? expr.lt ?? (typeof expr.eq === "number" ? expr.eq : undefined);
}

/** Impossible ranges inside one `all` (e.g. age ≥ 65 and age < 60): no answer can pass. */
export function contradictoryRanges(expr: Expr): string[] {
  const problems: string[] = [];
  const visit = (e: Expr) => {
    if ("all" in e) {
      const bounds = new Map<string, { lo: number; hi: number }>();
      for (const part of e.all) {
        if ("field" in part) {
          const b = bounds.get(part.field) ?? { lo: -Infinity, hi: Infinity };
          if (part.gte !== undefined) b.lo = Math.max(b.lo, part.gte);
          if (part.gt !== undefined) b.lo = Math.max(b.lo, part.gt + 1);
          if (part.lte !== undefined) b.hi = Math.min(b.hi, part.lte);
          if (part.lt !== undefined) b.hi = Math.min(b.hi, part.lt - 1);
          bounds.set(part.field, b);
        }
        visit(part);
      }
      for (const [field, b] of bounds) if (b.lo > b.hi) problems.push(`impossible range: ${field} ≥ ${b.lo} and ≤ ${b.hi}`);
    } else if ("any" in e) e.any.forEach(visit);
    else if ("not" in e) visit(e.not);
  };
  visit(expr);
  return problems;
}
