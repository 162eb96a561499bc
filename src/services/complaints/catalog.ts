import { z } from "zod";
import rawRouting from "../../../db/catalog/routing.json";
import { COMPLAINT_KINDS, type ComplaintKind } from "../../db/schema/complaints";

const code = z.string().regex(/^[a-z0-9_]+$/, "lower-case code");
const list = z.array(code).min(1);

const ruleSchema = z.object({
  id: z.string().min(1),
  // every field given must match; an absent field matches anything
  when: z
    .object({
      kind: z.array(z.enum(COMPLAINT_KINDS)).min(1).optional(),
      program: list.optional(),
      category: list.optional(),
      // department codes: the first two digits of the ubigeo ("03" Apurímac, "15" Lima …)
      region: z.array(z.string().regex(/^\d{2}$/)).min(1).optional(),
      urgent: z.boolean().optional(),
    })
    .strict(),
  queue: code,
  priority: z.number().int().min(1).max(9),
  businessDays: z.number().int().min(1).max(60),
  why: z.string().min(3),
});

const kindSchema = z.object({
  categories: list,
  // a reclamo: DNI and a way to answer (DS 007-2020-PCM)
  needsIdentity: z.boolean(),
  // a denuncia: may be filed without any identity (DL 1327)
  mayBeAnonymous: z.boolean(),
});

export const routingCatalogSchema = z
  .object({
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    programs: list,
    kinds: z.object(Object.fromEntries(COMPLAINT_KINDS.map((k) => [k, kindSchema])) as Record<ComplaintKind, typeof kindSchema>),
    askUrgent: z.array(code),
    rules: z.array(ruleSchema).min(1),
  })
  .passthrough()
  .superRefine((c, ctx) => {
    const categories = new Set(Object.values(c.kinds).flatMap((k) => k.categories));
    c.rules.forEach((rule, i) => {
      for (const category of rule.when.category ?? [])
        if (!categories.has(category)) ctx.addIssue({ code: "custom", path: ["rules", i, "when", "category"], message: `unknown category ${category}` });
      for (const program of rule.when.program ?? [])
        if (!c.programs.includes(program)) ctx.addIssue({ code: "custom", path: ["rules", i, "when", "program"], message: `unknown program ${program}` });
    });
    // every kind must reach some rule, or a filing could not be routed
    for (const kind of COMPLAINT_KINDS) {
      const catchAll = c.rules.some((r) => !r.when.category && !r.when.program && !r.when.region && r.when.urgent === undefined && (!r.when.kind || r.when.kind.includes(kind)));
      if (!catchAll) ctx.addIssue({ code: "custom", path: ["rules"], message: `no catch-all rule for kind ${kind}` });
    }
  });

export type RoutingCatalog = z.infer<typeof routingCatalogSchema>;
export type RoutingRule = RoutingCatalog["rules"][number];

/** The complaint taxonomy and routing rules, validated once at start (a bad file stops the start). */
export function loadRoutingCatalog(raw: unknown = rawRouting): RoutingCatalog {
  return routingCatalogSchema.parse(raw);
}

export function categoriesOf(catalog: RoutingCatalog, kind: ComplaintKind): string[] {
  return catalog.kinds[kind].categories;
}
