import { CSE_LEVELS } from "../schema/classifications";
import { ENROLMENT_STATUSES } from "../schema/enrolments";
import { PAYMENT_STATUSES } from "../schema/payments";

/**
 * The registry's CSV formats: expected header and a validator per kind that turns one record
 * into the values of the upsert, or says which field is wrong and why. Pure functions, so the
 * same rules serve the CLI, the demo loader and the tests.
 */
export const IMPORT_KINDS = ["persons", "enrolments", "classifications", "payments"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type SqlValue = string | number | null;
export type RowResult = { ok: true; values: SqlValue[] } | { ok: false; field: string; reason: string };

/** How district codes are checked and translated; without a district table, 6 digits are enough. */
export interface DistrictCodes {
  /** true when `code` is a known INEI district */
  isInei(code: string): boolean;
  /** the INEI code for a RENIEC one, or undefined */
  fromReniec(code: string): string | undefined;
}

export interface RowRules {
  programs: ReadonlySet<string>;
  districts?: DistrictCodes;
  /** today, YYYY-MM-DD (birth dates in the future are rejected) */
  today: string;
}

export const HEADERS: Record<ImportKind, string[]> = {
  persons: ["dni", "birth_date", "first_names", "last_names", "ubigeo", "phone"],
  enrolments: ["dni", "program", "status", "since", "status_reason"],
  classifications: ["dni", "level", "valid_until"],
  payments: ["dni", "program", "period", "amount", "status", "available_from", "available_until", "payment_point"],
};

/**
 * The header a file may have instead: a persons file exported with RENIEC district codes
 * names its column `ubigeo_reniec`, and the codes are translated to INEI on import.
 */
export const RENIEC_PERSONS_HEADER = ["dni", "birth_date", "first_names", "last_names", "ubigeo_reniec", "phone"];

const DNI = /^\d{8}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const AMOUNT = /^\d{1,7}(\.\d{1,2})?$/;
const REASON = /^[a-z0-9_]{1,40}$/;
const UBIGEO = /^\d{6}$/;
const MAX_NAME = 100;
const MAX_POINT = 80;

const statuses = new Set<string>(ENROLMENT_STATUSES);
const paymentStatuses = new Set<string>(PAYMENT_STATUSES);
const levels = new Set<string>(CSE_LEVELS);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(value: string): boolean {
  // runs millions of times per import: the regex only, then plain arithmetic (no match groups)
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = (value.charCodeAt(5) - 48) * 10 + (value.charCodeAt(6) - 48);
  const day = (value.charCodeAt(8) - 48) * 10 + (value.charCodeAt(9) - 48);
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

/**
 * Enum values as staff type them in Excel: `ACTIVO`, `Suspendido`, `En evaluación`, `POBRE EXTREMO`
 * → `activo`, `suspendido`, `en_evaluacion`, `pobre_extremo` (lower case, accents dropped, spaces
 * as `_`). The exact value skips the work, so a clean export pays nothing.
 */
export function foldEnum(raw: string, known: ReadonlySet<string>): string {
  if (known.has(raw)) return raw;
  return raw
    .trim()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const fail = (field: string, reason: string): RowResult => ({ ok: false, field, reason });

function checkDni(dni: string | undefined): RowResult | null {
  return dni !== undefined && DNI.test(dni) ? null : fail("dni", "the DNI must be 8 digits");
}

/** Peruvian numbers as `9XXXXXXXX`, `51 9XX…` or `+519XX…` → E.164; empty → null. */
function normalizePhone(raw: string): string | null | undefined {
  const digits = raw.replace(/[\s-]/g, "");
  if (digits === "") return null;
  const m = /^(?:\+?51)?(9\d{8})$/.exec(digits);
  return m ? `+51${m[1]}` : undefined;
}

/** Amount in soles with a dot (`200`, `350.5`, `12.30`) → integer cents. */
function toCents(raw: string): number | undefined {
  if (!AMOUNT.test(raw)) return undefined;
  const dot = raw.indexOf(".");
  if (dot < 0) return Number(raw) * 100;
  const fraction = raw.length - dot - 1; // 1 or 2 digits (the regex says so)
  return Number(raw.slice(0, dot)) * 100 + Number(raw.slice(dot + 1)) * (fraction === 1 ? 10 : 1);
}

export function validatePerson(r: string[], rules: RowRules, reniec = false): RowResult {
  const [dni, birthDate, firstNames, lastNames, rawUbigeo, rawPhone] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  if (!isDate(birthDate) || birthDate > rules.today) return fail("birth_date", "not a past date as YYYY-MM-DD");
  const first = firstNames.trim();
  const last = lastNames.trim();
  if (first === "" || first.length > MAX_NAME) return fail("first_names", `required, at most ${MAX_NAME} characters`);
  if (last === "" || last.length > MAX_NAME) return fail("last_names", `required, at most ${MAX_NAME} characters`);
  let ubigeo = rawUbigeo.trim();
  if (!UBIGEO.test(ubigeo)) return fail(reniec ? "ubigeo_reniec" : "ubigeo", "the ubigeo must be 6 digits");
  if (rules.districts) {
    if (reniec) {
      const inei = rules.districts.fromReniec(ubigeo);
      if (!inei) return fail("ubigeo_reniec", "unknown RENIEC district code");
      ubigeo = inei;
    } else if (!rules.districts.isInei(ubigeo)) return fail("ubigeo", "unknown INEI district code");
  }
  const phone = normalizePhone(rawPhone);
  if (phone === undefined) return fail("phone", "not a Peruvian mobile number (9 digits starting with 9)");
  return { ok: true, values: [dni, birthDate, first, last, ubigeo, phone] };
}

export function validateEnrolment(r: string[], rules: RowRules): RowResult {
  const [dni, rawProgram, rawStatus, since, rawReason] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  const program = foldEnum(rawProgram, rules.programs);
  const status = foldEnum(rawStatus, statuses);
  if (!rules.programs.has(program)) return fail("program", "unknown program");
  if (!statuses.has(status)) return fail("status", `not one of ${ENROLMENT_STATUSES.join("/")}`);
  if (!isDate(since)) return fail("since", "not a date as YYYY-MM-DD");
  const reason = rawReason.trim();
  if (reason !== "" && !REASON.test(reason)) return fail("status_reason", "a code of lower-case letters, digits and _");
  return { ok: true, values: [dni, program, status, since, reason === "" ? null : reason] };
}

export function validateClassification(r: string[]): RowResult {
  const [dni, rawLevel, validUntil] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  // the registry writes "pobre extremo" or "POBRE EXTREMO" as often as pobre_extremo
  const level = foldEnum(rawLevel, levels);
  if (!levels.has(level)) return fail("level", `not one of ${CSE_LEVELS.join("/")}`);
  if (!isDate(validUntil)) return fail("valid_until", "not a date as YYYY-MM-DD");
  return { ok: true, values: [dni, level, validUntil] };
}

export function validatePayment(r: string[], rules: RowRules): RowResult {
  const [dni, rawProgram, period, amount, rawStatus, from, until, point] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  const program = foldEnum(rawProgram, rules.programs);
  const status = foldEnum(rawStatus, paymentStatuses);
  if (!rules.programs.has(program)) return fail("program", "unknown program");
  if (!PERIOD.test(period)) return fail("period", "not a period as YYYY-MM");
  const cents = toCents(amount);
  if (cents === undefined) return fail("amount", "not an amount in soles with a dot, e.g. 200.00");
  if (!paymentStatuses.has(status)) return fail("status", `not one of ${PAYMENT_STATUSES.join("/")}`);
  if (from !== "" && !isDate(from)) return fail("available_from", "not a date as YYYY-MM-DD");
  if (until !== "" && !isDate(until)) return fail("available_until", "not a date as YYYY-MM-DD");
  if (from !== "" && until !== "" && until < from) return fail("available_until", "before available_from");
  const where = point.trim();
  if (where.length > MAX_POINT) return fail("payment_point", `at most ${MAX_POINT} characters`);
  return { ok: true, values: [dni, program, period, cents, status, from || null, until || null, where || null] };
}
