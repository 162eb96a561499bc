import type { Config } from "../../config";
import type { Db } from "../../db/client";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";
import type { ComplaintsService } from "../../services/complaints";
import type { DistrictDirectory } from "../../services/districts/directory";
import type { EligibilityService } from "../../services/eligibility/service";
import type { VoiceBank } from "../../voice/bank";
import type { MediaStore } from "../../voice/prompt-bank";

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
  /** the voice studio (/staff/voice): the prompt bank and the media store; absent, the studio is not mounted */
  voice?: { bank: VoiceBank; media: MediaStore };
}
