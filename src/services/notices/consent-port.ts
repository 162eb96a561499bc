import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import type { ConsentChannel } from "../../db/schema";
import type { Lang } from "../../i18n/langs";
import { grantConsentStatements, isConsentGranted, personKeyOf, revokeConsentStatements } from "./consent";

/**
 * What the conversations need of consent: a read for the offer screen (does this person already
 * receive notices on this number?) and the statements the conversation runner commits with the
 * session for the `consent.given` / `consent.revoked` effects.
 */
export interface NoticeConsentService {
  granted(query: { dni: string; channel: ConsentChannel; address: string }): Promise<boolean>;
  grantStatements(input: { dni: string; channel: ConsentChannel; address: string; lang: Lang; via: string }): Promise<BatchItem<"sqlite">[]>;
  /** `dni` omitted: every consent on `address` (BAJA) */
  revokeStatements(input: { dni?: string; address: string; via: "keyword" | "menu"; channel: string }): Promise<BatchItem<"sqlite">[]>;
}

export function createNoticeConsentService(deps: { db: Db; hash(value: string): Promise<string>; now(): number }): NoticeConsentService {
  return {
    granted: async ({ dni, channel, address }) => isConsentGranted(deps.db, { personKey: await personKeyOf(deps.hash, dni), channel, address }),
    grantStatements: (input) => grantConsentStatements(deps, { ...input, actor: `citizen:${input.via}` }),
    revokeStatements: ({ dni, address, via, channel }) => revokeConsentStatements(deps, { dni, address, via, actor: `citizen:${channel}` }),
  };
}
