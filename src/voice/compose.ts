import type { Lang } from "../i18n/langs";
import { WORD_SETS } from "./words";

/**
 * Numbers, amounts, dates and codes as sequences of word segments (`num.200`, `word.soles`,
 * `common.months.m3`…), composed per language's grammar. Each id names a recorded segment; the
 * text of a word segment is WORD_SETS[lang].words[id] (months are locale keys: common:months).
 */

/** 0 – 999 999 999 as word segments; `apocope`: Spanish "un"/"veintiún" before a noun. */
export function numberWords(lang: Lang, n: number, apocope = false): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError("number out of range");
  return lang === "es" ? spanishNumber(n, apocope) : agglutinativeNumber(lang, n);
}

function spanishUnder1000(n: number, apocope: boolean): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (n === 100) return ["num.100"];
  if (h === 1) out.push("num.100c");
  else if (h > 1) out.push(`num.${h * 100}`);
  if (rest === 0) return out;
  if (rest < 30) out.push(apocope && rest === 1 ? "num.1a" : apocope && rest === 21 ? "num.21a" : `num.${rest}`);
  else {
    out.push(`num.${rest - (rest % 10)}`);
    if (rest % 10) out.push("word.and", apocope && rest % 10 === 1 ? "num.1a" : `num.${rest % 10}`);
  }
  return out;
}

function spanishNumber(n: number, apocope: boolean): string[] {
  if (n === 0) return ["num.0"];
  const millions = Math.floor(n / 1_000_000);
  if (millions) throw new RangeError("millions are not spoken yet");
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const out: string[] = [];
  if (thousands === 1) out.push("num.1000");
  else if (thousands > 1) out.push(...spanishUnder1000(thousands, true), "num.1000");
  if (rest) out.push(...spanishUnder1000(rest, apocope));
  return out;
}

/**
 * Quechua and Aymara (drafts): multiplier + chunka/tunka, pachak/pataka, waranqa, and the last
 * unit with its suffix (-yuq / -ni) when a larger part came before: 1250 → waranqa iskay pachak
 * pichqa chunka (qu), 25 → iskay chunka pichqayuq / pä tunka phisqani.
 */
function agglutinativeNumber(lang: Lang, n: number): string[] {
  if (n === 0) return ["num.0"];
  if (n >= 1_000_000) throw new RangeError("millions are not spoken yet");
  const words = WORD_SETS[lang].words;
  const multiplier = (d: number) => (d === 2 && words["num.2m"] ? "num.2m" : `num.${d}`);
  const out: string[] = [];
  const thousands = Math.floor(n / 1000);
  if (thousands > 1) out.push(...agglutinativeNumber(lang, thousands), "num.1000");
  else if (thousands === 1) out.push("num.1000");
  const rest = n % 1000;
  const h = Math.floor(rest / 100);
  const t = Math.floor((rest % 100) / 10);
  const u = rest % 10;
  if (h > 1) out.push(multiplier(h), "num.100");
  else if (h === 1) out.push("num.100");
  if (t > 1) out.push(multiplier(t), "num.10");
  else if (t === 1) out.push("num.10");
  if (u) out.push(out.length ? `num.${u}y` : `num.${u}`);
  return out;
}

/** "1250" or "1250.50" (the engine's `soles()`): number, currency word, and céntimos if any. */
export function amountWords(lang: Lang, value: string): string[] | null {
  const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = match[2] ? Number(match[2].padEnd(2, "0")) : 0;
  const out = [...numberWords(lang, whole, true), whole === 1 ? "word.sol" : "word.soles"];
  if (cents) out.push(...present(lang, "word.with"), ...numberWords(lang, cents, true), "word.cents");
  return out;
}

/** "dd/mm/yyyy" → 15 de marzo de 2026 (es); day, month, year + "watapi"/"maranxa" (qu, ay drafts). */
export function dateWords(lang: Lang, value: string): string[] | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return [...numberWords(lang, day), ...present(lang, "word.of"), monthSegment(month), ...yearWords(lang, year)];
}

/** "mm/yyyy" → marzo de 2026 */
export function periodWords(lang: Lang, value: string): string[] | null {
  const match = /^(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return [monthSegment(month), ...yearWords(lang, Number(match[2]))];
}

function yearWords(lang: Lang, year: number): string[] {
  return [...present(lang, "word.of"), ...numberWords(lang, year), ...present(lang, "word.year")];
}

/** MO-2026-000123 → eme, o, dos, cero, dos, seis, … (letters and digits one by one; dashes are pauses) */
export function codeWords(value: string): string[] | null {
  const chars = value.trim().toLowerCase().replace(/[\s-]/g, "");
  if (!chars || !/^[a-z0-9]+$/.test(chars)) return null;
  return [...chars].map((c) => (/\d/.test(c) ? `num.${c}` : `letter.${c}`));
}

/** digits of a phone number or a USSD code, one by one (other characters are left out) */
export function digitWords(value: string): string[] | null {
  const digits = value.replace(/\D/g, "");
  return digits ? [...digits].map((d) => `num.${d}`) : null;
}

export const monthSegment = (month: number) => `common.months.m${month}~0`;

/** a connecting word only where the language has one ("de" in Spanish; none in the drafts) */
function present(lang: Lang, id: string): string[] {
  return WORD_SETS[lang].words[id] ? [id] : [];
}
