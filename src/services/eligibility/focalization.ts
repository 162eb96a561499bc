import { z } from "zod";
import rawFocalization from "../../../db/catalog/focalization.json";
import type { ProgramId } from "../programs/catalog";

/**
 * Districts each focalised program reaches (INEI ubigeos), as data. The shipped lists are a
 * DEMO derived from INEI poverty estimates (`demo: true`), not the official lists: load the
 * real one with `npm run focalization -- <program> <file.csv>`.
 */
const listSchema = z
  .object({
    demo: z.boolean(),
    source: z.string().min(5),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    ubigeos: z.array(z.string().regex(/^\d{6}$/, "6-digit INEI ubigeo")),
  })
  .strict();

export const focalizationSchema = z
  .object({ $comment: z.string().optional(), programs: z.record(z.string(), listSchema) })
  .strict();

export type FocalizationDoc = z.infer<typeof focalizationSchema>;
export type FocalizationList = z.infer<typeof listSchema>;

export interface Focalization {
  /** true/false when the district is known; undefined without a district or a list */
  includes(program: ProgramId, ubigeo: string | undefined): boolean | undefined;
  list(program: ProgramId): FocalizationList | undefined;
}

export function parseFocalization(doc: unknown): Focalization {
  const parsed = focalizationSchema.safeParse(doc);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`invalid focalization data: ${where}`);
  }
  const sets = new Map(Object.entries(parsed.data.programs).map(([program, list]) => [program, new Set(list.ubigeos)]));
  return {
    includes: (program, ubigeo) => (ubigeo === undefined || !sets.has(program) ? undefined : sets.get(program)!.has(ubigeo)),
    list: (program) => parsed.data.programs[program],
  };
}

export function loadFocalization(): Focalization {
  return parseFocalization(rawFocalization);
}
