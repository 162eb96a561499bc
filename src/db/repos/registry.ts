import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, classifications, enrolments, lookupThrottle, payments, persons } from "../schema";

/** Reads of the programs' registry by DNI, and the writes an identity check makes. */
export function registryRepo(db: Db) {
  // prepared once per database: every lookup runs these, and preparing SQL per request was the
  // largest cost of the USSD step (see BENCHMARKS.md)
  const byDni = { dni: sql.placeholder("dni") };
  const personQuery = db.select().from(persons).where(eq(persons.dni, byDni.dni)).prepare();
  const enrolmentsQuery = db.select().from(enrolments).where(eq(enrolments.dni, byDni.dni)).orderBy(asc(enrolments.program)).prepare();
  const classificationQuery = db.select().from(classifications).where(eq(classifications.dni, byDni.dni)).prepare();
  const paymentsQuery = db.select().from(payments).where(eq(payments.dni, byDni.dni)).orderBy(asc(payments.program), desc(payments.period)).prepare();
  const throttleQuery = db
    .select()
    .from(lookupThrottle)
    .where(sql`${lookupThrottle.key} in (${sql.placeholder("a")}, ${sql.placeholder("b")})`)
    .prepare();
  return {
    async person(dni: string) {
      return personQuery.get({ dni });
    },
    async enrolments(dni: string) {
      return enrolmentsQuery.all({ dni });
    },
    async classification(dni: string) {
      return classificationQuery.get({ dni });
    },
    /** newest period first within each program (the primary key's order, read backwards) */
    async payments(dni: string) {
      return paymentsQuery.all({ dni });
    },

    /** the DNI's and the client's rows */
    async throttleRows(keys: [string, string]) {
      return throttleQuery.all({ a: keys[0], b: keys[1] });
    },

    /**
     * One more failure for `key`, decided inside SQLite so two concurrent attempts cannot both
     * read "4 failures": a new window (or, with `resetOnUnlock`, an expired lock) starts again
     * at 1; reaching `max` locks until `now + lockMs`.
     */
    failureStatement(key: string, now: number, limits: { max: number; windowMs: number; lockMs: number; resetOnUnlock: boolean }) {
      const fresh = limits.resetOnUnlock
        ? sql`(${lookupThrottle.windowStart} <= ${now - limits.windowMs} or coalesce(${lookupThrottle.lockedUntil}, ${now + 1}) <= ${now})`
        : sql`(${lookupThrottle.windowStart} <= ${now - limits.windowMs})`;
      const next = sql`(case when ${fresh} then 1 else ${lookupThrottle.failures} + 1 end)`;
      return db
        .insert(lookupThrottle)
        .values({ key, failures: 1, windowStart: now, lockedUntil: limits.max <= 1 ? now + limits.lockMs : null })
        .onConflictDoUpdate({
          target: lookupThrottle.key,
          set: {
            failures: next,
            windowStart: sql`(case when ${fresh} then ${now} else ${lookupThrottle.windowStart} end)`,
            lockedUntil: sql`(case when ${next} >= ${limits.max} then ${now + limits.lockMs} when ${fresh} then null else ${lookupThrottle.lockedUntil} end)`,
          },
        });
    },

    clearStatement(key: string) {
      return db.delete(lookupThrottle).where(eq(lookupThrottle.key, key));
    },

    auditStatement(entry: { at: number; channel: string; action: string; subject: string; outcome: string; detail?: Record<string, unknown> }) {
      return db.insert(auditLog).values({
        at: entry.at,
        actor: `citizen:${entry.channel}`,
        action: entry.action,
        subject: entry.subject,
        channel: entry.channel,
        outcome: entry.outcome,
        detail: entry.detail ?? null,
      });
    },
  };
}

export type RegistryRepo = ReturnType<typeof registryRepo>;
