import { PROGRAM_IDS } from "../../services/programs/catalog";
import type { RowRules, DistrictCodes } from "./rows";

/** The rules every import applies today: the catalog's programs, and districts when known. */
export function defaultRowRules(now = Date.now(), districts?: DistrictCodes): RowRules {
  return { programs: new Set<string>(PROGRAM_IDS), districts, today: new Date(now).toISOString().slice(0, 10) };
}
