import type { Db } from "../../db/client";
import type { Translator } from "../../i18n/translator";
import type { DistrictDirectory } from "../districts/directory";
import type { BroadcastPrices } from "./measure";

/** What the broadcast verbs need. */
export interface BroadcastDeps {
  db: Db;
  now: () => number;
  i18n: Translator;
  /** the keyed hash of APP_SECRET: consents know people only by it */
  hash(value: string): Promise<string>;
  districts: DistrictDirectory;
  programs: readonly string[];
  prices: BroadcastPrices;
  /** the SMS answer cap (SMS_MAX_SEGMENTS): a broadcast must fit it in every language */
  maxSmsSegments: number;
}
