import { createHash } from "node:crypto";
import { flattenKeys } from "./flatten";
import { foldToGsm7 } from "./gsm7";
import { LANGS, type Lang } from "./langs";
import type { Namespace } from "./resources";

/**
 * Per-string review status of the Quechua and Aymara texts, and the translators' spreadsheet
 * round trip (npm run i18n:export / i18n:import). A translation counts as reviewed only while
 * the Spanish text it was reviewed against is unchanged; anything else is a draft for a native
 * speaker to check. Node-only (the CLIs and tests use it; the app does not).
 */
export type ReviewStatus = "draft" | "reviewed";
export type TranslatedLang = Exclude<Lang, "es">;
export const TRANSLATED: TranslatedLang[] = ["qu", "ay"];

/** locales/review-status.json: `{ qu: { "ns:key": { source: <es text reviewed against>, reviewer } } }` */
export type ReviewFile = Record<TranslatedLang, Record<string, { source: string; reviewer?: string; at?: string }>>;

export type Resources = Record<Lang, Record<string, Namespace>>;

/** Where a text appears and the most characters it may have, per channel (src/cli/i18n-usage.ts). */
export interface TextLimits {
  /** flow screens (engine nodes) that show it; empty for SMS notices, web and staff texts */
  screens: string[];
  /** per language: characters of the rendered text (GSM-7 folded) before its fullest USSD screen passes 182 */
  ussd: Partial<Record<Lang, number>>;
  /** the same limit for the text as written (placeholders unrendered): what an import checks */
  ussdRaw: Partial<Record<Lang, number>>;
  /** one SMS part (2 GSM-7 segments) */
  sms: number;
  /** a WhatsApp message body, or a list row for an option, or the list button */
  whatsapp: number;
}

export const CSV_COLUMNS = [
  "key", "namespace", "screens", "max_sms", "max_whatsapp",
  "es", "es_max_ussd", "es_hash",
  "qu", "qu_max_ussd", "qu_status", "qu_reviewer", "qu_hash",
  "ay", "ay_max_ussd", "ay_status", "ay_reviewer", "ay_hash",
] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

/** Status words as the spreadsheet shows them; the import also takes English and ignores case and accents. */
export const STATUS_WORDS: Record<ReviewStatus, string> = { reviewed: "revisado", draft: "borrador" };
const STATUS_READ: Record<string, ReviewStatus> = { revisado: "reviewed", revisada: "reviewed", reviewed: "reviewed", borrador: "draft", draft: "draft" };
const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();
export function readStatus(word: string): ReviewStatus | null {
  return STATUS_READ[fold(word)] ?? null;
}

export function statusOf(review: ReviewFile, lang: TranslatedLang, key: string, esText: string): ReviewStatus {
  return review[lang]?.[key]?.source === esText ? "reviewed" : "draft";
}

/**
 * The state of one cell at export: its text and, for qu/ay, its status. A reviewer's row is
 * applied only where it differs from this (they changed it) and only if the repository still
 * matches it (nobody changed it meanwhile).
 */
export function cellHash(text: string, status?: ReviewStatus): string {
  return createHash("sha256").update(status ? `${text}\u0000${status}` : text).digest("hex").slice(0, 12);
}

/** One row per key: what a translator edits in a spreadsheet. */
export function exportRows(resources: Resources, review: ReviewFile, usage: Map<string, TextLimits> = new Map()): CsvRow[] {
  const es = flattenKeys(resources.es);
  const qu = flattenKeys(resources.qu);
  const ay = flattenKeys(resources.ay);
  return [...es.entries()].map(([key, esText]) => {
    const u = usage.get(key);
    const quText = qu.get(key) ?? "";
    const ayText = ay.get(key) ?? "";
    const quStatus = statusOf(review, "qu", key, esText);
    const ayStatus = statusOf(review, "ay", key, esText);
    return {
      key,
      namespace: key.split(":")[0],
      screens: u?.screens.join("; ") ?? "",
      max_sms: String(u?.sms ?? ""),
      max_whatsapp: String(u?.whatsapp ?? ""),
      es: esText,
      es_max_ussd: String(u?.ussd.es ?? ""),
      es_hash: cellHash(esText),
      qu: quText,
      qu_max_ussd: String(u?.ussd.qu ?? ""),
      qu_status: STATUS_WORDS[quStatus],
      qu_reviewer: quStatus === "reviewed" ? (review.qu[key]?.reviewer ?? "") : "",
      qu_hash: cellHash(quText, quStatus),
      ay: ayText,
      ay_max_ussd: String(u?.ussd.ay ?? ""),
      ay_status: STATUS_WORDS[ayStatus],
      ay_reviewer: ayStatus === "reviewed" ? (review.ay[key]?.reviewer ?? "") : "",
      ay_hash: cellHash(ayText, ayStatus),
    };
  });
}

export const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|\$t\(([^)]+)\)/g)].map((m) => m[0]).sort().join(", ");

/**
 * Typographic apostrophes (Word and Excel autocorrect, U+02BC from keyboards for Quechua) become
 * the ASCII one: it is the mark both MINEDU alphabets use for ejectives, and the only one in
 * GSM-7 (one ʼ turns an SMS into UCS-2, three times the segments). Normalising rather than
 * refusing keeps a reviewer from fighting their spreadsheet's autocorrect.
 */
export function normalizeCell(text: string): { text: string; apostrophes: number } {
  let apostrophes = 0;
  const out = text.normalize("NFC").replace(/[\u02bc\u2018\u2019\u00b4\u0060]/g, () => (apostrophes++, "'")).trim();
  return { text: out, apostrophes };
}

export interface ImportRequest {
  resources: Resources;
  review: ReviewFile;
  /** rows with lower-case header names, as read from the file */
  rows: Record<string, string>[];
  /** the reviewer per language given on the command line (reviewer columns win) */
  reviewers: Partial<Record<TranslatedLang, string>>;
  limits: Map<string, TextLimits>;
  today: string;
}

export interface ImportChange {
  line: number;
  key: string;
  lang: Lang;
  text: boolean;
  status?: ReviewStatus;
  reviewer?: string;
}

export interface ImportOutcome {
  resources: Resources;
  review: ReviewFile;
  changes: ImportChange[];
  /** cells the reviewer left as exported while the repository changed them: kept as the repository has them */
  keptNewer: number;
  apostrophes: number;
  rejected: { line: number; key: string; reason: string }[];
}

/**
 * Applies a reviewer's rows. Per row and language, a cell is applied only if it differs from
 * the export (its hash) and the repository still has the exported text; a row is refused, with
 * its reason, if the repository changed meanwhile, a text is empty, loses or adds a placeholder,
 * passes a channel limit, carries `�`, or has an unknown status word or no reviewer for "revisado".
 */
export function importRows(req: ImportRequest): ImportOutcome {
  const next: Resources = structuredClone(req.resources);
  const nextReview: ReviewFile = structuredClone(req.review);
  const current = { es: flattenKeys(req.resources.es), qu: flattenKeys(req.resources.qu), ay: flattenKeys(req.resources.ay) };
  const out: ImportOutcome = { resources: next, review: nextReview, changes: [], keptNewer: 0, apostrophes: 0, rejected: [] };
  const langs = LANGS.filter((lang) => req.rows.length === 0 || lang in req.rows[0]);

  req.rows.forEach((row, i) => {
    const line = i + 2; // the header is row 1, as the spreadsheet numbers them
    const key = (row.key ?? "").trim();
    const refuse = (reason: string) => out.rejected.push({ line, key, reason });
    if (!current.es.has(key)) return refuse("clave desconocida");
    const pending: (() => void)[] = [];
    const reasons: string[] = [];
    const esNow = current.es.get(key)!;
    let esAfter = esNow;
    const applied = new Map<Lang, string>();

    for (const lang of langs) {
      const hashColumn = `${lang}_hash`;
      if (!(hashColumn in row)) return refuse(`falta la columna ${hashColumn}: use un archivo exportado con npm run i18n:export`);
      const cell = normalizeCell(row[lang] ?? "");
      const repoText = current[lang].get(key) ?? "";
      const translated = lang !== "es" ? (lang as TranslatedLang) : null;
      const statusWord = translated ? (row[`${lang}_status`] ?? "") : "";
      const status = translated ? (statusWord.trim() === "" ? "draft" : readStatus(statusWord)) : undefined;
      if (status === null) {
        reasons.push(`${lang}: estado «${statusWord.trim()}» desconocido; use revisado o borrador (reviewed o draft)`);
        continue;
      }
      const repoStatus = translated ? statusOf(req.review, translated, key, esNow) : undefined;
      const exported = (row[hashColumn] ?? "").trim();
      if (cellHash(cell.text, status) === exported) {
        // the reviewer left this cell as exported: keep whatever the repository has now
        if (cellHash(repoText, repoStatus) !== exported) out.keptNewer += 1;
        continue;
      }
      if (cellHash(repoText, repoStatus) !== exported) {
        reasons.push(`${lang}: el texto cambió en el repositorio después de exportar este archivo; exporte de nuevo y repita este cambio`);
        continue;
      }
      if (cell.text === "") {
        reasons.push(`${lang}: el texto está vacío`);
        continue;
      }
      if (cell.text.includes("\ufffd")) {
        reasons.push(`${lang}: contiene «\ufffd» (un carácter que se perdió al guardar el archivo)`);
        continue;
      }
      out.apostrophes += cell.apostrophes;
      const textChanged = cell.text !== repoText;
      if (lang === "es" && textChanged) esAfter = cell.text;
      if (textChanged) {
        applied.set(lang, cell.text);
        const problem = limitProblem(lang, cell.text, req.limits.get(key));
        if (problem) {
          reasons.push(`${lang}: ${problem}`);
          continue;
        }
      }
      const reviewer = translated ? (row[`${lang}_reviewer`] ?? "").trim() || req.reviewers[translated] || "" : "";
      if (translated && status === "reviewed" && reviewer === "") {
        reasons.push(`${lang}: «revisado» sin revisor; escriba el nombre en ${lang}_reviewer o use --lang ${lang} --reviewer "Nombre"`);
        continue;
      }
      pending.push(() => {
        if (textChanged) setKey(next[lang], key, cell.text);
        if (translated) {
          if (status === "reviewed") nextReview[translated][key] = { source: esAfter, reviewer, at: req.today };
          else delete nextReview[translated][key];
        }
        const statusChanged = translated !== null && status !== repoStatus;
        if (textChanged || statusChanged) out.changes.push({ line, key, lang, text: textChanged, status: statusChanged ? status : undefined, reviewer: reviewer || undefined });
      });
    }
    // placeholders: every language as the row leaves it against the Spanish as the row leaves it
    for (const lang of LANGS) {
      const text = applied.get(lang) ?? current[lang].get(key) ?? "";
      if (placeholders(text) !== placeholders(esAfter)) reasons.push(`${lang}: los marcadores no coinciden con el español (${placeholders(esAfter) || "ninguno"})`);
    }
    if (reasons.length) return refuse(reasons.join("; "));
    for (const apply of pending) apply();
  });
  return out;
}

function limitProblem(lang: Lang, text: string, limits: TextLimits | undefined): string | null {
  const folded = foldToGsm7(text).length;
  const ussd = limits?.ussdRaw[lang];
  if (ussd !== undefined && folded > ussd)
    return `tiene ${folded} caracteres y en su pantalla USSD (${limits!.screens.join(", ")}) caben ${ussd}; acórtelo`;
  if (limits && folded > limits.sms) return `tiene ${folded} caracteres; un SMS admite ${limits.sms}`;
  if (limits && text.length > limits.whatsapp) return `tiene ${text.length} caracteres; en WhatsApp caben ${limits.whatsapp}`;
  return null;
}

function setKey(namespaces: Record<string, Namespace>, key: string, value: string): void {
  const [ns, path] = key.split(/:(.*)/s);
  const parts = path.split(".");
  let node = namespaces[ns] as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}
