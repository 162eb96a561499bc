import table from "../../../db/catalog/holidays.json";
import { holidayTableSchema } from "./holiday-table";

/** Validated once at load: a broken table stops the service at start, not a deadline later. */
const HOLIDAYS = holidayTableSchema.parse(table);
const NON_WORKING = new Set(HOLIDAYS.days.map((d) => d.date));

/** The last year the holiday table covers in full. */
export const HOLIDAYS_COMPLETE_THROUGH = HOLIDAYS.completeThrough;

/** A national holiday or a decreed public-sector non-working day (not weekends). */
export function isNonWorkingDay(isoDate: string): boolean {
  return NON_WORKING.has(isoDate);
}
