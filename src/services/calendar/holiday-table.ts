import { z } from "zod";

/**
 * Peru's non-working days as a dated table (db/catalog/holidays.json), each with the norm that
 * makes it one: the national holidays (feriados, Decreto Legislativo 713 and the laws that added
 * days since) and the days the Executive declares non-working for the public sector (días no
 * laborables, by Decreto Supremo each time). A table rather than a rules library: the law changes
 * by decree, a decree names dates, and a reviewer can check each row against El Peruano.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "fecha AAAA-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), "fecha que no existe");

export const holidaySchema = z.object({
  date: isoDate,
  name: z.string().min(1),
  /** feriado: national holiday by law; no_laborable: decreed non-working day for the public sector */
  kind: z.enum(["feriado", "no_laborable"]),
  /** the norm, e.g. "Decreto Legislativo 713, art. 6" or "Decreto Supremo N° 0xx-2026-PCM" */
  source: z.string().min(1),
  url: z.string().url().optional(),
});

export const holidayTableSchema = z
  .object({
    /** the last year the table is complete for (the test asks for two years ahead of today) */
    completeThrough: z.number().int(),
    days: z.array(holidaySchema),
  })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    table.days.forEach((day, i) => {
      if (seen.has(day.date)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["days", i, "date"], message: `${day.date} aparece dos veces` });
      seen.add(day.date);
      if (i > 0 && table.days[i - 1].date > day.date) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["days", i, "date"], message: `${day.date} fuera de orden` });
    });
  });

export type Holiday = z.infer<typeof holidaySchema>;
export type HolidayTable = z.infer<typeof holidayTableSchema>;

/** Easter Sunday (Gregorian; Meeus/Jones/Butcher), for Holy Thursday and Good Friday. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function shift(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const DL713 = "Decreto Legislativo 713, art. 6";

/** The national holidays (feriados) of a year, as the laws in force in 2026 set them. */
export function nationalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (md: string, name: string, source = DL713, url?: string): Holiday => ({ date: `${year}-${md}`, name, kind: "feriado", source, ...(url ? { url } : {}) });
  return [
    fixed("01-01", "Año Nuevo"),
    { date: shift(easter, -3), name: "Jueves Santo", kind: "feriado" as const, source: DL713 },
    { date: shift(easter, -2), name: "Viernes Santo", kind: "feriado" as const, source: DL713 },
    fixed("05-01", "Día del Trabajo"),
    fixed("06-07", "Batalla de Arica y Día de la Bandera", "Ley 31788 (2023)", "https://busquedas.elperuano.pe/dispositivo/NL/2187453-1"),
    fixed("06-29", "San Pedro y San Pablo"),
    fixed("07-23", "Día de la Fuerza Aérea del Perú", "Ley 31822 (2023)", "https://busquedas.elperuano.pe/dispositivo/NL/2194316-1"),
    fixed("07-28", "Fiestas Patrias"),
    fixed("07-29", "Fiestas Patrias"),
    fixed("08-06", "Batalla de Junín", "Ley 31530 (2022)", "https://busquedas.elperuano.pe/dispositivo/NL/2089960-2"),
    fixed("08-30", "Santa Rosa de Lima"),
    fixed("10-08", "Combate de Angamos"),
    fixed("11-01", "Todos los Santos"),
    fixed("12-08", "Inmaculada Concepción"),
    fixed("12-09", "Batalla de Ayacucho", "Ley 31381 (2021)", "https://busquedas.elperuano.pe/dispositivo/NL/2026913-1"),
    fixed("12-25", "Navidad"),
  ].sort((x, y) => x.date.localeCompare(y.date));
}

/** The table with `day` added (or an existing day of the same date replaced), kept in date order. */
export function withDay(table: HolidayTable, day: Holiday): HolidayTable {
  const days = [...table.days.filter((d) => d.date !== day.date), day].sort((x, y) => x.date.localeCompare(y.date));
  return holidayTableSchema.parse({ ...table, days });
}

/** The table with a year's national holidays added (decreed days of that year are kept). */
export function withYear(table: HolidayTable, year: number): HolidayTable {
  let next = table;
  for (const day of nationalHolidays(year)) next = withDay(next, day);
  return { ...next, completeThrough: Math.max(next.completeThrough, year) };
}
