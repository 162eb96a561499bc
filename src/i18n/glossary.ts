import type { TranslatedLang } from "./review";

/** locales/glossary.json: one rendering per recurring term (see its "about"). */
export interface GlossaryTerm {
  id: string;
  es: string;
  /** where the Spanish text uses the term (a regular expression, case-insensitive) */
  esMatch: string;
  qu: string[];
  ay: string[];
  avoid?: Partial<Record<TranslatedLang, string[]>>;
  require?: boolean;
  note: string;
}
export interface Glossary {
  about: string;
  terms: GlossaryTerm[];
}
export interface GlossaryProblem {
  key: string;
  lang: TranslatedLang;
  term: string;
  problem: string;
}

/** Keyword lists and language names are alternatives or proper names, not running text. */
export const notRunningText = (key: string) => key.startsWith("commands:") || key.startsWith("sms:keywords.") || key.startsWith("common:language.");

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** a form at the start of a word (suffixes may follow), case-insensitive */
const atWordStart = (form: string) => new RegExp(`(?<![\\p{L}\\p{M}'])${escape(form)}`, "iu");
/** Spanish glosses in parentheses ("pisin jakiri (pobre)") are the official term, allowed */
const withoutGlosses = (text: string) => text.replace(/\([^)]*\)/g, "");

export function checkGlossary(glossary: Glossary, lang: TranslatedLang, key: string, text: string, esText: string): GlossaryProblem[] {
  if (notRunningText(key)) return [];
  const problems: GlossaryProblem[] = [];
  const plain = withoutGlosses(text);
  for (const term of glossary.terms) {
    for (const variant of term.avoid?.[lang] ?? []) {
      if (atWordStart(variant).test(plain)) problems.push({ key, lang, term: term.id, problem: `uses "${variant}"; the glossary says ${term[lang].map((f) => `"${f}"`).join(" or ")}` });
    }
    if (term.require && new RegExp(term.esMatch, "iu").test(esText) && !term[lang].some((form) => atWordStart(form).test(text))) {
      problems.push({ key, lang, term: term.id, problem: `Spanish says "${term.es}" but the text has none of ${term[lang].map((f) => `"${f}"`).join(", ")}` });
    }
  }
  return problems;
}
