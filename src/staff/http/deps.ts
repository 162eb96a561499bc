import type { Config } from "../../config";
import type { Db } from "../../db/client";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";

/** What the console needs from the app context. */
export interface StaffDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => number;
  i18n: Translator;
}
