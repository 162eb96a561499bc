import type { BatchItem } from "drizzle-orm/batch";
import { isUniqueViolation } from "../../db/repos/inbound-messages";
import type { RegistryRepo } from "../../db/repos/registry";
import { maskName } from "./mask-name";
import type { AttemptKind, IdentityCheck, VerifyInput } from "./types";

export interface IdentityDeps {
  repo: RegistryRepo;
  hash(value: string): Promise<string>;
  now(): number;
  limits: LookupLimits;
}

export interface LookupLimits {
  /** failures of one client at one DNI before that pair is locked (`LOOKUP_MAX_FAILURES`) */
  maxFailures: number;
  /** failures at one DNI from all clients together before the DNI is locked (`LOOKUP_DNI_MAX_FAILURES`) */
  dniMaxFailures: number;
  windowMs: number;
  lockMs: number;
  /** failures of one client over all DNIs before it is slowed down (`LOOKUP_CLIENT_MAX_FAILURES`) */
  clientMaxFailures: number;
}

/**
 * The throttle keys of an attempt, all keyed hashes (never a DNI or a phone):
 * - `dni:<h>`: every failure at this DNI, from anyone: a distributed guesser's bound;
 * - `pair:<h>:<c>`: this client's failures at this DNI: what locks a single guesser out,
 *   so nobody can lock the real person out of their other phones and channels alone;
 * - `client:<c>`: this client's failures at any DNI: one phone walking many DNIs is slowed.
 */
export async function throttleKeys(hash: IdentityDeps["hash"], input: Pick<VerifyInput, "dni" | "client">) {
  const [d, c] = await Promise.all([hash(`dni:${input.dni}`), hash(`client:${input.client}`)]);
  return { dni: `dni:${d}`, pair: `pair:${d}:${c}`, pairPrefix: `pair:${d}:`, client: `client:${c}` };
}

/**
 * The read half of an identity check: reads the throttle rows and the person and decides, writing
 * nothing. `attemptStatements` is the write half, committed by the caller (with the conversation's
 * session, or alone), and decides again at write time: see `guardStatement`.
 */
export async function checkIdentity(deps: IdentityDeps, input: VerifyInput): Promise<IdentityCheck> {
  const now = deps.now();
  const keys = await throttleKeys(deps.hash, input);
  const rows = await deps.repo.throttleRows([keys.dni, keys.pair, keys.client]);
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  if (lockedUntil > now) return { result: { outcome: "locked", retryAfterMs: lockedUntil - now }, attempt: "refused", remaining: 0 };

  const person = await deps.repo.person(input.dni);
  if (person && person.birthDate === input.birthDate) {
    return { result: { outcome: "verified", dni: person.dni, maskedName: maskName(person.firstNames, person.lastNames) }, attempt: "verified", remaining: deps.limits.maxFailures };
  }

  const { maxFailures, dniMaxFailures, windowMs, lockMs, clientMaxFailures } = deps.limits;
  const row = (key: string) => rows.find((r) => r.key === key);
  const pairFailures = failuresAfter(row(keys.pair), now, windowMs, true);
  const dniFailures = failuresAfter(row(keys.dni), now, windowMs, true);
  const clientFailures = failuresAfter(row(keys.client), now, windowMs, false);
  // a client that keeps failing waits longer each time: 1 minute at the limit, doubling with
  // every further failure, never more than the DNI lock (slow for a script, harmless for a person)
  const clientLockMs = clientLock(deps.limits, clientFailures);
  const remaining = Math.max(0, Math.min(maxFailures - pairFailures, dniMaxFailures - dniFailures));
  if (pairFailures >= maxFailures || dniFailures >= dniMaxFailures) return { result: { outcome: "locked", retryAfterMs: lockMs }, attempt: "failed", remaining: 0 };
  if (clientFailures >= clientMaxFailures) return { result: { outcome: "locked", retryAfterMs: clientLockMs }, attempt: "failed", remaining };
  return { result: { outcome: "failed" }, attempt: "failed", remaining };
}

/** A lock on this DNI for this client (or for everyone), read only: said at once, before the date is asked. */
export async function lockFor(deps: IdentityDeps, input: Pick<VerifyInput, "dni" | "client">): Promise<{ retryAfterMs: number } | null> {
  const now = deps.now();
  const keys = await throttleKeys(deps.hash, input);
  const rows = await deps.repo.throttleRows([keys.dni, keys.pair, keys.client]);
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  return lockedUntil > now ? { retryAfterMs: lockedUntil - now } : null;
}

/**
 * The write half: the statements that record an attempt (see `checkIdentity`), to commit in one
 * atomic write. A verified or failed attempt starts with the guard, so it is only recorded (and
 * answered) if nothing was locked in between; `shown` adds the audit row of what a verified
 * person is shown in the same write.
 */
export async function attemptStatements(
  deps: IdentityDeps,
  input: Pick<VerifyInput, "dni" | "client" | "channel">,
  attempt: AttemptKind,
  shown?: string,
): Promise<BatchItem<"sqlite">[]> {
  const now = deps.now();
  const keys = await throttleKeys(deps.hash, input);
  const entry = { at: now, channel: input.channel, action: "lookup.verify", subject: keys.dni };
  const all = [keys.dni, keys.pair, keys.client];
  const guard = deps.repo.guardStatement(all, now) as unknown as BatchItem<"sqlite">;
  switch (attempt) {
    case "refused":
      return [deps.repo.auditStatement({ ...entry, outcome: "locked" }) as unknown as BatchItem<"sqlite">];
    case "verified": {
      const audit = [deps.repo.auditStatement({ ...entry, outcome: "verified" })];
      if (shown) audit.push(deps.repo.auditStatement({ ...entry, action: `lookup.${shown}`, outcome: "shown" }));
      // the person proved who they are: earlier failures at their DNI no longer count
      const clear = deps.repo.clearDniStatement(keys.dni, keys.pairPrefix);
      return [guard, ...audit, clear] as unknown as BatchItem<"sqlite">[];
    }
    case "failed": {
      const { maxFailures, dniMaxFailures, windowMs, lockMs } = deps.limits;
      const rows = await deps.repo.throttleRows([keys.dni, keys.pair, keys.client]);
      const clientFailures = failuresAfter(rows.find((r) => r.key === keys.client), now, windowMs, false);
      return [
        guard,
        deps.repo.failureStatement(keys.pair, now, { max: maxFailures, windowMs, lockMs, resetOnUnlock: true }),
        deps.repo.failureStatement(keys.dni, now, { max: dniMaxFailures, windowMs, lockMs, resetOnUnlock: true }),
        deps.repo.failureStatement(keys.client, now, { max: deps.limits.clientMaxFailures, windowMs, lockMs: clientLock(deps.limits, clientFailures), resetOnUnlock: false }),
        deps.repo.failureAuditStatement(entry, all),
      ] as unknown as BatchItem<"sqlite">[];
    }
  }
}

/** True when a write failed on the guard: a concurrent attempt locked a key after this one read it. */
export function isThrottleGuardConflict(error: unknown): boolean {
  if (!isUniqueViolation(error)) return false;
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (/lookup_throttle/i.test(String((e as { message?: unknown }).message ?? ""))) return true;
  }
  return false;
}

function clientLock(limits: LookupLimits, clientFailures: number): number {
  return Math.min(limits.lockMs, 60_000 * 2 ** Math.max(0, clientFailures - limits.clientMaxFailures));
}

type Row = { failures: number; windowStart: number; lockedUntil: number | null } | undefined;

/** the failure count once this failure is added (mirrors the SQL in failureStatement) */
function failuresAfter(row: Row, now: number, windowMs: number, resetOnUnlock: boolean): number {
  if (!row) return 1;
  const fresh = row.windowStart <= now - windowMs || (resetOnUnlock && row.lockedUntil !== null && row.lockedUntil <= now);
  return fresh ? 1 : row.failures + 1;
}
