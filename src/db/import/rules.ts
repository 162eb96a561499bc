import { PROGRAM_IDS } from "../../services/programs/catalog";
import { createDistrictDirectory, type DistrictDirectory } from "../../services/districts/directory";
import type { RowRules } from "./rows";

/** The rules every import applies today: the catalog's programs and Peru's districts (INEI codes). */
export function defaultRowRules(now = Date.now(), directory: DistrictDirectory = createDistrictDirectory()): RowRules {
  return {
    programs: new Set<string>(PROGRAM_IDS),
    districts: { isInei: (code) => directory.get(code) !== undefined, fromReniec: (code) => directory.fromReniec(code) },
    today: new Date(now).toISOString().slice(0, 10),
  };
}
