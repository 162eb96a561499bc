import { z } from "zod";
import rawCatalog from "../../../db/catalog/programs.json";

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

const programSchema = z.object({
  id: z.enum(PROGRAM_IDS),
  aliases: z.array(z.string()).default([]),
  benefit: benefitSchema,
  infoPages: z.array(z.enum(["gives", "who", "how"])).min(1).max(3),
});

export const catalogSchema = z
  .object({
    programs: z.array(programSchema).min(1),
  })
  .passthrough()
  .refine((c) => new Set(c.programs.map((p) => p.id)).size === c.programs.length, { message: "duplicate program id" });

export type Program = z.infer<typeof programSchema>;
export type Benefit = z.infer<typeof benefitSchema>;

export interface ProgramCatalog {
  programs: Program[];
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
  return { programs: parsed.data.programs, get: (id) => byId.get(id as ProgramId) };
}

/** The catalog shipped in db/catalog/programs.json. */
export function loadCatalog(): ProgramCatalog {
  return parseCatalog(rawCatalog);
}
