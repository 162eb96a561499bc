import { normalizeComplaintCode } from "./code";
import { phoneToE164 } from "./phone";
import { canSeeReporter, type StaffRole } from "./visibility";

/** The longest query the console accepts: longer is refused with a message, never truncated silently. */
export const SEARCH_MAX_CHARS = 500;

/**
 * What one search box query may mean, all at once (a case matches if any applies): a tracking
 * code in any form people type it (`MO-2026-000123`, `mo2026123`, `2026123`), a DNI (8 digits),
 * a phone in any format, or part of the reporter's name.
 */
export interface SearchTerms {
  /** the query as typed, trimmed (never logged nor audited: it may be a name) */
  text: string;
  code: string | null;
  dni: string | null;
  phone: string | null;
  /** a name fragment, lower-cased; null when the query has no letter */
  name: string | null;
}

export class SearchTooLongError extends Error {
  constructor() {
    super(`search query longer than ${SEARCH_MAX_CHARS} characters`);
  }
}

/** Reads the search box; null for an empty query. Throws SearchTooLongError past the cap. */
export function parseSearch(raw: string | undefined): SearchTerms | null {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  if (text.length > SEARCH_MAX_CHARS) throw new SearchTooLongError();
  const digits = text.replace(/[\s.\-]/g, "");
  const dni = /^\d{8}$/.test(digits) ? digits : null;
  // 9+ digits: a mobile or a number with its country code; 8 digits is a DNI, not a landline
  const phone = /\d{9,}/.test(text.replace(/\D/g, "")) ? phoneToE164(text) : null;
  const name = /\p{L}/u.test(text) && !/^mo[\s\-]?\d/i.test(text) && text.length >= 2 ? text.toLowerCase().replace(/\s+/g, " ") : null;
  return { text, code: normalizeComplaintCode(text), dni, phone, name };
}

/** Whether the query reaches personal data (so the search is audited). */
export function touchesPersonalData(terms: SearchTerms): boolean {
  return terms.dni !== null || terms.phone !== null || terms.name !== null;
}

/**
 * Which reporters a role may find a case by (the same rule as `canSeeReporter`, as a filter):
 * `ordinary` reclamos/consultas, and `protected` denuncias/confidential cases. Anonymous reports
 * have nobody to find.
 */
export function reporterSearchScope(role: StaffRole): { ordinary: boolean; protected: boolean } {
  return {
    ordinary: canSeeReporter(role, { kind: "reclamo", confidential: false, anonymous: false }),
    protected: canSeeReporter(role, { kind: "denuncia", confidential: true, anonymous: false }),
  };
}

/** `%`, `_` and the escape character itself taken literally inside a LIKE pattern (ESCAPE '\'). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
