import { describe, expect, it } from "vitest";
import { addBusinessDays, complaintDeadline, formatPeruvianDate, isBusinessDay, limaDate } from "../../../src/services/complaints/deadline";

describe("deadlines in Peruvian business days", () => {
  it.each([
    // filed Monday 7 Dec 2026: 8 (Inmaculada Concepción) and 9 (Batalla de Ayacucho) are holidays
    ["2026-12-07", 1, "2026-12-10"],
    ["2026-12-07", 2, "2026-12-11"],
    ["2026-12-07", 3, "2026-12-14"],
    // a reclamo filed that day: 30 business days, across Christmas and New Year
    ["2026-12-07", 30, "2027-01-22"],
    // Thursday 24 Dec: Friday 25 is Christmas, then the weekend
    ["2026-12-24", 1, "2026-12-28"],
    ["2026-12-24", 2, "2026-12-29"],
    // Thursday 31 Dec: Friday 1 Jan is New Year, then the weekend
    ["2026-12-31", 1, "2027-01-04"],
    ["2026-12-31", 2, "2027-01-05"],
    // Friday 27 Nov: the weekend is skipped
    ["2026-11-27", 1, "2026-11-30"],
    // filed on a Saturday: the term starts Monday
    ["2026-11-28", 1, "2026-11-30"],
    // Holy Week 2027: Thursday 25 and Friday 26 March are holidays
    ["2027-03-24", 1, "2027-03-29"],
  ])("filed %s + %i business days → %s", (filed, days, expected) => {
    expect(addBusinessDays(filed, days)).toBe(expected);
  });

  it("counts public holidays only, not observances such as Easter Sunday", () => {
    expect(isBusinessDay("2026-12-08")).toBe(false);
    expect(isBusinessDay("2026-12-09")).toBe(false);
    expect(isBusinessDay("2026-12-25")).toBe(false);
    expect(isBusinessDay("2027-01-01")).toBe(false);
    expect(isBusinessDay("2026-12-10")).toBe(true);
    expect(isBusinessDay("2026-04-06")).toBe(true); // Easter Monday is a working day in Peru
  });

  it("takes the filing date in Lima (UTC−5), not in UTC", () => {
    // 22:00 on Monday 7 Dec in Lima is already Tuesday 8 Dec in UTC
    const lateMonday = Date.parse("2026-12-08T03:00:00Z");
    expect(limaDate(lateMonday)).toBe("2026-12-07");
    expect(complaintDeadline(lateMonday, 1)).toBe("2026-12-10");
  });

  it("writes dates as people in Peru read them", () => {
    expect(formatPeruvianDate("2027-01-22")).toBe("22/01/2027");
  });
});
