import type { Translator } from "../../i18n/translator";
import type { DistrictDirectory } from "../../services/districts/directory";

/**
 * Names of codes (status, queue, kind, category, program, place) for the console, taken from the
 * same locale files the person sees (Spanish), so the console and the person use the same words.
 */
export function consoleLabels(i18n: Translator, districts: DistrictDirectory) {
  const t = (key: string, fallback: string) => (i18n.has("es", key) ? i18n.t("es", key) : fallback);
  return {
    status: (s: string) => t(`complaints:status.${s}`, s),
    queue: (q: string) => t(`complaints:queues.${q}`, q),
    kind: (k: string) => t(`complaints:kinds.${k}`, k),
    category: (c: string) => t(`complaints:categories.${c}`, c),
    program: (p: string) => (p === "general" ? t("complaints:program.general", "General") : t(`programs:${p}.name`, p)),
    region: (code: string) => districts.department(code)?.label ?? code,
    district: (ubigeo: string) => {
      const d = districts.get(ubigeo);
      if (!d) return ubigeo;
      // accented Spanish names ("Apurímac"), not INEI's capitals
      return [d.label, districts.province(d.province)?.label, districts.department(d.department)?.label].filter(Boolean).join(", ");
    },
  };
}

export type ConsoleLabels = ReturnType<typeof consoleLabels>;

const dateTime = new Intl.DateTimeFormat("es-PE", { timeZone: "America/Lima", dateStyle: "short", timeStyle: "short" });

/** A moment as Lima's local date and time (the office's clock). */
export function limaDateTime(ms: number): string {
  return dateTime.format(new Date(ms));
}

/** YYYY-MM-DD → DD/MM/YYYY */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

// Lima has kept UTC-5 all year since 1994 (no daylight saving)
const LIMA_OFFSET_MS = 5 * 3_600_000;

/** A moment as ISO 8601 in Lima time with its offset: `2026-11-27T16:31:05-05:00` (CSV, machine-readable). */
export function limaIsoDateTime(ms: number): string {
  return `${new Date(ms - LIMA_OFFSET_MS).toISOString().slice(0, 19)}-05:00`;
}

const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

/** YYYY-MM-DD → "1 de diciembre de 2026" (official documents: the year in full, the month in words). */
export function longSpanishDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} de ${MONTHS[m - 1]} de ${y}`;
}
