import type { Lang } from "../i18n/langs";
import { flattenKeys } from "../i18n/flatten";
import type { Namespace } from "../i18n/resources";
import { parseTemplate, speakable } from "./template";
import { WORD_SETS, wordUse } from "./words";

/**
 * The prompt bank's segments: every locale message of the namespaces the voice channel speaks,
 * split at its placeholders (`lookup:pay.available` → "Ya puede cobrar", "del", "al"), plus
 * the word sets numbers, amounts, dates and codes are composed from (src/voice/words.ts).
 */
export interface SegmentDef {
  /** `lookup.pay.available~0` (message key, text part) or `num.200`, `word.soles`, `letter.m` */
  id: string;
  text: string;
  /** the message key it belongs to, or what the word is used for */
  usedIn: string;
  kind: "message" | "word";
}

/** Namespaces that are never spoken: written-channel words (keywords, WhatsApp, the web page, SMS). */
export const UNSPOKEN_NAMESPACES = new Set(["commands", "sms", "whatsapp", "web", "notices"]);

/**
 * Keys of spoken namespaces that a call never says: the hint for screens of buttons (the voice
 * profile has none). Without this, adding such a text would leave its segment without audio and
 * take Quechua off the phone until it was synthesized or recorded.
 */
export const UNSPOKEN_KEYS = new Set(["common:errors.option_buttons"]);

export const segmentIdOf = (key: string, part: number) => `${key.replace(":", ".")}~${part}`;

/** A template's speakable text parts, numbered in order (the numbers are part of the segment ids). */
export function textSegments(key: string, template: string): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  let n = 0;
  for (const part of parseTemplate(template)) {
    if (part.kind !== "text" || !speakable(part.text)) continue;
    out.push({ id: segmentIdOf(key, n++), text: tidy(part.text) });
  }
  return out;
}

/** what a speaker reads: no leading/trailing punctuation-only runs or doubled spaces */
export function tidy(text: string): string {
  return text.replace(/\s+/g, " ").replace(/^[\s,.;:)\]•·-]+/u, "").replace(/[\s,(\[•·-]+$/u, "").trim();
}

export function segmentCatalog(resources: Record<Lang, Record<string, Namespace>>, lang: Lang): SegmentDef[] {
  const out: SegmentDef[] = [];
  const spoken = Object.fromEntries(Object.entries(resources[lang]).filter(([ns]) => !UNSPOKEN_NAMESPACES.has(ns)));
  for (const [key, template] of flattenKeys(spoken)) {
    if (UNSPOKEN_KEYS.has(key)) continue;
    for (const segment of textSegments(key, template)) out.push({ ...segment, usedIn: key, kind: "message" });
  }
  for (const [id, text] of Object.entries(WORD_SETS[lang].words)) {
    if (text) out.push({ id, text, usedIn: wordUse(id), kind: "word" });
  }
  return out;
}
