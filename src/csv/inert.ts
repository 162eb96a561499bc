/**
 * A cell Excel or LibreOffice would run as a formula (=, +, @, a tab or CR first, or - before a
 * letter) gets a leading apostrophe, so a file opened by staff cannot fetch or run anything.
 */
export function inertCell(value: string): string {
  return /^[=+@\t\r]|^-[^\d.]/.test(value) ? `'${value}` : value;
}
