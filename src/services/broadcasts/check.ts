import { LANGS, type Lang } from "../../i18n/langs";
import type { BroadcastAudience } from "../../db/schema";
import { audienceAddresses } from "../notices/consent-audience";
import type { BroadcastDeps } from "./deps";
import { BroadcastInputError } from "./errors";
import { estimateCost, measureBroadcastText, WHATSAPP_MAX_CHARS, type CostEstimate, type TextMeasure } from "./measure";

export const LANG_NAMES: Record<Lang, string> = { es: "castellano", qu: "quechua", ay: "aimara" };

/** The form as it arrives (strings, as typed). */
export interface BroadcastForm {
  title: string;
  programs: string[];
  /** a department (2 digits), province (4) or district (6) ubigeo; "" for the whole country */
  place: string;
  langs: string[];
  texts: Partial<Record<Lang, string>>;
  /** "YYYY-MM-DDTHH:MM" in Lima time; "" for as soon as approved */
  scheduled: string;
}

export interface BroadcastPlan {
  title: string;
  audience: BroadcastAudience;
  texts: Partial<Record<Lang, string>>;
  scheduledAt: number | null;
  measures: Partial<Record<Lang, TextMeasure>>;
  /** consenting addresses per channel and language */
  counts: { channel: string; lang: Lang; n: number }[];
  recipients: number;
  cost: CostEstimate;
}

// Lima is UTC-5 all year
const LIMA_OFFSET_MS = 5 * 3_600_000;

/** "2026-12-12T08:00" read as Lima time; null when not such a value. */
export function limaLocalTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) + LIMA_OFFSET_MS;
  return Number.isNaN(t) ? null : t;
}

function placeExists(deps: BroadcastDeps, place: string): boolean {
  if (place.length === 2) return deps.districts.department(place) !== undefined;
  if (place.length === 4) return deps.districts.province(place) !== undefined;
  return deps.districts.get(place) !== undefined;
}

/**
 * Checks the form and works out what it would do: each text's length and segments per channel,
 * the consenting recipients, the estimated cost. Every problem is listed (the form shows them
 * all); `plan` is there whenever the audience could be read, so the preview shows its figures.
 */
export async function checkBroadcast(deps: BroadcastDeps, form: BroadcastForm): Promise<{ plan: BroadcastPlan | null; errors: BroadcastInputError[] }> {
  const errors: BroadcastInputError[] = [];
  const title = form.title.trim();
  if (title === "" || title.length > 120) errors.push(new BroadcastInputError("title", "Escriba un nombre interno de 1 a 120 caracteres."));
  const programs = [...new Set(form.programs)];
  const unknown = programs.filter((p) => !deps.programs.includes(p));
  if (unknown.length) errors.push(new BroadcastInputError("programs", `Programa desconocido: ${unknown.join(", ")}.`));
  const place = form.place.trim();
  const placeOk = place === "" || (/^(\d{2}|\d{4}|\d{6})$/.test(place) && placeExists(deps, place));
  if (!placeOk) errors.push(new BroadcastInputError("place", "El lugar debe ser un ubigeo existente: 2 dígitos (departamento), 4 (provincia) o 6 (distrito), o vacío para todo el país."));
  const langs = LANGS.filter((l) => form.langs.includes(l));
  if (langs.length === 0) errors.push(new BroadcastInputError("langs", "Elija al menos un idioma."));

  const texts: Partial<Record<Lang, string>> = {};
  const measures: Partial<Record<Lang, TextMeasure>> = {};
  for (const lang of langs) {
    const text = (form.texts[lang] ?? "").trim();
    if (text === "") {
      errors.push(new BroadcastInputError(`text_${lang}`, `Falta el texto en ${LANG_NAMES[lang]}: las personas que eligieron ese idioma lo recibirían vacío.`));
      continue;
    }
    texts[lang] = text;
    const m = measureBroadcastText(deps.i18n, lang, text);
    measures[lang] = m;
    if (m.sms.segments > deps.maxSmsSegments) {
      errors.push(new BroadcastInputError(`text_${lang}`, `El texto en ${LANG_NAMES[lang]} ocupa ${m.sms.segments} segmentos SMS (${m.sms.chars} caracteres ${m.sms.encoding}); el máximo es ${deps.maxSmsSegments}. Acórtelo.`));
    }
    if (m.whatsapp.chars > WHATSAPP_MAX_CHARS) errors.push(new BroadcastInputError(`text_${lang}`, `El texto en ${LANG_NAMES[lang]} pasa de ${WHATSAPP_MAX_CHARS} caracteres (WhatsApp).`));
  }

  let scheduledAt: number | null = null;
  if (form.scheduled.trim() !== "") {
    scheduledAt = limaLocalTime(form.scheduled);
    if (scheduledAt === null) errors.push(new BroadcastInputError("scheduled", "La fecha y hora de envío no se entiende (use AAAA-MM-DD HH:MM, hora de Lima)."));
    else if (scheduledAt < deps.now() - 60_000) errors.push(new BroadcastInputError("scheduled", "La fecha y hora de envío ya pasó."));
  }

  if (!placeOk || unknown.length || langs.length === 0) return { plan: null, errors };
  const audience: BroadcastAudience = { programs, ubigeoPrefix: place, langs };
  const addresses = await audienceAddresses(deps, { programs, ubigeoPrefix: place || undefined, langs });
  const byKey = new Map<string, { channel: string; lang: Lang; n: number }>();
  for (const a of addresses) {
    const key = `${a.channel}:${a.lang}`;
    const row = byKey.get(key) ?? { channel: a.channel, lang: a.lang, n: 0 };
    row.n += 1;
    byKey.set(key, row);
  }
  const counts = [...byKey.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.lang.localeCompare(b.lang));
  if (addresses.length === 0) {
    errors.push(new BroadcastInputError("audience", "Nadie recibiría este mensaje: ninguna persona de ese programa, lugar e idioma aceptó recibir avisos. Amplíe el público o revise los filtros."));
  }
  return { plan: { title, audience, texts, scheduledAt, measures, counts, recipients: addresses.length, cost: estimateCost(deps.prices, measures, counts) }, errors };
}
