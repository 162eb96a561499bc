import type { BatchItem } from "drizzle-orm/batch";
import type { Config } from "../../config";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { registryRepo } from "../../db/repos/registry";
import { attemptStatements, checkIdentity, lockFor, throttleKeys } from "./identity-check";
import { createKeyedHash } from "./keyed-hash";
import { auditShownStatement, readRecord } from "./read-record";
import type { LookupService } from "./types";
import { verifyIdentity } from "./verify-identity";

/** "My payments / my status": identity check, then the person's own record; built once per app. */
export function createLookupService(deps: { db: Db; config: Config; now(): number }): LookupService {
  const repo = registryRepo(deps.db);
  const hash = createKeyedHash(deps.config.appSecret);
  const verifyDeps = { repo, db: deps.db, hash, now: deps.now, limits: deps.config.lookup };
  const read = (dni: string) => readRecord({ repo, now: deps.now }, dni);
  return {
    verify: (input) => verifyIdentity(verifyDeps, input),
    check: (input) => checkIdentity(verifyDeps, input),
    lockedFor: (input) => lockFor(verifyDeps, input),
    attemptStatements: (input, attempt) => attemptStatements(verifyDeps, input, attempt),
    async verifyAndRead(input, what) {
      const result = await verifyIdentity(verifyDeps, input, { what, read });
      return result as Awaited<ReturnType<LookupService["verifyAndRead"]>>;
    },
    record: read,
    shownStatement: (dni, shown) => auditShownStatement({ repo, now: deps.now, hash }, dni, shown),
    async unlock(dni, by) {
      const keys = await throttleKeys(hash, { dni, client: "" });
      const audit = { at: deps.now(), actor: by.actor, channel: by.channel, action: "lookup.unlock", subject: keys.dni, outcome: "unlocked" };
      const statements = [repo.clearDniStatement(keys.dni, keys.pairPrefix), repo.auditStatement(audit)];
      await atomic(deps.db, statements as unknown as BatchItem<"sqlite">[]);
    },
  };
}
