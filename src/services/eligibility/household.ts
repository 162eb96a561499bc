import type { Definitions } from "../programs/catalog";
import type { Household } from "./fields";

/**
 * Household members' ages → the counts the rules read, with the limits from the catalog
 * (a child of 35 months is under 3, one of 36 is not; a member of 18 is a minor, 19 is not).
 * For sources that know ages (registry imports, a help-desk form) rather than counts.
 */
export function householdFromAges(members: { years?: number; months?: number }[], definitions: Definitions): Required<Pick<Household, "childrenUnder3" | "childrenUnder19">> {
  const months = (m: { years?: number; months?: number }) => m.months ?? (m.years ?? Infinity) * 12;
  const years = (m: { years?: number; months?: number }) => m.years ?? Math.floor((m.months ?? Infinity) / 12);
  return {
    childrenUnder3: members.filter((m) => months(m) <= definitions.childUnder3MaxMonths).length,
    childrenUnder19: members.filter((m) => years(m) <= definitions.minorMaxYears).length,
  };
}
