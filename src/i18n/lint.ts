import { notRunningText } from "./glossary";

/**
 * Checks on Quechua and Aymara texts that need no native speaker: characters that break a
 * phone or show a decoding error, Spanish accents inside qu/ay words, Spanish verbs left inside
 * qu/ay sentences. Aymara's ä ï ü (long vowels) are part of its alphabet and allowed.
 */

/** Spanish proper names written with their accent; a word may carry suffixes after them (Naciónpi). */
export const SPANISH_NAMES = ["Línea", "Pensión", "Más", "Nación", "Español", "Perú", "Amazonía", "Alimentación"];

/**
 * Spanish verb stems found (and removed) inside qu/ay sentences by the language review; a word
 * starting with one of them is refused. Established loans (firmay, matriculay) are not here.
 */
export const SPANISH_VERBS = ["depend", "atiend", "necesit", "inscrib", "valen", "valir", "pasarqun", "pasxi"];
/** Whole Spanish verb forms that only appear in a text left untranslated. */
export const SPANISH_VERB_FORMS = ["es", "está", "son", "tiene", "puede", "debe", "hay", "llame", "vaya", "pida", "envíe", "marque", "escriba", "recibe"];

export interface LintProblem {
  key: string;
  problem: string;
}

const words = (text: string) => text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, " ").match(/[\p{L}\p{M}']+/gu) ?? [];

export function lintText(key: string, text: string): LintProblem[] {
  const problems: LintProblem[] = [];
  if (text.includes("\ufffd")) problems.push({ key, problem: "contains �: the text was decoded with the wrong encoding" });
  if (/[\u02bc\u2018\u2019]/.test(text)) problems.push({ key, problem: "uses ʼ or a curly apostrophe (outside GSM-7); write '" });
  if (notRunningText(key)) return problems;
  for (const word of words(text)) {
    if (/[áéíóúÁÉÍÓÚ]/.test(word) && !SPANISH_NAMES.some((name) => word.startsWith(name)) && !SPANISH_VERB_FORMS.includes(word.toLowerCase()))
      problems.push({ key, problem: `"${word}" has a Spanish accent inside a Quechua/Aymara word` });
    const lower = word.toLowerCase();
    const stem = SPANISH_VERBS.find((s) => lower.startsWith(s));
    if (stem || SPANISH_VERB_FORMS.includes(lower)) problems.push({ key, problem: `"${word}" is a Spanish verb` });
  }
  return problems;
}

/** Texts much longer than their Spanish: the review found qu/ay as short or shorter; a long one is worth a look. */
export function tooLong(text: string, esText: string, ratio = 1.5): boolean {
  return esText.length >= 12 && text.length > ratio * esText.length;
}
