import { parseKeypadDate } from "../../engine/inputs";
import { foldForMatch, foldKeyword } from "../../engine/text";
import { LANGS, type Lang } from "../../i18n/langs";
import { normalizeComplaintCode } from "../../services/complaints/code";
import type { Translator } from "../../i18n/translator";

/** What an inbound SMS asks for, once its first word has been matched against the keywords. */
export type SmsCommand =
  | { kind: "stop" }
  | { kind: "start" }
  | { kind: "more" }
  | { kind: "help" }
  | { kind: "language"; text: string }
  | { kind: "payments"; dni: string; birthDate: string }
  | { kind: "status"; code: string }
  /** RECLAMO, with or without a text: the complaints conversation gathers what a complaint needs */
  | { kind: "complaint"; text: string }
  /** a keyword with missing or malformed arguments: answer with its usage line */
  | { kind: "usage"; of: "payments" | "status" }
  /** anything else (digits, MENU, SALIR, a typed answer): the engine's conversation */
  | { kind: "turn"; text: string };

type Keyword = "payments" | "status" | "complaint" | "stop" | "start" | "more" | "help" | "language" | "menu" | "exit";

/** Every keyword of every language, folded (upper case, no accents), with the languages it belongs to. */
export interface KeywordTable {
  words: Map<string, { keyword: Keyword; langs: Lang[] }>;
}

// sms:* are this channel's; commands:* are the engine's global words (matched here too, so a
// word can never mean two things and a keyword can reveal the person's language)
const SOURCES: Record<Keyword, string> = {
  payments: "sms:keywords.payments",
  status: "sms:keywords.status",
  complaint: "sms:keywords.complaint",
  stop: "sms:keywords.stop",
  start: "sms:keywords.start",
  more: "sms:keywords.more",
  help: "commands:help",
  language: "commands:language",
  menu: "commands:menu",
  exit: "commands:exit",
};

/**
 * Builds the keyword table from the locales. Keywords of all three languages work for
 * everyone (Spanish ones always), so a person is never stuck because their language setting
 * differs from the word they know. Throws if one word would mean two commands.
 */
export function buildKeywordTable(i18n: Translator): KeywordTable {
  const words = new Map<string, { keyword: Keyword; langs: Lang[] }>();
  for (const [keyword, key] of Object.entries(SOURCES) as [Keyword, string][]) {
    for (const lang of LANGS) {
      for (const raw of i18n.t(lang, key).split("|")) {
        const word = foldKeyword(raw);
        if (!word) continue;
        const entry = words.get(word);
        if (entry && entry.keyword !== keyword) throw new Error(`SMS keyword ${word} means both ${entry.keyword} and ${keyword}`);
        if (entry) entry.langs.includes(lang) || entry.langs.push(lang);
        else words.set(word, { keyword, langs: [lang] });
      }
    }
  }
  return { words };
}

export interface ParsedSms {
  command: SmsCommand;
  /** the language the keyword reveals, when it belongs to exactly one language */
  lang: Lang | null;
}

/** Reads the first word as a keyword (case- and accent-insensitive) and checks its arguments. */
export function parseSmsCommand(text: string, table: KeywordTable, now: number): ParsedSms {
  const trimmed = text.trim();
  const folded = foldForMatch(trimmed);
  const [firstWord = "", ...restWords] = folded.split(" ");
  // "Baja.", "¡STOP!", "Pago:": the word without what people type around it
  const first = foldKeyword(firstWord);
  const entry = table.words.get(first);
  if (!entry) return { command: { kind: "turn", text: trimmed }, lang: null };
  const lang = entry.langs.length === 1 ? entry.langs[0] : null;
  const args = restWords.join(" ");
  // the original spelling of what follows the keyword (a complaint keeps its accents and case)
  const original = trimmed.replace(/^\S+\s*/, "");
  const command = ((): SmsCommand => {
    switch (entry.keyword) {
      case "stop":
      case "start":
      case "help":
        return { kind: entry.keyword };
      case "more":
        return args === "" ? { kind: "more" } : { kind: "turn", text: trimmed };
      case "language":
        return { kind: "language", text: trimmed };
      case "menu":
      case "exit":
        return { kind: "turn", text: trimmed };
      case "payments": {
        // PAGO 12345678 21041950 (dots in the DNI and separators in the date tolerated)
        const [dniRaw = "", ...dateParts] = restWords;
        const dni = dniRaw.replace(/[.-]/g, "");
        const birthDate = /^\d{8}$/.test(dni) ? parseKeypadDate(dateParts.join(""), now) : null;
        if (birthDate) return { kind: "payments", dni, birthDate };
        // a DNI without a date, or with one that does not exist: the menus' identity check (the
        // engine's PAGO entry) opens with the DNI kept and asks the date, instead of a format line
        // that drops what the person gave
        if (/^\d{8}$/.test(dni)) return { kind: "turn", text: [trimmed.split(/\s+/)[0], dni, ...dateParts].join(" ") };
        return { kind: "usage", of: "payments" };
      }
      case "status": {
        const code = args ? normalizeComplaintCode(args) : null;
        return code ? { kind: "status", code } : { kind: "usage", of: "status" };
      }
      case "complaint":
        return { kind: "complaint", text: original };
    }
  })();
  return { command, lang };
}
