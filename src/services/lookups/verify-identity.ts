import { atomic } from "../../db/atomic";
import type { RegistryRepo } from "../../db/repos/registry";
import { maskName } from "./mask-name";
import type { PersonRecord, VerifyInput, VerifyResult } from "./types";

export interface VerifyDeps {
  repo: RegistryRepo;
  db: Parameters<typeof atomic>[0];
  hash(value: string): Promise<string>;
  now(): number;
  limits: { maxFailures: number; windowMs: number; lockMs: number; clientMaxFailures: number };
  /** runs the check exclusively per DNI and per client (createKeyedQueue); without it, no ordering */
  exclusive?<T>(keys: string[], task: () => Promise<T>): Promise<T>;
}

/**
 * DNI + birth date → the person, or one answer that does not say which fact was wrong.
 * Failures count against the DNI (unknown DNIs too, so a lock says nothing about who is in the
 * registry) and against the client; every attempt is audited by the DNI's keyed hash.
 */
export async function verifyIdentity(
  deps: VerifyDeps,
  input: VerifyInput,
  /** for one-shot queries: read the record once verified, and audit "shown" in the same write */
  show?: { what: string; read(dni: string): Promise<PersonRecord> },
): Promise<VerifyResult | (VerifyResult & { outcome: "verified"; record: PersonRecord })> {
  const now = deps.now();
  const [dniHash, clientHash] = await Promise.all([deps.hash(`dni:${input.dni}`), deps.hash(`client:${input.client}`)]);
  const dniKey = `dni:${dniHash}`;
  const clientKey = `client:${clientHash}`;
  // read the throttle, decide and record the outcome with no other attempt at this DNI or from
  // this client in between (see keyed-queue.ts)
  if (deps.exclusive) return deps.exclusive([dniKey, clientKey], () => checkAndRecord(deps, input, dniKey, clientKey, show));
  return checkAndRecord(deps, input, dniKey, clientKey, show);
}

async function checkAndRecord(
  deps: VerifyDeps,
  input: VerifyInput,
  dniKey: string,
  clientKey: string,
  show?: { what: string; read(dni: string): Promise<PersonRecord> },
): Promise<VerifyResult | (VerifyResult & { outcome: "verified"; record: PersonRecord })> {
  const now = deps.now();
  const rows = await deps.repo.throttleRows([dniKey, clientKey]);
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  if (lockedUntil > now) {
    await deps.repo.audit([{ at: now, channel: input.channel, action: "lookup.verify", subject: dniKey, outcome: "locked" }]);
    return { outcome: "locked", retryAfterMs: lockedUntil - now };
  }

  const person = await deps.repo.person(input.dni);
  if (person && person.birthDate === input.birthDate) {
    const verified = { outcome: "verified" as const, dni: person.dni, maskedName: maskName(person.firstNames, person.lastNames) };
    const entries = [{ at: now, channel: input.channel, action: "lookup.verify", subject: dniKey, outcome: "verified" }];
    let record: PersonRecord | undefined;
    if (show) {
      try {
        record = await show.read(person.dni);
      } catch (error) {
        await deps.repo.audit(entries); // the attempt is audited even if the record could not be read
        throw error;
      }
      entries.push({ at: now, channel: input.channel, action: `lookup.${show.what}`, subject: dniKey, outcome: "shown" });
    }
    if (rows.some((r) => r.key === dniKey)) {
      // the person proved who they are: earlier failures on their DNI no longer count
      await atomic(deps.db, [...entries.map((e) => deps.repo.auditStatement(e)), deps.repo.clearStatement(dniKey) as never]);
    } else {
      // the usual case: the audit rows in one prepared statement, atomic by itself
      await deps.repo.audit(entries);
    }
    return record ? { ...verified, record } : verified;
  }

  const { maxFailures, windowMs, lockMs, clientMaxFailures } = deps.limits;
  const dniRow = rows.find((r) => r.key === dniKey);
  const clientRow = rows.find((r) => r.key === clientKey);
  const dniLocks = failuresAfter(dniRow, now, windowMs, true) >= maxFailures;
  const clientFailures = failuresAfter(clientRow, now, windowMs, false);
  // a client that keeps failing waits longer each time: 1 minute at the limit, doubling with
  // every further failure, never more than the DNI lock (slow for a script, harmless for a person)
  const clientLockMs = Math.min(lockMs, 60_000 * 2 ** Math.max(0, clientFailures - clientMaxFailures));
  const clientLocks = clientFailures >= clientMaxFailures;
  await deps.repo.recordFailure({ at: now, channel: input.channel, action: "lookup.verify", subject: dniKey, outcome: dniLocks || clientLocks ? "failed_locked" : "failed" }, [
    { key: dniKey, now, limits: { max: maxFailures, windowMs, lockMs, resetOnUnlock: true } },
    { key: clientKey, now, limits: { max: clientMaxFailures, windowMs, lockMs: clientLockMs, resetOnUnlock: false } },
  ]);
  if (dniLocks) return { outcome: "locked", retryAfterMs: lockMs };
  if (clientLocks) return { outcome: "locked", retryAfterMs: clientLockMs };
  return { outcome: "failed" };
}

type Row = { failures: number; windowStart: number; lockedUntil: number | null } | undefined;

/** the failure count once this failure is added (mirrors the SQL in failureStatement) */
function failuresAfter(row: Row, now: number, windowMs: number, resetOnUnlock: boolean): number {
  if (!row) return 1;
  const fresh = row.windowStart <= now - windowMs || (resetOnUnlock && row.lockedUntil !== null && row.lockedUntil <= now);
  return fresh ? 1 : row.failures + 1;
}
