import { atomic } from "../../db/atomic";
import type { RegistryRepo } from "../../db/repos/registry";
import { maskName } from "./mask-name";
import type { VerifyInput, VerifyResult } from "./types";

export interface VerifyDeps {
  repo: RegistryRepo;
  db: Parameters<typeof atomic>[0];
  hash(value: string): Promise<string>;
  now(): number;
  limits: { maxFailures: number; windowMs: number; lockMs: number; clientMaxFailures: number };
}

/**
 * DNI + birth date → the person, or one answer that does not say which fact was wrong.
 * Failures count against the DNI (unknown DNIs too, so a lock says nothing about who is in the
 * registry) and against the client; every attempt is audited by the DNI's keyed hash.
 */
export async function verifyIdentity(deps: VerifyDeps, input: VerifyInput): Promise<VerifyResult> {
  const now = deps.now();
  const [dniHash, clientHash] = await Promise.all([deps.hash(`dni:${input.dni}`), deps.hash(`client:${input.client}`)]);
  const dniKey = `dni:${dniHash}`;
  const clientKey = `client:${clientHash}`;
  const audit = (outcome: string) => deps.repo.auditStatement({ at: now, channel: input.channel, action: "lookup.verify", subject: dniKey, outcome });

  const rows = await deps.repo.throttleRows([dniKey, clientKey]);
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  if (lockedUntil > now) {
    await audit("locked").run();
    return { outcome: "locked", retryAfterMs: lockedUntil - now };
  }

  const person = await deps.repo.person(input.dni);
  if (person && person.birthDate === input.birthDate) {
    const writes = [audit("verified")];
    // the person proved who they are: earlier failures on their DNI no longer count
    if (rows.some((r) => r.key === dniKey)) writes.push(deps.repo.clearStatement(dniKey) as never);
    await atomic(deps.db, writes);
    return { outcome: "verified", dni: person.dni, maskedName: maskName(person.firstNames, person.lastNames) };
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
  await atomic(deps.db, [
    audit(dniLocks || clientLocks ? "failed_locked" : "failed"),
    deps.repo.failureStatement(dniKey, now, { max: maxFailures, windowMs, lockMs, resetOnUnlock: true }) as never,
    deps.repo.failureStatement(clientKey, now, { max: clientMaxFailures, windowMs, lockMs: clientLockMs, resetOnUnlock: false }) as never,
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
