import { atomic } from "../../db/atomic";
import { attemptStatements, checkIdentity, isThrottleGuardConflict, type IdentityDeps } from "./identity-check";
import type { PersonRecord, VerifyInput, VerifyResult } from "./types";

export interface VerifyDeps extends IdentityDeps {
  db: Parameters<typeof atomic>[0];
}

/**
 * DNI + birth date → the person, or one answer that does not say which fact was wrong: the
 * one-shot form (the API, SMS `PAGO`) of what a conversation does in its turn. Reads and decides
 * (`checkIdentity`), then records the attempt in one write whose guard decides again at write
 * time; when a concurrent attempt locked the DNI or the client in between, the check runs again
 * and finds the lock. Failures count against the DNI, the DNI from this client and the client
 * (unknown DNIs too, so a lock says nothing about who is in the registry); every attempt is
 * audited by the DNI's keyed hash.
 */
export async function verifyIdentity(
  deps: VerifyDeps,
  input: VerifyInput,
  /** for one-shot queries: read the record once verified, and audit "shown" in the same write */
  show?: { what: string; read(dni: string): Promise<PersonRecord> },
): Promise<VerifyResult | (VerifyResult & { outcome: "verified"; record: PersonRecord })> {
  for (let round = 0; ; round++) {
    const { result, attempt } = await checkIdentity(deps, input);
    const record = result.outcome === "verified" && show ? await readAudited(deps, input, show) : undefined;
    try {
      await atomic(deps.db, await attemptStatements(deps, input, attempt, record ? show!.what : undefined));
    } catch (error) {
      // locked by a concurrent attempt after this one read: check again (it finds the lock)
      if (round === 0 && isThrottleGuardConflict(error)) continue;
      throw error;
    }
    return record && result.outcome === "verified" ? { ...result, record } : result;
  }
}

/** the record of a verified person; the attempt is audited even if it cannot be read */
async function readAudited(deps: VerifyDeps, input: VerifyInput, show: { read(dni: string): Promise<PersonRecord> }): Promise<PersonRecord> {
  try {
    return await show.read(input.dni);
  } catch (error) {
    await atomic(deps.db, await attemptStatements(deps, input, "verified")).catch(() => undefined);
    throw error;
  }
}
