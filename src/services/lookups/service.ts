import type { Config } from "../../config";
import type { Db } from "../../db/client";
import { registryRepo } from "../../db/repos/registry";
import { createKeyedHash } from "./keyed-hash";
import { auditShownStatement, readRecord } from "./read-record";
import type { LookupService } from "./types";
import { verifyIdentity } from "./verify-identity";
import { createKeyedQueue } from "./keyed-queue";

/** "My payments / my status": identity check, then the person's own record; built once per app. */
export function createLookupService(deps: { db: Db; config: Config; now(): number }): LookupService {
  const repo = registryRepo(deps.db);
  const hash = createKeyedHash(deps.config.appSecret);
  const verifyDeps = { repo, db: deps.db, hash, now: deps.now, limits: deps.config.lookup, exclusive: createKeyedQueue() };
  const read = (dni: string) => readRecord({ repo, now: deps.now }, dni);
  return {
    verify: (input) => verifyIdentity(verifyDeps, input),
    async verifyAndRead(input, what) {
      const result = await verifyIdentity(verifyDeps, input, { what, read });
      return result as Awaited<ReturnType<LookupService["verifyAndRead"]>>;
    },
    record: read,
    shownStatement: (dni, shown) => auditShownStatement({ repo, now: deps.now, hash }, dni, shown),
  };
}
