/**
 * The table of Peru's non-working days (db/catalog/holidays.json), which the complaint deadlines
 * count around:
 *
 *   npm run holidays                      lists this year's and next year's days
 *   npm run holidays -- list 2027         lists one year
 *   npm run holidays -- add 2026-12-24 --name "Día no laborable" --source "Decreto Supremo N° 0xx-2026-PCM" [--url https://…]
 *                                         adds a decreed public-sector non-working day (or replaces that date's row)
 *   npm run holidays -- add-year 2031     adds a year's national holidays as the laws set them today
 *
 * The file is rewritten in place (date order, validated); commit it with the norm's reference.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { holidayTableSchema, withDay, withYear, type HolidayTable } from "../services/calendar/holiday-table";

const FILE = fileURLToPath(new URL("../../db/catalog/holidays.json", import.meta.url));

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" }, source: { type: "string" }, url: { type: "string" }, file: { type: "string" } } });
const file = values.file ?? FILE;
const table: HolidayTable = holidayTableSchema.parse(JSON.parse(readFileSync(file, "utf8")));
const [command = "list", arg] = positionals;

function save(next: HolidayTable): void {
  writeFileSync(file, `${JSON.stringify(next, null, 1)}\n`);
}

if (command === "list") {
  const thisYear = new Date().getUTCFullYear();
  const years = arg ? [Number(arg)] : [thisYear, thisYear + 1];
  for (const day of table.days.filter((d) => years.includes(Number(d.date.slice(0, 4))))) console.log(`${day.date}  ${day.kind.padEnd(12)} ${day.name} — ${day.source}`);
  console.log(`(tabla completa hasta ${table.completeThrough})`);
} else if (command === "add") {
  if (!arg || !values.name || !values.source) fail('Uso: npm run holidays -- add AAAA-MM-DD --name "…" --source "Decreto Supremo N° …" [--url …]');
  const parsed = holidayTableSchema.shape.days.element.safeParse({ date: arg, name: values.name, kind: "no_laborable", source: values.source, ...(values.url ? { url: values.url } : {}) });
  if (!parsed.success) fail(`No se agregó: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const existing = table.days.find((d) => d.date === arg);
  if (existing?.kind === "feriado") fail(`${arg} ya es feriado nacional (${existing.name}); no se cambia.`);
  save(withDay(table, parsed.data));
  console.log(`${existing ? "Reemplazado" : "Agregado"}: ${arg} no laborable — ${values.source}`);
} else if (command === "add-year") {
  const year = Number(arg);
  if (!Number.isInteger(year) || year < 2024 || year > 2100) fail("Uso: npm run holidays -- add-year AAAA");
  save(withYear(table, year));
  console.log(`Feriados nacionales de ${year} agregados; tabla completa hasta ${Math.max(table.completeThrough, year)}.`);
} else {
  fail(`Orden desconocida: ${command}. Use list, add o add-year.`);
}
