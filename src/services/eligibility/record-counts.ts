import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { incrementCountStatement } from "../../db/repos/eligibility-counts";
import type { ProgramResult } from "./evaluate";

/** Peru has no daylight saving time: Lima is UTC−5 all year. */
const limaDay = (ms: number) => new Date(ms - 5 * 3_600_000).toISOString().slice(0, 10);

/** The "+1"s of one finished self-check, for a caller that writes them with other changes (a turn). */
export function eligibilityCountStatements(db: Db, input: { results: { program: string; outcome: string }[]; ubigeo: string | null | undefined; channel: string; now: number }) {
  const day = limaDay(input.now);
  const ubigeo = input.ubigeo ?? "";
  return input.results.map((r) => incrementCountStatement(db, { day, program: r.program, outcome: r.outcome, ubigeo, channel: input.channel }));
}

/**
 * Adds one finished self-check to the anonymous daily counts (program × outcome × district ×
 * channel). Nothing else of the person or their answers is kept.
 */
export async function recordEligibilityCounts(
  db: Db,
  input: { results: ProgramResult[]; ubigeo: string | null | undefined; channel: string; now: number },
): Promise<void> {
  await atomic(db, eligibilityCountStatements(db, input));
}
