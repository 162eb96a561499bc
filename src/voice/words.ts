import type { Lang } from "../i18n/langs";

/**
 * The recorded word sets the bank composes numbers, amounts, dates and codes from, per language.
 * Spanish is standard. Quechua (Southern, Cusco–Collao spelling as in locales/qu) and Aymara
 * number words are DRAFTS written for this issue: marked `draft` and to be checked by native
 * speakers before anyone records them (numbers 11–19 are "chunka hukniyuq" / "tunka mayani":
 * ten plus the unit with its suffix; 2 before tunka/pataka is "pä" in Aymara).
 */
export interface WordSet {
  /** 0–9 alone */
  units: string[];
  /** draft flag: the list needs native review (qu, ay) */
  draft: boolean;
  words: Record<string, string>;
}

const ES_0_29 = [
  "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
  "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
  "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
];
const ES_TENS: Record<number, string> = { 30: "treinta", 40: "cuarenta", 50: "cincuenta", 60: "sesenta", 70: "setenta", 80: "ochenta", 90: "noventa" };
const ES_HUNDREDS: Record<number, string> = { 200: "doscientos", 300: "trescientos", 400: "cuatrocientos", 500: "quinientos", 600: "seiscientos", 700: "setecientos", 800: "ochocientos", 900: "novecientos" };
const LETTERS_ES: Record<string, string> = {
  a: "a", b: "be", c: "ce", d: "de", e: "e", f: "efe", g: "ge", h: "hache", i: "i", j: "jota", k: "ka", l: "ele", m: "eme",
  n: "ene", o: "o", p: "pe", q: "cu", r: "erre", s: "ese", t: "te", u: "u", v: "ve", w: "doble ve", x: "equis", y: "ye", z: "zeta",
};
const letterWords = Object.fromEntries(Object.entries(LETTERS_ES).map(([l, w]) => [`letter.${l}`, w]));

function spanish(): WordSet {
  const words: Record<string, string> = {};
  ES_0_29.forEach((w, n) => (words[`num.${n}`] = w));
  words["num.1a"] = "un"; // "un sol", "un mil…" is never said: "mil"
  words["num.21a"] = "veintiún";
  for (const [n, w] of Object.entries(ES_TENS)) words[`num.${n}`] = w;
  words["num.100"] = "cien";
  words["num.100c"] = "ciento";
  for (const [n, w] of Object.entries(ES_HUNDREDS)) words[`num.${n}`] = w;
  words["num.1000"] = "mil";
  Object.assign(words, {
    "word.and": "y",
    "word.sol": "sol",
    "word.soles": "soles",
    "word.with": "con",
    "word.cents": "céntimos",
    "word.of": "de",
    "word.year": "",
    ...letterWords,
  });
  return { units: ES_0_29.slice(0, 10), draft: false, words };
}

/** `num.N` for the units 0–9 and `num.Ny` for a unit after the tens (Quechua -yuq, Aymara -ni). */
function unitWords(units: string[], withSuffix: string[]): Record<string, string> {
  const words: Record<string, string> = {};
  units.forEach((w, n) => (words[`num.${n}`] = w));
  withSuffix.forEach((w, n) => n && (words[`num.${n}y`] = w));
  return words;
}

function quechua(): WordSet {
  const units = ["ch'usaq", "huk", "iskay", "kimsa", "tawa", "pichqa", "suqta", "qanchis", "pusaq", "isqun"];
  const withSuffix = ["", "hukniyuq", "iskayniyuq", "kimsayuq", "tawayuq", "pichqayuq", "suqtayuq", "qanchisniyuq", "pusaqniyuq", "isqunniyuq"];
  const words = unitWords(units, withSuffix);
  Object.assign(words, {
    "num.10": "chunka",
    "num.100": "pachak",
    "num.1000": "waranqa",
    "word.sol": "sol",
    "word.soles": "sol",
    "word.with": "",
    "word.cents": "centimo",
    "word.of": "",
    "word.year": "watapi",
    ...letterWords,
  });
  return { units, draft: true, words };
}

function aymara(): WordSet {
  const units = ["ch'usa", "maya", "paya", "kimsa", "pusi", "phisqa", "suxta", "paqallqu", "kimsaqallqu", "llätunka"];
  const withSuffix = ["", "mayani", "payani", "kimsani", "pusini", "phisqani", "suxtani", "paqallquni", "kimsaqallquni", "llätunkani"];
  const words = unitWords(units, withSuffix);
  Object.assign(words, {
    "num.2m": "pä", // 2 as a multiplier: pä tunka (20), pä pataka (200)
    "num.10": "tunka",
    "num.100": "pataka",
    "num.1000": "waranqa",
    "word.sol": "sol",
    "word.soles": "sol",
    "word.with": "",
    "word.cents": "centimo",
    "word.of": "",
    "word.year": "maranxa",
    ...letterWords,
  });
  return { units, draft: true, words };
}

export const WORD_SETS: Record<Lang, WordSet> = { es: spanish(), qu: quechua(), ay: aymara() };

/** Where a word segment is used, for the studio and `npm run voice:prompts`. */
export function wordUse(id: string): string {
  if (id.startsWith("num.")) return "números (montos, fechas, cantidades)";
  if (id.startsWith("letter.")) return "códigos, letra por letra";
  if (id === "word.sol" || id === "word.soles" || id === "word.cents" || id === "word.with") return "montos";
  if (id === "word.of" || id === "word.year") return "fechas";
  if (id === "word.and") return "números";
  return "palabras";
}
