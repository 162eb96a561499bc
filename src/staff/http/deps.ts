import type { Config } from "../../config";
import type { Db } from "../../db/client";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";
import type { ComplaintsService } from "../../services/complaints";
import type { DistrictDirectory } from "../../services/districts/directory";
import type { EligibilityService } from "../../services/eligibility/service";

/** What the console needs from the app context. */
export interface StaffDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => number;
  i18n: Translator;
  complaints: ComplaintsService;
  districts: DistrictDirectory;
  eligibility: EligibilityService;
}
