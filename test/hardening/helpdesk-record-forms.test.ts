import { describe, expect, it } from "vitest";
import { auditLog, enrolments, noticeConsents, payments, persons } from "../../src/db/schema";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

// Session 8 review: the forms on a person's record (unlock, payment-notice consent) re-rendered the
// whole record for any DNI of the district, with no audit row, no consent tick and outside the
// hourly lookup limit. They now act only after this operator's own audited lookup of that person.
const ROSA = { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: "+51987654321" };

async function fixture() {
  const f = await consoleFixture();
  await f.deps.db.insert(persons).values(ROSA);
  await f.deps.db.insert(enrolments).values({ dni: ROSA.dni, program: "pension65", status: "activo", since: "2019-03-01", statusReason: null });
  await f.deps.db.insert(payments).values({ dni: ROSA.dni, program: "pension65", period: "2026-11", amountCents: 35000, status: "disponible", availableFrom: "2026-11-10", availableUntil: "2026-12-10", paymentPoint: "Banco de la Nación, Abancay" });
  const desk = new StaffBrowser(f.app);
  expect((await desk.login(f.staff.helpdesk.email, f.staff.helpdesk.password)).status).toBe(303);
  return { ...f, desk };
}

const FORMS: { label: string; action: string; fields: Record<string, string> }[] = [
  { label: "notice consent refused (no 'agree')", action: "/staff/helpdesk/person/notices", fields: { dni: ROSA.dni, channel: "sms", phone: "987654321", lang: "es" } },
  { label: "notice consent given", action: "/staff/helpdesk/person/notices", fields: { dni: ROSA.dni, channel: "sms", phone: "911222333", lang: "es", agree: "yes" } },
  { label: "notice consent revoked (unknown id)", action: "/staff/helpdesk/person/notices/revoke", fields: { dni: ROSA.dni, consent: "x" } },
  { label: "unlock", action: "/staff/helpdesk/person/unlock", fields: { dni: ROSA.dni } },
];

describe("help desk: a person's record is shown only through the audited lookup", () => {
  for (const form of FORMS) {
    it(`${form.label} without a lookup first: nothing shown, nothing stored, nothing unaudited`, async () => {
      const f = await fixture();
      const res = await f.desk.submit("/staff/helpdesk/person", form.action, form.fields);
      const html = await res.text();
      expect(res.status).toBe(403);
      expect(html).toContain("Primero consulte a la persona");
      // the record (name, payments) is not on the page, and the answer does not say whether she lives here
      expect(html).not.toContain("Quispe");
      expect(html).not.toContain("350.00");
      expect(await f.deps.db.select().from(noticeConsents).all()).toEqual([]);
      expect((await f.deps.db.select().from(auditLog).all()).filter((a) => a.action === "lookup.unlock")).toEqual([]);
    });
  }

  it("after the operator's own lookup the same forms work; another operator's lookup does not count", async () => {
    const f = await fixture();
    const colleague = new StaffBrowser(f.app);
    const { addStaff } = await import("../helpers/staff");
    const other = await addStaff(f.deps, "helpdesk", "mesa2@orienta.test", "030101");
    expect((await colleague.login(other.email, other.password)).status).toBe(303);
    expect((await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" })).status).toBe(200);
    expect((await colleague.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices", FORMS[1].fields)).status).toBe(403);
    const granted = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices", FORMS[1].fields);
    expect(granted.status).toBe(200);
    expect(await granted.text()).toContain("Quispe");
    expect(await f.deps.db.select().from(noticeConsents).all()).toHaveLength(1);
  });

  it("a lookup older than the desk visit (30 minutes) no longer opens the forms", async () => {
    const f = await fixture();
    expect((await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" })).status).toBe(200);
    // the console session stays alive (30 minutes idle) while the desk visit runs out
    f.clock.advance(20 * 60_000);
    await f.desk.get("/staff/helpdesk/person");
    f.clock.advance(11 * 60_000);
    expect((await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/unlock", { dni: ROSA.dni })).status).toBe(403);
  });
});
