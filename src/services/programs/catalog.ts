import { z } from "zod";
import rawCatalog from "../../../db/catalog/programs.json";
import { contradictoryRanges, exprSchema, fieldsOf } from "../eligibility/rules";

export const PROGRAM_IDS = ["juntos", "pension65", "contigo", "cunamas", "pae", "hakuwinay"] as const;
export type ProgramId = (typeof PROGRAM_IDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

const benefitSchema = z
  .object({
    kind: z.enum(["cash", "service"]),
    amount: z.number().positive().nullable(),
    currency: z.literal("PEN").nullable(),
    frequency: z.enum(["monthly", "bimonthly", "daily", "school_day", "project"]),
    asOf: isoDate,
    source: z.string().min(5),
    uncertain: z.boolean().default(false),
  })
  .refine((b) => (b.kind === "cash") === (b.amount !== null && b.currency !== null), {
    message: "cash benefits need an amount and currency; services have neither",
  });

export const OUTCOMES = ["likely", "unlikely", "needs_classification", "needs_dni"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** locale-key fragments (reasons, next steps): checked against the locales by a test */
const code = z.string().regex(/^[a-z0-9_]+$/, "lower-case code");

/**
 * One criterion of a program. `test` false → `onFail`; unknown → `onUnknown` ("depends": the
 * outcome stays as good as the other rules allow, with a reason saying what it depends on).
 * `applies` limits the rule to some answers (e.g. the CSE level only once classified).
 */
const ruleSchema = z
  .object({
    id: code,
    test: exprSchema,
    applies: exprSchema.optional(),
    onFail: z.enum(["unlikely", "needs_dni", "needs_classification"]),
    onUnknown: z.enum(["depends", "needs_classification"]).default("depends"),
    reason: code,
    nextSteps: z.object({ fail: z.array(code).default([]), unknown: z.array(code).default([]) }).strict().default({ fail: [], unknown: [] }),
    source: z.string().min(5),
    asOf: isoDate,
    uncertain: z.boolean().default(false),
  })
  .strict()
  .superRefine((rule, ctx) => {
    for (const problem of [...contradictoryRanges(rule.test), ...(rule.applies ? contradictoryRanges(rule.applies) : [])])
      ctx.addIssue({ code: "custom", path: ["test"], message: problem });
  });

const eligibilitySchema = z
  .object({
    /** the program reaches only a list of districts (db/catalog/focalization.json) */
    focalized: z.boolean().default(false),
    rules: z.array(ruleSchema).min(1),
    nextSteps: z.object(Object.fromEntries(OUTCOMES.map((o) => [o, z.array(code).min(1)])) as Record<Outcome, z.ZodArray<typeof code>>).strict(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (new Set(e.rules.map((r) => r.id)).size !== e.rules.length) ctx.addIssue({ code: "custom", path: ["rules"], message: "duplicate rule id" });
    e.rules.forEach((rule, i) => {
      const fields = [...fieldsOf(rule.test), ...(rule.applies ? fieldsOf(rule.applies) : [])];
      if (fields.includes("focalized") && !e.focalized)
        ctx.addIssue({ code: "custom", path: ["rules", i, "test"], message: "a rule on `focalized` needs `focalized: true` and a district list" });
    });
  });

const programSchema = z.object({
  id: z.enum(PROGRAM_IDS),
  aliases: z.array(z.string()).default([]),
  benefit: benefitSchema,
  infoPages: z.array(z.enum(["gives", "who", "how"])).min(1).max(3),
  eligibility: eligibilitySchema,
});

/** Age limits that turn ages into the household counts the rules read (35/36 months, 18/19 years). */
const definitionsSchema = z
  .object({
    childUnder3MaxMonths: z.number().int().min(0).max(60),
    minorMaxYears: z.number().int().min(0).max(25),
    source: z.string().min(5),
    asOf: isoDate,
  })
  .strict();

/**
 * What a next step takes for granted about the person ("take your DNI" assumes they have one).
 * The step is shown only while no `assumes` test is false for the answers; the first false one
 * drops it, or shows `otherwise` in its place. Unknown answers keep the step.
 */
const stepSchema = z
  .object({ assumes: z.array(z.object({ test: exprSchema, otherwise: code.optional() }).strict()).default([]) })
  .strict();

export const catalogSchema = z
  .object({
    programs: z.array(programSchema).min(1),
    definitions: definitionsSchema,
    steps: z.record(z.string(), z.unknown()).default({}),
  })
  .passthrough()
  .refine((c) => new Set(c.programs.map((p) => p.id)).size === c.programs.length, { message: "duplicate program id" })
  .transform((c, ctx) => {
    const steps: Record<string, StepSpec> = {};
    for (const [name, raw] of Object.entries(c.steps)) {
      if (name === "$comment") continue;
      if (!/^[a-z0-9_]+$/.test(name)) ctx.addIssue({ code: "custom", path: ["steps", name], message: "lower-case code" });
      const parsed = stepSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["steps", name, ...(issue.path as (string | number)[])], message: issue.message });
        continue;
      }
      steps[name] = parsed.data;
    }
    return { ...c, steps };
  });

export type Program = z.infer<typeof programSchema>;
export type Benefit = z.infer<typeof benefitSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Definitions = z.infer<typeof definitionsSchema>;
export type StepSpec = z.infer<typeof stepSchema>;

export interface ProgramCatalog {
  programs: Program[];
  definitions: Definitions;
  /** what each next step assumes about the answers (steps not listed assume nothing) */
  steps: Record<string, StepSpec>;
  get(id: string): Program | undefined;
}

/** Validates a catalog document; throws with the failing path so a policy officer can fix the data. */
export function parseCatalog(doc: unknown): ProgramCatalog {
  const parsed = catalogSchema.safeParse(doc);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`invalid program catalog: ${where}`);
  }
  const byId = new Map(parsed.data.programs.map((p) => [p.id, p]));
  return { programs: parsed.data.programs, definitions: parsed.data.definitions, steps: parsed.data.steps, get: (id) => byId.get(id as ProgramId) };
}

/** The catalog shipped in db/catalog/programs.json. */
export function loadCatalog(): ProgramCatalog {
  return parseCatalog(rawCatalog);
}
