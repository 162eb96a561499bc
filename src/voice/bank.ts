import type { Db } from "../db/client";
import type { VoiceSegmentRow } from "../db/schema/voice";
import type { Message } from "../domain/messages";
import type { Lang } from "../i18n/langs";
import { flattenKeys } from "../i18n/flatten";
import { resources as defaultResources, type Namespace } from "../i18n/resources";
import type { Logger } from "../logging/logger";
import { amountWords, codeWords, dateWords, digitWords, numberWords, periodWords } from "./compose";
import type { MediaStore, PromptBank, SpeechPart } from "./prompt-bank";
import { segmentCatalog, segmentIdOf, tidy, type SegmentDef } from "./segments";
import { audioOf, languageSwitches } from "./segment-store";
import { paramKind, parseTemplate, speakable } from "./template";
import { WORD_SETS } from "./words";

/** One spoken piece of a message before audio is chosen: a segment, or free text (a place name). */
export type SpokenItem =
  /** `raw`: the text as written (spacing and punctuation), for the provider's text-to-speech */
  | { segment: string; text: string; raw?: string }
  | { free: string; param: string }
  /** punctuation between placeholders: nothing to record, but it shapes text-to-speech */
  | { punct: string };

export type VoiceFallback = { lang: Lang; fallback: "say" | "skip"; reason: "missing" | "free_text" };

export interface PromptBankDeps {
  db: Db;
  logger: Logger;
  resources?: Record<Lang, Record<string, Namespace>>;
  now?: () => number;
  /** counted in /metrics (Node): a prompt that fell back to text-to-speech or was skipped */
  countFallback?: (fallback: VoiceFallback) => void;
  /** how long the stored audio list of a language is reused (ms); the studio invalidates it */
  cacheMs?: number;
}

export interface VoiceBank extends PromptBank {
  /** every segment of a language (message parts and word sets) */
  catalog(lang: Lang): SegmentDef[];
  /** the spoken items of a message, before audio is chosen (tests, the walker, the studio) */
  items(lang: Lang, message: Message): SpokenItem[];
  /** the segments of a language with no usable audio (missing, or recorded for an older text) */
  missing(lang: Lang, options?: { acceptSynthetic?: boolean }): Promise<SegmentDef[]>;
  /** forget cached audio lists after a change in the studio */
  invalidate(lang?: Lang): void;
}

export const mediaUrl = (mediaPath: string) => `/media/${mediaPath}`;

/**
 * The prompt bank (issue 22 item 3): a message becomes recorded segments where their audio
 * exists; Spanish falls back to the provider's text-to-speech, the other languages skip what
 * has no audio (logged once per segment, without personal data, and counted).
 */
export function createPromptBank(deps: PromptBankDeps): VoiceBank {
  const resources = deps.resources ?? defaultResources;
  const now = deps.now ?? (() => Date.now());
  const cacheMs = deps.cacheMs ?? 15_000;
  const templates = new Map<Lang, Map<string, string>>();
  const catalogs = new Map<Lang, SegmentDef[]>();
  const cache = new Map<Lang, { at: number; audio: Promise<Map<string, VoiceSegmentRow>> }>();
  const logged = new Set<string>();

  const templateOf = (lang: Lang, key: string) => {
    let map = templates.get(lang);
    if (!map) templates.set(lang, (map = flattenKeys(resources[lang])));
    return map.get(key);
  };
  const catalog = (lang: Lang) => {
    let list = catalogs.get(lang);
    if (!list) catalogs.set(lang, (list = segmentCatalog(resources, lang)));
    return list;
  };
  const wordText = (lang: Lang, id: string) => {
    if (id.startsWith("common.months.")) {
      const key = `common:months.${id.slice("common.months.".length, id.indexOf("~"))}`;
      return tidy(templateOf(lang, key) ?? "");
    }
    return WORD_SETS[lang].words[id] ?? "";
  };
  const audio = (lang: Lang) => {
    const hit = cache.get(lang);
    if (hit && now() - hit.at < cacheMs) return hit.audio;
    const fresh = audioOf(deps.db, lang);
    cache.set(lang, { at: now(), audio: fresh });
    fresh.catch(() => cache.delete(lang));
    return fresh;
  };
  /** audio that says the segment's current text; synthetic drafts only where accepted */
  const usable = (row: VoiceSegmentRow | undefined, text: string, acceptSynthetic: boolean) =>
    !!row?.mediaPath && row.text === text && (row.status === "recorded" || row.status === "reviewed" || (acceptSynthetic && row.status === "synthetic"));
  const once = (key: string, record: Record<string, unknown>, msg: string) => {
    if (logged.has(key)) return;
    logged.add(key);
    deps.logger.warn(record, msg);
  };

  function items(lang: Lang, message: Message, depth = 0): SpokenItem[] {
    const template = templateOf(lang, message.key);
    if (template === undefined || depth > 3) return [];
    const params = message.params ?? {};
    const out: SpokenItem[] = [];
    const words = (ids: string[]) => ids.map((id) => ({ segment: id, text: wordText(lang, id), raw: ` ${wordText(lang, id)} ` })).filter((w) => w.text);
    let n = 0;
    for (const part of parseTemplate(template)) {
      if (part.kind === "text") {
        if (speakable(part.text)) out.push({ segment: segmentIdOf(message.key, n++), text: tidy(part.text), raw: part.text });
        else if (part.text) out.push({ punct: part.text });
      } else if (part.kind === "ref") {
        const key = part.key.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ""));
        out.push(...items(lang, { key, params }, depth + 1));
      } else {
        const raw = params[part.name];
        if (raw === undefined || raw === "") continue;
        const value = String(raw);
        const spoken = spokenParam(lang, part.name, value);
        if (spoken) out.push(...words(spoken));
        else out.push({ free: value, param: part.name });
      }
    }
    return out;
  }

  async function speak(lang: Lang, message: Message, options: { tts?: boolean } = {}): Promise<SpeechPart[]> {
    const tts = options.tts ?? true;
    const all = items(lang, message);
    const list = all.filter((i) => !("punct" in i)) as Exclude<SpokenItem, { punct: string }>[];
    if (list.length === 0) {
      once(`${lang}:${message.key}:none`, { lang, key: message.key }, "voice prompt has no text in this language");
      return [];
    }
    const stored = await audio(lang);
    // Spanish with the provider's TTS: recordings when every part has one, else the whole message as text
    if (lang === "es" && tts) {
      const recorded = list.every((i) => "segment" in i && usable(stored.get(i.segment), i.text, false));
      if (recorded) return list.map((i) => play(stored.get((i as { segment: string }).segment)!, (i as { segment: string }).segment));
      if (list.some((i) => "segment" in i && !usable(stored.get(i.segment), i.text, false))) deps.countFallback?.({ lang, fallback: "say", reason: "missing" });
      return [{ kind: "say", text: sayText(all), lang }];
    }
    const parts: SpeechPart[] = [];
    for (const item of list) {
      if ("free" in item) {
        // a name or a place: no recording can exist; said nowhere, logged by parameter name only
        deps.countFallback?.({ lang, fallback: "skip", reason: "free_text" });
        once(`${lang}:${message.key}:${item.param}`, { lang, key: message.key, param: item.param }, "voice prompt skips a free-text value (no recording possible)");
        continue;
      }
      const row = stored.get(item.segment);
      if (usable(row, item.text, true)) parts.push(play(row!, item.segment));
      else {
        deps.countFallback?.({ lang, fallback: "skip", reason: "missing" });
        once(`${lang}:${item.segment}`, { lang, segment: item.segment, text: item.text }, "voice segment has no audio: skipped");
      }
    }
    return parts;
  }

  async function missing(lang: Lang, options: { acceptSynthetic?: boolean } = {}): Promise<SegmentDef[]> {
    const stored = await audio(lang);
    return catalog(lang).filter((s) => !usable(stored.get(s.id), s.text, options.acceptSynthetic ?? false));
  }

  return {
    speak,
    items: (lang, message) => items(lang, message),
    catalog,
    missing,
    invalidate: (lang) => (lang ? cache.delete(lang) : cache.clear()),
    async offered(lang) {
      const switches = await languageSwitches(deps.db);
      if (switches[lang] === false) return false;
      if (lang === "es") return true;
      // synthetic drafts count for Quechua only (espeak-ng has no Aymara voice)
      return (await missing(lang, { acceptSynthetic: lang === "qu" })).length === 0;
    },
  };
}

/** the message as one text for the provider's text-to-speech, punctuation kept */
export function sayText(items: SpokenItem[]): string {
  const text = items.map((i) => ("punct" in i ? i.punct : "free" in i ? ` ${i.free} ` : (i.raw ?? ` ${i.text} `))).join("");
  return text.replace(/\s+/g, " ").replace(/\s+([.,;:!?)])/g, "$1").replace(/([(¿¡])\s+/g, "$1").trim();
}

function play(row: VoiceSegmentRow, segment: string): SpeechPart {
  return { kind: "play", url: mediaUrl(row.mediaPath!), segment };
}

/** a placeholder's value as word segments, or null when it is free text (or not in the expected shape) */
export function spokenParam(lang: Lang, name: string, value: string): string[] | null {
  switch (paramKind(name)) {
    case "amount":
      return amountWords(lang, value);
    case "number":
      return /^\d{1,6}$/.test(value) ? numberWords(lang, Number(value)) : null;
    case "date":
      return dateWords(lang, value);
    case "period":
      return periodWords(lang, value);
    case "code":
      return codeWords(value);
    case "digits":
      return digitWords(value);
    default:
      return null;
  }
}
