import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import table from "../../../db/catalog/holidays.json";
import { easterSunday, holidayTableSchema, nationalHolidays, withDay } from "../../../src/services/calendar/holiday-table";
import { HOLIDAYS_COMPLETE_THROUGH, isNonWorkingDay } from "../../../src/services/calendar/holidays";

describe("Peru's non-working days table (db/catalog/holidays.json)", () => {
  it("validates: dated, in order, each with its legal source", () => {
    const parsed = holidayTableSchema.parse(table);
    expect(parsed.days.every((d) => d.source.length > 0)).toBe(true);
  });

  it("covers this year and the next two (extend it with `npm run holidays -- add-year`)", () => {
    const year = new Date().getUTCFullYear();
    expect(HOLIDAYS_COMPLETE_THROUGH).toBeGreaterThanOrEqual(year + 2);
    for (const y of [year, year + 1, year + 2]) {
      const days = table.days.filter((d) => d.date.startsWith(`${y}-`) && d.kind === "feriado");
      expect(days.map((d) => d.date)).toEqual(nationalHolidays(y).map((d) => d.date));
    }
  });

  it("has the laws' days: Holy Thursday and Good Friday from Easter, 7 June, 23 July, 6 August, 9 December", () => {
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2025)).toBe("2025-04-20");
    for (const d of ["2026-04-02", "2026-04-03", "2026-06-07", "2026-07-23", "2026-08-06", "2026-12-09", "2027-03-25", "2027-03-26"]) expect(isNonWorkingDay(d), d).toBe(true);
    expect(isNonWorkingDay("2026-04-06")).toBe(false); // Easter Monday works in Peru
    expect(isNonWorkingDay("2026-06-24")).toBe(false); // Inti Raymi is Cusco's, not national
  });

  it("refuses a duplicated date, a date that does not exist, and rows out of order", () => {
    const day = { date: "2026-12-24", name: "x", kind: "no_laborable" as const, source: "DS" };
    expect(() => holidayTableSchema.parse({ completeThrough: 2026, days: [day, day] })).toThrow(/dos veces/);
    expect(() => holidayTableSchema.parse({ completeThrough: 2026, days: [{ ...day, date: "2026-02-30" }] })).toThrow(/no existe/);
    expect(() => holidayTableSchema.parse({ completeThrough: 2026, days: [day, { ...day, date: "2026-01-02" }] })).toThrow(/fuera de orden/);
    expect(withDay({ completeThrough: 2026, days: [day] }, { ...day, date: "2026-01-02" }).days.map((d) => d.date)).toEqual(["2026-01-02", "2026-12-24"]);
  });

  it("the CLI adds a decreed day with its source and refuses one without", () => {
    const dir = mkdtempSync(join(tmpdir(), "holidays-"));
    const file = join(dir, "holidays.json");
    writeFileSync(file, JSON.stringify(table));
    const cli = (...args: string[]) => execFileSync(process.execPath, ["--import", "tsx", "src/cli/holidays.ts", ...args, "--file", file], { encoding: "utf8", stdio: "pipe" });
    expect(cli("add", "2026-12-24", "--name", "Día no laborable", "--source", "Decreto Supremo N° 999-2026-PCM")).toMatch(/Agregado/);
    const saved = holidayTableSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    expect(saved.days.find((d) => d.date === "2026-12-24")).toMatchObject({ kind: "no_laborable", source: "Decreto Supremo N° 999-2026-PCM" });
    expect(() => cli("add", "2026-12-31", "--name", "x")).toThrow(/Uso/);
    expect(() => cli("add", "2026-12-25", "--name", "x", "--source", "DS")).toThrow(/ya es feriado/);
  });
});
