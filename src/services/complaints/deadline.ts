import { nationalHolidays } from "../calendar/holiday-table";
import { HOLIDAYS_COMPLETE_THROUGH, isNonWorkingDay } from "../calendar/holidays";

/** Peru has no daylight saving time: Lima is UTC−5 all year. */
const LIMA_OFFSET_MS = -5 * 3_600_000;

/** The calendar date in Lima (YYYY-MM-DD) of an instant. */
export function limaDate(ms: number): string {
  return new Date(ms + LIMA_OFFSET_MS).toISOString().slice(0, 10);
}

export function isBusinessDay(isoDate: string): boolean {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  // past the table's last year, the holidays the law sets today (decreed days are not known yet)
  if (date.getUTCFullYear() > HOLIDAYS_COMPLETE_THROUGH) return !nationalHolidays(date.getUTCFullYear()).some((h) => h.date === isoDate);
  return !isNonWorkingDay(isoDate);
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The date `businessDays` Peruvian business days after `fromDate`: the day of filing does not
 * count, weekends and national public holidays are skipped (regional holidays are not national
 * and do not move a national office's deadline).
 */
export function addBusinessDays(fromDate: string, businessDays: number): string {
  let date = fromDate;
  let left = businessDays;
  while (left > 0) {
    date = nextDay(date);
    if (isBusinessDay(date)) left -= 1;
  }
  return date;
}

/** The deadline for a complaint filed at `filedAt` (ms) with a term of `businessDays`. */
export function complaintDeadline(filedAt: number, businessDays: number): string {
  return addBusinessDays(limaDate(filedAt), businessDays);
}

/** YYYY-MM-DD → DD/MM/YYYY, how dates are written to people in Peru. */
export function formatPeruvianDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}

/** YYYY-MM-DD plus `days` calendar days (the queue's "vence en ≤ N días"). */
export function addCalendarDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
