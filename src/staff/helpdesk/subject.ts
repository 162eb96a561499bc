import { createKeyedHash } from "../../services/lookups/keyed-hash";

/**
 * How the audit names a person looked up at a help desk: exactly as the citizens' verified lookups
 * do (`dni:` + HMAC-SHA256 of `dni:<DNI>` under APP_SECRET, src/services/lookups), so one hash finds
 * every lookup of a DNI, by phone or at a desk, without the audit table holding DNIs in clear.
 */
const hashes = new Map<string, (value: string) => Promise<string>>();

export async function dniSubject(secret: string, dni: string): Promise<string> {
  let hash = hashes.get(secret);
  if (!hash) hashes.set(secret, (hash = createKeyedHash(secret)));
  return `dni:${await hash(`dni:${dni}`)}`;
}
