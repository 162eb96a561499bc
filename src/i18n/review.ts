import { flattenKeys } from "./flatten";
import type { Lang } from "./langs";
import type { Namespace } from "./resources";

/**
 * Per-string review status of the Quechua and Aymara texts. A translation counts as reviewed
 * only while the Spanish text it was reviewed against is unchanged; anything else is a draft
 * for a native speaker to check.
 */
export type ReviewStatus = "draft" | "reviewed";
export type TranslatedLang = Exclude<Lang, "es">;
export const TRANSLATED: TranslatedLang[] = ["qu", "ay"];

/** locales/review-status.json: `{ qu: { "ns:key": { source: <es text reviewed against>, reviewer } } }` */
export type ReviewFile = Record<TranslatedLang, Record<string, { source: string; reviewer?: string; at?: string }>>;

export type Resources = Record<Lang, Record<string, Namespace>>;

export const CSV_COLUMNS = ["key", "es", "qu", "qu_status", "ay", "ay_status"] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

export function statusOf(review: ReviewFile, lang: TranslatedLang, key: string, esText: string): ReviewStatus {
  return review[lang]?.[key]?.source === esText ? "reviewed" : "draft";
}

/** One row per key: what a translator edits in a spreadsheet. */
export function exportRows(resources: Resources, review: ReviewFile): CsvRow[] {
  const es = flattenKeys(resources.es);
  const qu = flattenKeys(resources.qu);
  const ay = flattenKeys(resources.ay);
  return [...es.entries()].map(([key, esText]) => ({
    key,
    es: esText,
    qu: qu.get(key) ?? "",
    qu_status: statusOf(review, "qu", key, esText),
    ay: ay.get(key) ?? "",
    ay_status: statusOf(review, "ay", key, esText),
  }));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|\$t\(([^)]+)\)/g)].map((m) => m[0]).sort().join(",");

export interface ImportOutcome {
  resources: Resources;
  review: ReviewFile;
  changed: number;
  rejected: { line: number; key: string; reason: string }[];
}

/**
 * Applies edited rows. A row is refused (and reported) if its key is unknown, a text is empty,
 * its placeholders differ from the Spanish, or it uses the curly apostrophe (outside GSM-7).
 */
export function importRows(resources: Resources, review: ReviewFile, rows: CsvRow[], reviewer = "translator"): ImportOutcome {
  const next: Resources = structuredClone(resources);
  const nextReview: ReviewFile = structuredClone(review);
  const known = flattenKeys(resources.es);
  const rejected: ImportOutcome["rejected"] = [];
  let changed = 0;
  rows.forEach((row, i) => {
    const line = i + 2; // header is line 1
    const key = (row.key ?? "").trim();
    if (!known.has(key)) return rejected.push({ line, key, reason: "unknown key" });
    const texts: Record<Lang, string> = { es: row.es ?? "", qu: row.qu ?? "", ay: row.ay ?? "" };
    for (const lang of ["es", "qu", "ay"] as const) {
      if (texts[lang].trim() === "") return rejected.push({ line, key, reason: `${lang} is empty` });
      if (/[’‘]/.test(texts[lang])) return rejected.push({ line, key, reason: `${lang} uses a curly apostrophe; use '` });
      if (placeholders(texts[lang]) !== placeholders(known.get(key)!)) return rejected.push({ line, key, reason: `${lang} placeholders differ from es` });
    }
    for (const lang of ["es", "qu", "ay"] as const) {
      if (setKey(next[lang], key, texts[lang])) changed += 1;
    }
    for (const lang of TRANSLATED) {
      const status = (row[`${lang}_status`] ?? "").trim().toLowerCase();
      if (status === "reviewed") nextReview[lang][key] = { source: texts.es, reviewer, at: new Date().toISOString().slice(0, 10) };
      else delete nextReview[lang][key];
    }
  });
  return { resources: next, review: nextReview, changed, rejected };
}

function setKey(namespaces: Record<string, Namespace>, key: string, value: string): boolean {
  const [ns, path] = key.split(/:(.*)/s);
  const parts = path.split(".");
  let node = namespaces[ns] as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts[parts.length - 1];
  if (node[last] === value) return false;
  node[last] = value;
  return true;
}
