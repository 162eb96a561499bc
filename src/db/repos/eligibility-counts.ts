import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { eligibilityCounts } from "../schema";

export interface CountKey {
  day: string;
  program: string;
  outcome: string;
  ubigeo: string;
  channel: string;
}

/** One "+1" for a result, to put in the same atomic write as the other results of a check. */
export function incrementCountStatement(db: Db, key: CountKey) {
  return db
    .insert(eligibilityCounts)
    .values({ ...key, count: 1 })
    .onConflictDoUpdate({
      target: [eligibilityCounts.day, eligibilityCounts.program, eligibilityCounts.outcome, eligibilityCounts.ubigeo, eligibilityCounts.channel],
      set: { count: sql`${eligibilityCounts.count} + 1` },
    });
}

/** The counts of one day (the quality office's report), ordered for stable output. */
export async function countsOfDay(db: Db, day: string) {
  return db
    .select()
    .from(eligibilityCounts)
    .where(and(eq(eligibilityCounts.day, day)))
    .orderBy(asc(eligibilityCounts.program), asc(eligibilityCounts.outcome), asc(eligibilityCounts.ubigeo), asc(eligibilityCounts.channel));
}
