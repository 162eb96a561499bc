import { PROGRAM_IDS, loadCatalog, type ProgramCatalog } from "../../services/programs/catalog";
import { KNOWN_REASONS } from "../../engine/flows/lookup-pages";
import { createDistrictDirectory, type DistrictDirectory } from "../../services/districts/directory";
import { PROGRAM_STARTS } from "./program-dates";
import type { ProgramBenefit, RowRules } from "./rows";

/** How far ahead a payment can be scheduled: periods later than this many months from now are typos. */
const SCHEDULE_MONTHS = 24;

/**
 * The rules every import applies today: the catalog's programs and current benefits, their start
 * dates, Peru's districts (INEI codes) and the enrolment reasons the service can explain.
 */
export function defaultRowRules(now = Date.now(), directory: DistrictDirectory = createDistrictDirectory(), catalog: ProgramCatalog = loadCatalog()): RowRules {
  const today = new Date(now);
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + SCHEDULE_MONTHS, 1));
  const benefits = new Map<string, ProgramBenefit>();
  for (const p of catalog.programs) benefits.set(p.id, { cents: p.benefit.amount === null ? null : Math.round(p.benefit.amount * 100), asOf: p.benefit.asOf });
  return {
    programs: new Set<string>(PROGRAM_IDS),
    districts: { isInei: (code) => directory.get(code) !== undefined, fromReniec: (code) => directory.fromReniec(code) },
    today: today.toISOString().slice(0, 10),
    benefits,
    starts: PROGRAM_STARTS,
    lastPeriod: last.toISOString().slice(0, 7),
    reasons: new Set<string>(KNOWN_REASONS),
  };
}
