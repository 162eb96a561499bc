import { CSE_LEVELS } from "../schema/classifications";
import { ENROLMENT_STATUSES } from "../schema/enrolments";
import { PAYMENT_STATUSES } from "../schema/payments";
import { REJECT_REASONS, type RejectCode } from "./reasons";

/**
 * The registry's CSV formats: expected header and a validator per kind that turns one record
 * into the values of the upsert, or says which column is wrong, the value as read, why (in
 * Spanish, for the staff who fix the file) and, when it looks like something Excel did, a hint.
 * Pure functions, so the same rules serve the CLI, the demo loader and the tests.
 */
export const IMPORT_KINDS = ["persons", "enrolments", "classifications", "payments"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type SqlValue = string | number | null;
export interface RowReject {
  ok: false;
  /** the column as the header names it (`*` for the whole line) */
  field: string;
  /** the value as read from the file */
  value: string;
  code: RejectCode;
  reason: string;
  hint: string;
}
export type RowResult = { ok: true; values: SqlValue[] } | RowReject;

/** How district codes are checked and translated; without a district table, 6 digits are enough. */
export interface DistrictCodes {
  /** true when `code` is a known INEI district */
  isInei(code: string): boolean;
  /** the INEI code for a RENIEC one, or undefined */
  fromReniec(code: string): string | undefined;
}

/** What the catalog says a program pays now: the amount in cents (null: a service, no money) and since when. */
export interface ProgramBenefit {
  cents: number | null;
  asOf: string;
}

export interface RowRules {
  programs: ReadonlySet<string>;
  districts?: DistrictCodes;
  /** today, YYYY-MM-DD (birth dates and enrolments in the future are rejected) */
  today: string;
  /** per program, from the catalog: amounts are checked against it (missing: not checked) */
  benefits?: ReadonlyMap<string, ProgramBenefit>;
  /** per program, "YYYY-MM" it started: earlier periods and dates are rejected */
  starts?: Readonly<Record<string, string>>;
  /** the last payment period that can be scheduled ("YYYY-MM") */
  lastPeriod?: string;
  /** the enrolment reason codes the service can explain (missing: any lower-case code) */
  reasons?: ReadonlySet<string>;
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

/** An amount above this many times the program's current benefit is not a payment but a typo. */
export const MAX_BENEFIT_MULTIPLE = 3;

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
const NO_CODES: ReadonlySet<string> = new Set();

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

export function reject(field: string, value: string, code: RejectCode, reason: string = REJECT_REASONS[code], hint = ""): RowReject {
  return { ok: false, field, value, code, reason, hint };
}

const LEADING_ZERO = "¿Excel quitó el cero inicial? Guarde la columna como Texto";

/** What Excel does to a column of digits: drops leading zeros, or shows 1.23E+07. */
function digitsHint(value: string, width: number): string {
  const v = value.trim();
  if (/^\d+$/.test(v) && v.length < width) return `"${v}": ${LEADING_ZERO} (debería ser ${v.padStart(width, "0")})`;
  if (/^\d+([.,]\d+)?E\+?\d+$/i.test(v)) return `"${v}": Excel lo convirtió en número (notación científica). Guarde la columna como Texto`;
  return "";
}

/** 15/03/1950 or 3/15/1950: Excel re-formatted the date column. */
function dateHint(value: string): string {
  return /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(value.trim())
    ? "Excel cambió el formato de la fecha: use AAAA-MM-DD (Formato de celdas › Personalizada › aaaa-mm-dd)"
    : "";
}

/** the DNI column's check, the first of every kind's (exported for the memo of repeated rows) */
export function checkDni(dni: string | undefined): RowReject | null {
  if (dni !== undefined && DNI.test(dni)) return null;
  return reject("dni", dni ?? "", "dni", undefined, digitsHint(dni ?? "", 8));
}

function checkDate(field: string, value: string, code: RejectCode = "fecha"): RowReject | null {
  return isDate(value) ? null : reject(field, value, code, undefined, dateHint(value));
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
  // digits by char code (the regex has checked them): no substrings, no Number() parsing
  let cents = 0;
  let decimals = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46) decimals = 0;
    else {
      cents = cents * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    }
  }
  return decimals <= 0 ? cents * 100 : decimals === 1 ? cents * 10 : cents;
}

const soles = (cents: number) => `S/ ${(cents / 100).toFixed(2)}`;

/** The program's existence: from its start to (for payments) the last period that can be scheduled. */
function checkWithinProgram(field: string, value: string, program: string, rules: RowRules, latest?: string): RowReject | null {
  const start = rules.starts?.[program];
  // "YYYY-MM" and "YYYY-MM-DD" compare with "YYYY-MM" as months do: no slicing, millions of times
  if (start !== undefined && value < start)
    return reject(field, value, "fuera_de_vigencia", `${program} empezó en ${start}: ${field} ${value} es anterior`, "¿Un error al escribir el año?");
  if (latest !== undefined && value.length === 7 && value > latest)
    return reject(field, value, "fuera_de_vigencia", `${field} ${value} es posterior a ${latest}, el último periodo que se puede programar`, "¿Un error al escribir el año?");
  return null;
}

/**
 * Amounts the program can pay: a cash program pays its benefit (a multiple of it when periods
 * accumulate, up to MAX_BENEFIT_MULTIPLE × for periods since the benefit's `asOf`; before it,
 * earlier and smaller benefits, so only the range); a service program pays no money at all.
 */
function checkAmount(raw: string, cents: number, program: string, period: string, rules: RowRules): RowReject | null {
  const benefit = rules.benefits?.get(program);
  if (benefit === undefined) return null;
  if (benefit.cents === null) return reject("amount", raw, "programa_sin_pagos", `${program} da un servicio, no pagos en dinero`);
  const max = benefit.cents * MAX_BENEFIT_MULTIPLE;
  if (cents <= 0 || cents > max)
    return reject(
      "amount",
      raw,
      "monto_fuera_de_rango",
      `${soles(cents)} está fuera del rango de ${program}: de S/ 0.01 a ${soles(max)} (${MAX_BENEFIT_MULTIPLE} veces el monto vigente, ${soles(benefit.cents)})`,
      raw.includes(",") ? "" : "¿Un cero de más o la coma de miles?",
    );
  if (period >= benefit.asOf.slice(0, 7) && cents % benefit.cents !== 0)
    return reject(
      "amount",
      raw,
      "monto_no_multiplo",
      `${program} paga ${soles(benefit.cents)} por periodo desde ${benefit.asOf}: ${soles(cents)} no es un múltiplo (${soles(benefit.cents)}, ${soles(benefit.cents * 2)}, ${soles(benefit.cents * 3)})`,
    );
  return null;
}

export function validatePerson(r: string[], rules: RowRules, reniec = false): RowResult {
  const [dni, birthDate, firstNames, lastNames, rawUbigeo, rawPhone] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  const badDate = checkDate("birth_date", birthDate);
  if (badDate) return badDate;
  if (birthDate > rules.today) return reject("birth_date", birthDate, "fecha_futura");
  const first = firstNames.trim();
  const last = lastNames.trim();
  if (first === "" || first.length > MAX_NAME) return reject("first_names", firstNames, "nombre");
  if (last === "" || last.length > MAX_NAME) return reject("last_names", lastNames, "nombre");
  let ubigeo = rawUbigeo.trim();
  const ubigeoField = reniec ? "ubigeo_reniec" : "ubigeo";
  if (!UBIGEO.test(ubigeo)) return reject(ubigeoField, rawUbigeo, "ubigeo", undefined, digitsHint(ubigeo, 6));
  if (rules.districts) {
    if (reniec) {
      const inei = rules.districts.fromReniec(ubigeo);
      if (!inei) return reject("ubigeo_reniec", rawUbigeo, "ubigeo_desconocido", "No es un código de distrito RENIEC conocido");
      ubigeo = inei;
    } else if (!rules.districts.isInei(ubigeo)) return reject("ubigeo", rawUbigeo, "ubigeo_desconocido");
  }
  const phone = normalizePhone(rawPhone);
  if (phone === undefined) return reject("phone", rawPhone, "telefono");
  return { ok: true, values: [dni, birthDate, first, last, ubigeo, phone] };
}

export function validateEnrolment(r: string[], rules: RowRules): RowResult {
  const [dni, rawProgram, rawStatus, since, rawReason] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  const program = foldEnum(rawProgram, rules.programs);
  const status = foldEnum(rawStatus, statuses);
  if (!rules.programs.has(program)) return reject("program", rawProgram, "programa", `Programa desconocido; se esperaba uno de: ${[...rules.programs].join(", ")}`);
  if (!statuses.has(status)) return reject("status", rawStatus, "estado", `Estado desconocido; se esperaba uno de: ${ENROLMENT_STATUSES.join(", ")}`);
  const badDate = checkDate("since", since);
  if (badDate) return badDate;
  if (since > rules.today) return reject("since", since, "fecha_futura");
  const outside = checkWithinProgram("since", since, program, rules);
  if (outside) return outside;
  const reason = rawReason.trim() === "" ? "" : foldEnum(rawReason, rules.reasons ?? NO_CODES);
  if (reason !== "") {
    if (rules.reasons ? !rules.reasons.has(reason) : !REASON.test(reason))
      return reject(
        "status_reason",
        rawReason,
        "motivo",
        rules.reasons ? `Motivo desconocido; los conocidos son: ${[...rules.reasons].join(", ")}` : "Un código de minúsculas, dígitos y _",
        "Deje la celda vacía si el programa no dio un motivo",
      );
  }
  return { ok: true, values: [dni, program, status, since, reason === "" ? null : reason] };
}

export function validateClassification(r: string[]): RowResult {
  const [dni, rawLevel, validUntil] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  // the registry writes "pobre extremo" or "POBRE EXTREMO" as often as pobre_extremo
  const level = foldEnum(rawLevel, levels);
  if (!levels.has(level)) return reject("level", rawLevel, "nivel", `Nivel desconocido; se esperaba uno de: ${CSE_LEVELS.join(", ")}`);
  const badDate = checkDate("valid_until", validUntil);
  if (badDate) return badDate;
  return { ok: true, values: [dni, level, validUntil] };
}

export function validatePayment(r: string[], rules: RowRules): RowResult {
  const [dni, rawProgram, period, amount, rawStatus, from, until, point] = r;
  const bad = checkDni(dni);
  if (bad) return bad;
  const program = foldEnum(rawProgram, rules.programs);
  const status = foldEnum(rawStatus, paymentStatuses);
  if (!rules.programs.has(program)) return reject("program", rawProgram, "programa", `Programa desconocido; se esperaba uno de: ${[...rules.programs].join(", ")}`);
  if (!PERIOD.test(period)) return reject("period", period, "periodo", undefined, dateHint(period) || (/^\d{4}-\d$/.test(period) ? "Escriba el mes con dos dígitos (2026-03)" : ""));
  const outside = checkWithinProgram("period", period, program, rules, rules.lastPeriod);
  if (outside) return outside;
  const cents = toCents(amount);
  if (cents === undefined) return reject("amount", amount, "monto", undefined, /^\d+,\d{1,2}$/.test(amount) ? `Use punto decimal: ${amount.replace(",", ".")}` : "");
  const implausible = checkAmount(amount, cents, program, period, rules);
  if (implausible) return implausible;
  if (!paymentStatuses.has(status)) return reject("status", rawStatus, "estado", `Estado desconocido; se esperaba uno de: ${PAYMENT_STATUSES.join(", ")}`);
  if (from !== "") {
    const badFrom = checkDate("available_from", from) ?? checkWithinProgram("available_from", from, program, rules);
    if (badFrom) return badFrom;
  }
  if (until !== "") {
    const badUntil = checkDate("available_until", until);
    if (badUntil) return badUntil;
  }
  if (from !== "" && until !== "" && until < from) return reject("available_until", until, "fechas_invertidas");
  const where = point.trim();
  if (where.length > MAX_POINT) return reject("payment_point", point, "texto_largo");
  return { ok: true, values: [dni, program, period, cents, status, from || null, until || null, where || null] };
}
