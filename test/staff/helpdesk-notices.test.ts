import { describe, expect, it } from "vitest";
import { auditLog, noticeConsents, persons } from "../../src/db/schema";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";
import { consentTextVersion } from "../../src/services/notices/consent-text";

const ROSA = { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: "+51987654321" };
const PEDRO = { dni: "42345678", birthDate: "1948-02-02", firstNames: "Pedro", lastNames: "Mamani Apaza", ubigeo: "210101", phone: null };

async function fixture() {
  const f = await consoleFixture();
  await f.deps.db.insert(persons).values([ROSA, PEDRO]);
  const desk = new StaffBrowser(f.app);
  expect((await desk.login(f.staff.helpdesk.email, f.staff.helpdesk.password)).status).toBe(303);
  return { ...f, desk };
}

describe("help desk: payment notices with the person present", () => {
  it("the record offers them with the text in each language; a yes is stored with its proof and the operator, audited; then revoked", async () => {
    const f = await fixture();
    const page = await (await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" })).text();
    expect(page).toContain("Avisos de pago");
    expect(page).toContain("No recibe avisos de pago.");
    expect(page).toContain("¿Quiere que le avisemos por SMS cuando su pago esté listo?");
    expect(page).toContain("SMSwan willasqaykichu");

    // without the person's yes: refused, nothing stored
    const refused = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices", { dni: ROSA.dni, channel: "sms", phone: "987654321", lang: "qu" });
    expect(refused.status).toBe(400);
    expect(await f.deps.db.select().from(noticeConsents).all()).toEqual([]);
    const badPhone = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices", { dni: ROSA.dni, channel: "sms", phone: "12", lang: "qu", agree: "yes" });
    expect(badPhone.status).toBe(400);

    const granted = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices", { dni: ROSA.dni, channel: "sms", phone: "987 654 321", lang: "qu", agree: "yes" });
    expect(granted.status).toBe(200);
    const html = await granted.text();
    expect(html).toContain("recibirá avisos de pago por SMS");
    expect(html).toContain("…321");
    const [row] = await f.deps.db.select().from(noticeConsents).all();
    expect(row).toMatchObject({ channel: "sms", address: "+51987654321", lang: "qu", status: "granted", grantedVia: "helpdesk", grantedBy: `staff:${f.staff.helpdesk.id}` });
    expect(row.textVersion).toBe(await consentTextVersion("qu", "notices:offer.sms"));

    const revoked = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices/revoke", { dni: ROSA.dni, consent: row.id });
    expect(await revoked.text()).toContain("ya no recibirá avisos de pago");
    expect(await f.deps.db.select().from(noticeConsents).get()).toMatchObject({ status: "revoked", revokedVia: "helpdesk", revokedBy: `staff:${f.staff.helpdesk.id}` });
    const audit = (await f.deps.db.select().from(auditLog).all()).filter((a) => a.action.startsWith("notices.consent"));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["notices.consent.grant", `staff:${f.staff.helpdesk.id}`],
      ["notices.consent.revoke", `staff:${f.staff.helpdesk.id}`],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/41234567|987654321/);
  });

  it("a person of another district: answered as unknown, nothing stored", async () => {
    const f = await fixture();
    const res = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/notices", { dni: PEDRO.dni, channel: "sms", phone: "987654321", lang: "es", agree: "yes" });
    // refused like any DNI this operator has not just looked up (a lookup of Pedro finds nobody)
    expect(res.status).toBe(403);
    expect(await f.deps.db.select().from(noticeConsents).all()).toEqual([]);
  });
});
