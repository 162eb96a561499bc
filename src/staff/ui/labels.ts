import type { Translator } from "../../i18n/translator";
import type { DistrictDirectory } from "../../services/districts/directory";

const SMALL_WORDS = new Set(["de", "del", "la", "las", "los", "y", "el"]);

/** "PADRE ABAD" → "Padre Abad", "CORONEL PORTILLO" → "Coronel Portillo" (the INEI list is upper-case). */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
}

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
    region: (code: string) => titleCase(districts.department(code)?.name ?? code),
    district: (ubigeo: string) => {
      const d = districts.get(ubigeo);
      if (!d) return ubigeo;
      const province = districts.province(d.province)?.name;
      const department = districts.department(d.department)?.name;
      return [d.name, province, department].filter(Boolean).map((n) => titleCase(n!)).join(", ");
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
