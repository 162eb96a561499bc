import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { reusableWrite } from "../prepared-writes";
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
    .where(sql`${lookupThrottle.key} in (${sql.placeholder("a")}, ${sql.placeholder("b")}, ${sql.placeholder("c")})`)
    .prepare();
  // the audit rows of a lookup, one or two in one INSERT: a single statement is atomic by itself
  // (on D1 too), so "verified" and "shown" are written together without a transaction
  const auditRow = (i: number) => ({
    at: sql.placeholder(`at${i}`),
    actor: sql.placeholder(`actor${i}`),
    action: sql.placeholder(`action${i}`),
    subject: sql.placeholder(`subject${i}`),
    channel: sql.placeholder(`channel${i}`),
    outcome: sql.placeholder(`outcome${i}`),
  });
  const auditInserts = [
    db.insert(auditLog).values(auditRow(0) as never).prepare(),
    db.insert(auditLog).values([auditRow(0), auditRow(1)] as never).prepare(),
  ];
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

    /** the throttle rows of an identity check's keys (the DNI, the DNI from this client, the client) */
    async throttleRows(keys: [string, string, string]) {
      return throttleQuery.all({ a: keys[0], b: keys[1], c: keys[2] });
    },

    /**
     * One more failure for `key`, decided inside SQLite so two concurrent attempts cannot both
     * read "4 failures": a new window (or, with `resetOnUnlock`, an expired lock) starts again
     * at 1; reaching `max` locks until `now + lockMs`.
     */
    failureStatement(key: string, now: number, limits: FailureLimits) {
      return failureUpsert(db, limits.resetOnUnlock, failureParams(key, now, limits));
    },

    /**
     * The write-time guard of an identity check: fails the whole write (a primary-key conflict on
     * `lookup_throttle`, see `isThrottleGuardConflict`) when any of `keys` is locked by the time
     * the write runs. An attempt decided on rows read before a concurrent attempt locked them is
     * then never recorded nor answered: the caller checks again and finds the lock.
     */
    guardStatement(keys: string[], now: number) {
      // an identity check's three keys: built once per database (src/db/prepared-writes.ts)
      if (keys.length === 3) return guardOfThree(db, { a: keys[0], b: keys[1], c: keys[2], now });
      const list = sql.join(keys.map((k) => sql`${k}`), sql`, `);
      return db
        .insert(lookupThrottle)
        .select(sql`select ${lookupThrottle.key}, ${lookupThrottle.failures}, ${lookupThrottle.windowStart}, ${lookupThrottle.lockedUntil} from ${lookupThrottle} where ${lookupThrottle.key} in (${list}) and ${lookupThrottle.lockedUntil} > ${now}`);
    },

    /**
     * The audit row of a failed attempt, its outcome decided at write time: `failed_locked` when
     * the failures written just before it in the same write locked one of `keys`.
     */
    failureAuditStatement(entry: Omit<LookupAuditEntry, "outcome">, keys: string[]) {
      const list = sql.join(keys.map((k) => sql`${k}`), sql`, `);
      const outcome = sql`case when exists (select 1 from ${lookupThrottle} where ${lookupThrottle.key} in (${list}) and ${lookupThrottle.lockedUntil} > ${entry.at}) then 'failed_locked' else 'failed' end`;
      return db
        .insert(auditLog)
        .select(sql`select null, ${entry.at}, ${`citizen:${entry.channel}`}, ${entry.action}, ${entry.subject}, ${entry.channel}, ${outcome}, null`);
    },

    /** every throttle row of a DNI: its own and the ones per client (the help desk lifts a lock) */
    clearDniStatement(dniKey: string, pairPrefix: string) {
      // the pairs as a key range, not `like 'pair:<dni>:%'`: SQLite's LIKE is case-insensitive and
      // cannot use the primary key, so it scanned the whole table on every verified lookup
      const pairEnd = pairPrefix.slice(0, -1) + String.fromCharCode(pairPrefix.charCodeAt(pairPrefix.length - 1) + 1);
      return clearDni(db, { dniKey, pairPrefix, pairEnd });
    },

    clearStatement(key: string) {
      return db.delete(lookupThrottle).where(eq(lookupThrottle.key, key));
    },

    /** One or two audit rows (without detail) in one prepared INSERT. */
    async audit(entries: LookupAuditEntry[]): Promise<void> {
      if (entries.length === 0 || entries.length > auditInserts.length) throw new Error("one or two audit rows");
      await auditInserts[entries.length - 1].run(auditParams(entries));
    },

    auditStatement(entry: LookupAuditEntry & { detail?: Record<string, unknown>; actor?: string }) {
      // the lookups' rows (no detail): built once per database; a detail goes through drizzle's JSON mapping
      if (entry.detail === undefined)
        return lookupAuditRow(db, { at: entry.at, actor: entry.actor ?? `citizen:${entry.channel}`, action: entry.action, subject: entry.subject, channel: entry.channel, outcome: entry.outcome });
      return db.insert(auditLog).values({
        at: entry.at,
        actor: entry.actor ?? `citizen:${entry.channel}`,
        action: entry.action,
        subject: entry.subject,
        channel: entry.channel,
        outcome: entry.outcome,
        detail: entry.detail ?? null,
      });
    },
  };
}

// The writes of every identity check (a lookup, a conversation's check), built by drizzle once per
// database instead of per request: building them was ~15 % of the lookup server's CPU under load.
const guardOfThree = reusableWrite<{ a: string; b: string; c: string; now: number }>((db, v) =>
  db
    .insert(lookupThrottle)
    .select(
      sql`select ${lookupThrottle.key}, ${lookupThrottle.failures}, ${lookupThrottle.windowStart}, ${lookupThrottle.lockedUntil} from ${lookupThrottle} where ${lookupThrottle.key} in (${v("a")}, ${v("b")}, ${v("c")}) and ${lookupThrottle.lockedUntil} > ${v("now")}`,
    ),
);
const clearDni = reusableWrite<{ dniKey: string; pairPrefix: string; pairEnd: string }>((db, v) =>
  db.delete(lookupThrottle).where(sql`${lookupThrottle.key} = ${v("dniKey")} or (${lookupThrottle.key} >= ${v("pairPrefix")} and ${lookupThrottle.key} < ${v("pairEnd")})`),
);
const lookupAuditRow = reusableWrite<{ at: number; actor: string; action: string; subject: string; channel: string; outcome: string }>((db, v) =>
  db.insert(auditLog).values({ at: v("at"), actor: v("actor"), action: v("action"), subject: v("subject"), channel: v("channel"), outcome: v("outcome") } as never),
);

export interface FailureLimits {
  max: number;
  windowMs: number;
  lockMs: number;
  resetOnUnlock: boolean;
}

const FAILURE_PARAMS = ["key", "now", "windowFloor", "nowPlusOne", "max", "lockUntil", "firstLock"] as const;
type FailureParams = Record<(typeof FAILURE_PARAMS)[number], unknown>;

function failureParams(key: string, now: number, limits: FailureLimits): FailureParams {
  return {
    key,
    now,
    windowFloor: now - limits.windowMs,
    nowPlusOne: now + 1,
    max: limits.max,
    lockUntil: now + limits.lockMs,
    firstLock: limits.max <= 1 ? now + limits.lockMs : null,
  };
}

/** the upsert of `failureStatement`, with values or with placeholders (to prepare it once) */
function failureUpsert(db: Db, resetOnUnlock: boolean, v: FailureParams) {
  const fresh = resetOnUnlock
    ? sql`(${lookupThrottle.windowStart} <= ${v.windowFloor} or coalesce(${lookupThrottle.lockedUntil}, ${v.nowPlusOne}) <= ${v.now})`
    : sql`(${lookupThrottle.windowStart} <= ${v.windowFloor})`;
  const next = sql`(case when ${fresh} then 1 else ${lookupThrottle.failures} + 1 end)`;
  return db
    .insert(lookupThrottle)
    .values({ key: v.key, failures: 1, windowStart: v.now, lockedUntil: v.firstLock } as never)
    .onConflictDoUpdate({
      target: lookupThrottle.key,
      set: {
        failures: next,
        windowStart: sql`(case when ${fresh} then ${v.now} else ${lookupThrottle.windowStart} end)`,
        lockedUntil: sql`(case when ${next} >= ${v.max} then ${v.lockUntil} when ${fresh} then null else ${lookupThrottle.lockedUntil} end)`,
      },
    });
}

function auditParams(entries: LookupAuditEntry[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  entries.forEach((e, i) => {
    params[`at${i}`] = e.at;
    params[`actor${i}`] = `citizen:${e.channel}`;
    params[`action${i}`] = e.action;
    params[`subject${i}`] = e.subject;
    params[`channel${i}`] = e.channel;
    params[`outcome${i}`] = e.outcome;
  });
  return params;
}

export interface LookupAuditEntry {
  at: number;
  channel: string;
  action: string;
  /** `dni:<keyed hash>` */
  subject: string;
  outcome: string;
}

export type RegistryRepo = ReturnType<typeof registryRepo>;
