import { SegmentedMessage } from "sms-segments-calculator";

/**
 * Text shaping for SMS. One character outside the GSM-7 alphabet switches a whole message to
 * UCS-2 (70 characters a segment instead of 160), which doubles or triples what every answer
 * costs. We fold to GSM-7 where the meaning survives and count segments with Twilio's own
 * calculator (`sms-segments-calculator`), so our count is the one the provider bills.
 */

// GSM 03.38 default alphabet (basic table) and the extension table (each costs two septets).
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "^{}\\[~]|€\f";
const GSM7 = new Set([...GSM7_BASIC, ...GSM7_EXTENSION]);

/**
 * Explicit folds, checked before the generic "drop the accent" rule. Spanish keeps ñ, é, ü, ¿, ¡
 * (all in GSM-7); á í ó ú lose their accent, which Spanish readers restore without effort.
 *
 * Aymara ï (a long i; the official alphabet marks long vowels with a diaeresis) is NOT in
 * GSM-7, while ä and ü are, so those two stay. Rule chosen: ï → i. The length mark is lost, but
 * the word stays readable (SMS and handwritten Aymara often drop it); the alternatives were
 * worse: ì is in GSM-7 but reads as a stress accent, "ii" is not the official spelling, and
 * keeping ï turns every message that contains it into UCS-2 at more than twice the cost.
 */
const FOLDS: Record<string, string> = {
  á: "a", í: "i", ó: "o", ú: "u", Á: "A", Í: "I", Ó: "O", Ú: "U",
  ï: "i", Ï: "I",
  "’": "'", "‘": "'", "‚": "'", "′": "'", "´": "'", "`": "'",
  "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
  "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
  "…": "...", "•": "-", "·": "-",
  "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ",
  ç: "c", // only capital Ç is in GSM-7
};

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7.has(ch)) return false;
  return true;
}

/** Characters that would force UCS-2. */
export function nonGsm7Chars(text: string): string[] {
  return [...new Set([...text].filter((ch) => !GSM7.has(ch)))];
}

/**
 * Folds text to GSM-7 where that keeps the meaning. A character with no faithful GSM-7 form
 * (an emoji, a letter of another script) is kept: the message then goes as UCS-2, costlier
 * but correct, and `countSegments` accounts for it.
 */
export function foldToGsm7(text: string): string {
  let out = "";
  // NFC first: a decomposed "o + combining acute" is the same letter as "ó"
  for (const ch of text.normalize("NFC")) {
    if (GSM7.has(ch)) out += ch;
    else if (FOLDS[ch] !== undefined) out += FOLDS[ch];
    else {
      // other accented Latin letters (â, ë, È …): the base letter if it is in GSM-7
      const base = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base !== ch && base !== "" && isGsm7(base) ? base : ch;
    }
  }
  return out;
}

export interface SegmentCount {
  encoding: "GSM-7" | "UCS-2";
  /** septets (GSM-7, extension characters count two) or UTF-16 code units (UCS-2) */
  units: number;
  segments: number;
}

/**
 * 160/153 septets for GSM-7, 70/67 code units for UCS-2, as the provider bills it. GSM-7 text
 * (nearly every answer, once folded) is counted here directly, packing like Twilio does (an
 * escape pair never straddles two segments); anything else goes to Twilio's calculator. A test
 * checks the fast path against the calculator on random text.
 */
export function countSegments(text: string): SegmentCount {
  if (text === "") return { encoding: "GSM-7", units: 0, segments: 0 };
  if (isGsm7(text)) return countGsm7(text);
  const message = new SegmentedMessage(text);
  const units =
    message.encodingName === "GSM-7" ? [...text].reduce((n, ch) => n + (GSM7_EXTENSION.includes(ch) ? 2 : 1), 0) : text.length;
  return { encoding: message.encodingName, units, segments: message.segmentsCount };
}

/** The same as Twilio's calculator for GSM-7-only text (the measured hot path of every answer). */
export function countGsm7(text: string): SegmentCount {
  let units = 0;
  for (const ch of text) units += GSM7_EXTENSION.includes(ch) ? 2 : 1;
  if (units <= 160) return { encoding: "GSM-7", units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const ch of text) {
    const w = GSM7_EXTENSION.includes(ch) ? 2 : 1;
    if (used + w > 153) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding: "GSM-7", units, segments };
}

export interface CappedText {
  /** what to send now (ends with the "more" hint when something was held back) */
  text: string;
  /** what is left for the next "MAS", or null */
  rest: string | null;
}

/**
 * Cuts `text` to at most `maxSegments` segments. When it does not fit, the first part ends with
 * `moreHint` (e.g. "(MAS para seguir)") and the rest is returned for the next request. Cuts at a
 * line or word boundary when one is near, never inside a word otherwise avoidable.
 */
export function capSegments(text: string, maxSegments: number, moreHint: string): CappedText {
  if (countSegments(text).segments <= maxSegments) return { text, rest: null };
  const chars = [...text];
  const suffix = "\n" + moreHint;
  const fits = (n: number) => countSegments(chars.slice(0, n).join("").trimEnd() + suffix).segments <= maxSegments;
  // the longest prefix that fits with the hint (segments grow with length: binary search)
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  let cut = lo;
  // prefer a line break, then a space, if it does not waste more than a third of the room
  const head = chars.slice(0, cut).join("");
  const line = head.lastIndexOf("\n");
  const space = head.lastIndexOf(" ");
  const boundary = line >= head.length * 0.66 ? line : space >= head.length * 0.66 ? space : -1;
  if (boundary > 0) cut = [...head.slice(0, boundary)].length;
  if (cut === 0) cut = Math.max(1, lo); // a hint longer than the cap: still make progress
  const first = chars.slice(0, cut).join("").trimEnd();
  const rest = chars.slice(cut).join("").trim();
  return rest === "" ? { text: first, rest: null } : { text: first + suffix, rest };
}
