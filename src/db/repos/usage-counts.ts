import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { reusableWrite } from "../prepared-writes";
import { usageRollupStatements } from "./insight-rollups";
import { usageCounts, type UsageOutcome, type UsageSection } from "../schema";

export interface UsageKey {
  day: string;
  channel: string;
  lang: string;
  section: UsageSection;
  department: string;
  outcome: UsageOutcome;
  node: string;
}

/** One "+1" (usage_counts and the insight rollups), to put in the same atomic write as the turn that caused it. */
export function incrementUsageStatements(db: Db, key: UsageKey): BatchItem<"sqlite">[] {
  return [incrementUsageCount(db, key), ...usageRollupStatements(db, key)];
}

// built once per database on better-sqlite3 (src/db/prepared-writes.ts): two of a USSD walk's steps count
const incrementUsageCount = reusableWrite<UsageKey>((db, v) =>
  db
    .insert(usageCounts)
    .values({ day: v("day"), channel: v("channel"), lang: v("lang"), section: v("section"), department: v("department"), outcome: v("outcome"), node: v("node"), count: 1 } as never)
    .onConflictDoUpdate({
      target: [usageCounts.day, usageCounts.channel, usageCounts.lang, usageCounts.section, usageCounts.department, usageCounts.outcome, usageCounts.node],
      set: { count: sql`${usageCounts.count} + 1` },
    }),
);
