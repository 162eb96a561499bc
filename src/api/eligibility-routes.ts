import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../db/client";
import { isLang, LANGS, type Lang } from "../i18n/langs";
import type { Translator } from "../i18n/translator";
import type { Logger } from "../logging/logger";
import type { DistrictDirectory } from "../services/districts/directory";
import type { Note, ProgramResult } from "../services/eligibility/evaluate";
import { CSE_VALUES, MAX_AGE, MAX_COUNT, type Answers } from "../services/eligibility/fields";
import { limitOf } from "../services/eligibility/rules";
import type { EligibilityService } from "../services/eligibility/service";
import type { ProgramCatalog } from "../services/programs/catalog";
import { zodApiError } from "./errors";

export interface EligibilityApiDeps {
  db: Db;
  catalog: ProgramCatalog;
  districts: DistrictDirectory;
  eligibility: EligibilityService;
  i18n: Translator;
  logger: Logger;
  now: () => number;
}

// null is accepted as "unknown", like a missing answer
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const count = optional(z.number().int().min(0).max(MAX_COUNT));

const answersSchema = z
  .object({
    age: optional(z.number().int().min(0).max(MAX_AGE)),
    hasDni: optional(z.boolean()),
    cse: optional(z.enum(CSE_VALUES)),
    contributoryPension: optional(z.boolean()),
    essalud: optional(z.boolean()),
    severeDisability: optional(z.boolean()),
    household: optional(
      z
        .object({ pregnant: optional(z.boolean()), childrenUnder3: count, childrenUnder19: count, childrenInPublicSchool: count })
        .strict()
        // children under 3 and school children are also under 19: more of them is a contradiction
        .superRefine((h, ctx) => {
          for (const field of ["childrenUnder3", "childrenInPublicSchool"] as const) {
            if (h[field] !== undefined && h.childrenUnder19 !== undefined && h[field]! > h.childrenUnder19)
              ctx.addIssue({ code: "custom", path: [field], message: `cannot be more than childrenUnder19 (${h.childrenUnder19})` });
          }
        }),
    ),
    ubigeo: optional(z.string().regex(/^\d{6}$/, "a 6-digit INEI ubigeo")),
  })
  .strict();

/** `POST /api/v1/eligibility`'s body: validates the request and is its OpenAPI description. */
export const eligibilityRequestSchema = z
  .object({
    lang: optional(z.enum(LANGS)).describe("language of the texts in the answer (default es)"),
    answers: optional(answersSchema).describe("what the person said; missing or null = not known"),
  })
  .strict();

type BadRequest = { error: "bad_request"; field: string; message: string };
const bad = (field: string, message: string): BadRequest => ({ error: "bad_request", field, message });

/**
 * `GET /api/v1/programs?lang=` (the catalog, localized) and `POST /api/v1/eligibility`
 * (answers → one result per program). Bad JSON or a bad field → 400 naming the field.
 */
export function eligibilityApiRoutes(deps: EligibilityApiDeps): Hono {
  const app = new Hono();
  const text = (lang: Lang, note: Note) => ({ code: note.code, text: deps.i18n.t(lang, note.key, note.params) });

  app.get("/programs", (c) => {
    const lang = c.req.query("lang") ?? "es";
    if (!isLang(lang)) return c.json(bad("lang", `one of ${LANGS.join(", ")}`), 400);
    const t = (key: string, params?: Record<string, string | number>) => deps.i18n.t(lang, key, params);
    return c.json({
      lang,
      programs: deps.catalog.programs.map((p) => {
        const params = { amount: p.benefit.amount ?? "", asOf: p.benefit.asOf };
        const list = p.eligibility.focalized ? deps.eligibility.focalization.list(p.id) : undefined;
        return {
          id: p.id,
          name: t(`programs:${p.id}.name`),
          aliases: p.aliases,
          gives: t(`programs:${p.id}.gives`, params),
          who: t(`programs:${p.id}.who`, params),
          how: t(`programs:${p.id}.how`, params),
          benefit: { amount: p.benefit.amount, currency: p.benefit.currency, frequency: p.benefit.frequency, asOf: p.benefit.asOf, source: p.benefit.source },
          // each criterion as the person would read it when it is not met, with its source
          criteria: p.eligibility.rules.map((r) => ({
            id: r.id,
            text: t(`eligibility:reasons.${r.reason}.fail`, { program: p.id, n: limitOf(r.test) ?? "" }),
            source: r.source,
            asOf: r.asOf,
            uncertain: r.uncertain,
          })),
          focalization: list ? { districts: list.ubigeos.length, demo: list.demo, source: list.source, asOf: list.asOf } : null,
        };
      }),
    });
  });

  app.post("/eligibility", async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return c.json(bad("body", "invalid JSON"), 400);
    }
    const parsed = eligibilityRequestSchema.safeParse(body);
    if (!parsed.success) return c.json(zodApiError("bad_request", parsed.error), 400);
    const lang = parsed.data.lang ?? "es";
    const answers = (parsed.data.answers ?? {}) as Answers;
    if (answers.ubigeo && !deps.districts.get(answers.ubigeo)) return c.json(bad("answers.ubigeo", "unknown district (INEI ubigeo)"), 400);

    const results = deps.eligibility.evaluate(answers);
    await deps.eligibility.recordCounts({ results, ubigeo: answers.ubigeo, channel: "api", now: deps.now() });
    return c.json({ results: results.map((r: ProgramResult) => ({
      program: r.program,
      outcome: r.outcome,
      reasons: r.reasons.map((n) => text(lang, n)),
      nextSteps: r.nextSteps.map((n) => text(lang, n)),
      benefit: { amount: r.benefit.amount, currency: r.benefit.currency, frequency: r.benefit.frequency, asOf: r.benefit.asOf },
    })) });
  });

  return app;
}
