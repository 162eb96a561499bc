import { foldToGsm7 } from "../../src/i18n/gsm7";

/**
 * USSD screens are folded to GSM-7 by default (USSD_CHARSET=gsm7): tests write the Spanish they
 * mean ("Opción no válida") and compare it folded, as the phone shows it.
 */
export function gsm7(pattern: RegExp): RegExp;
export function gsm7(text: string): string;
export function gsm7(p: string | RegExp): string | RegExp {
  return typeof p === "string" ? foldToGsm7(p) : new RegExp(foldToGsm7(p.source), p.flags);
}
