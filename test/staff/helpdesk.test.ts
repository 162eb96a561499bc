import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, complaints, eligibilityCounts, enrolments, outbox, payments, persons } from "../../src/db/schema";
import { consoleFixture } from "../helpers/console";
import { addStaff, StaffBrowser } from "../helpers/staff";
import { dniSubject } from "../../src/staff/helpdesk/subject";
import { createTranslator } from "../../src/i18n/translator";

const ROSA = { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: "+51987654321" };
const PEDRO = { dni: "42345678", birthDate: "1948-02-02", firstNames: "Pedro", lastNames: "Mamani Apaza", ubigeo: "210101", phone: null };

async function fixture() {
  const f = await consoleFixture();
  await f.deps.db.insert(persons).values([ROSA, PEDRO]);
  await f.deps.db.insert(enrolments).values({ dni: ROSA.dni, program: "pension65", status: "activo", since: "2019-03-01", statusReason: null });
  await f.deps.db.insert(payments).values({ dni: ROSA.dni, program: "pension65", period: "2026-11", amountCents: 35000, status: "disponible", availableFrom: "2026-11-10", availableUntil: "2026-12-10", paymentPoint: "Banco de la Nación, Abancay" });
  const desk = new StaffBrowser(f.app);
  expect((await desk.login(f.staff.helpdesk.email, f.staff.helpdesk.password)).status).toBe(303);
  return { ...f, desk };
}

describe("help desk: a person's status and payments", () => {
  it("shows a person of the operator's district, with the reason and consent audited (no DNI in clear in the audit)", async () => {
    const f = await fixture();
    const res = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Rosa Quispe Huamán");
    expect(html).toContain("S/ 350.00");
    expect(html).toContain("Disponible para cobrar");
    expect(html).toContain("Banco de la Nación, Abancay");
    const [row] = await f.deps.db.select().from(auditLog).where(eq(auditLog.action, "helpdesk.person_lookup"));
    expect(row).toMatchObject({ actor: `staff:${f.staff.helpdesk.id}`, outcome: "ok", subject: await dniSubject(f.deps.config.appSecret, ROSA.dni) });
    expect(row.detail).toMatchObject({ reason: "pagos", consent: true, district: "030101" });
    expect(JSON.stringify(row)).not.toContain(ROSA.dni);
  });

  it("answers a person of another district exactly like a DNI nobody has", async () => {
    const f = await fixture();
    const other = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: PEDRO.dni, reason: "estado", consent: "yes" });
    const nobody = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: "49999999", reason: "estado", consent: "yes" });
    expect(other.status).toBe(404);
    expect(nobody.status).toBe(404);
    const strip = (html: string) => html.replace(/value="\d{8}"/g, "").replace(/name="_csrf" value="[^"]*"/g, "");
    expect(strip(await other.text())).toBe(strip(await nobody.text()));
    const rows = await f.deps.db.select().from(auditLog).where(eq(auditLog.action, "helpdesk.person_lookup"));
    expect(rows.map((r) => r.outcome).sort()).toEqual(["not_found", "out_of_scope"]);
  });

  it("refuses a lookup without the person's consent, and a malformed DNI, saying which", async () => {
    const f = await fixture();
    const noConsent = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos" });
    expect(noConsent.status).toBe(400);
    const html = await noConsent.text();
    expect(html).toContain("autoriza la consulta");
    expect(html).not.toContain("Quispe");
    const bad = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: "123", reason: "pagos", consent: "yes" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("El DNI tiene 8 dígitos");
  });
});

describe("help desk: lifting a DNI's lock for the person at the desk (issue 14 item 3)", () => {
  it("after 10 failed checks from many phones the person is locked out everywhere; the operator lifts it, audited; another district's DNI is not found", async () => {
    const f = await fixture();
    const lookups = f.ctx().services.lookups;
    for (let i = 0; i < 10; i++) await lookups.verify({ dni: ROSA.dni, birthDate: "1960-01-01", channel: "api", client: `198.51.100.${i}` });
    expect(await lookups.verify({ dni: ROSA.dni, birthDate: ROSA.birthDate, channel: "ussd", client: "tel:+51987654321" })).toMatchObject({ outcome: "locked" });
    const page = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" });
    expect(await page.text()).toContain("Desbloquear la consulta por teléfono de este DNI");
    const unlocked = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/unlock", { dni: ROSA.dni });
    expect(unlocked.status).toBe(200);
    expect(await unlocked.text()).toContain("ya puede volver a consultar");
    expect(await lookups.verify({ dni: ROSA.dni, birthDate: ROSA.birthDate, channel: "ussd", client: "tel:+51987654321" })).toMatchObject({ outcome: "verified" });
    const audit = (await f.deps.db.select().from(auditLog).all()).find((a) => a.action === "lookup.unlock");
    expect(audit).toMatchObject({ actor: `staff:${f.staff.helpdesk.id}`, channel: "helpdesk", outcome: "unlocked" });
    expect(JSON.stringify(audit)).not.toContain(ROSA.dni);
    // another district's DNI: no lookup of it can succeed, so the unlock is refused like any DNI not just looked up
    const other = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person/unlock", { dni: PEDRO.dni });
    expect(other.status).toBe(403);
  });
});

describe("help desk: a complaint on the person's behalf", () => {
  it("files it with channel helpdesk in the operator's district, shows a printable receipt and sends it by SMS", async () => {
    const f = await fixture();
    const res = await f.desk.submit("/staff/helpdesk/complaint", "/staff/helpdesk/complaint", {
      kind: "reclamo",
      program: "pension65",
      category: "pago_no_recibido",
      description: "No cobró el pago de noviembre",
      dni: ROSA.dni,
      name: "Rosa Quispe Huamán",
      phone: "987 654 321",
      lang: "qu",
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    const code = /receipt\/(MO-\d{4}-\d{6})/.exec(location)![1];
    const [row] = await f.deps.db.select().from(complaints).where(eq(complaints.code, code));
    expect(row).toMatchObject({ channel: "helpdesk", ubigeo: "030101", lang: "qu", contactChannel: "sms", contactAddress: "+51987654321" });
    // the operator is recorded as who filed it
    const filed = await f.deps.db.select().from(auditLog).where(and(eq(auditLog.actor, `staff:${f.staff.helpdesk.id}`), eq(auditLog.action, "complaint.file")));
    expect(filed).toHaveLength(1);

    const receipt = await f.desk.get(location);
    const html = await receipt.text();
    expect(html).toContain(code);
    expect(html).toContain("Constancia de registro");
    expect(html).toContain("helpdesk test (mesa de ayuda)");
    const css = await (await f.desk.get("/staff/assets/console.css")).text();
    expect(css).toMatch(/@media print\{[^}]*\.no-print/);

    // the filing already sent the receipt to the recorded number: the page says so, and a second
    // send needs the operator's explicit confirmation; a number typed in the form is never used
    expect(html).toContain("Ya se envió la constancia por SMS al +********321");
    const before = (await f.deps.db.select().from(outbox)).length;
    const refused = await f.desk.submit(location, `/staff/helpdesk/receipt/${code}/sms`, { phone: "912 345 678" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("La constancia ya se envió por SMS");
    expect((await f.deps.db.select().from(outbox)).length).toBe(before);
    const sent = await f.desk.submit(location, `/staff/helpdesk/receipt/${code}/sms`, { phone: "912 345 678", confirm_resend: "yes" });
    expect(sent.status).toBe(303);
    expect(await f.deps.db.select().from(outbox).where(and(eq(outbox.address, "+51912345678"), eq(outbox.ref, `complaint:${code}`)))).toHaveLength(0);
    const messages = await f.deps.db.select().from(outbox).where(and(eq(outbox.address, "+51987654321"), eq(outbox.channel, "sms"), eq(outbox.ref, `complaint:${code}`)));
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ channel: "sms", lang: "qu", ref: `complaint:${code}` });
    expect(messages[1].body[0]).toMatchObject({ key: "complaints:notify.filed", params: { code } });
    expect((await f.deps.db.select().from(outbox)).length).toBe(before + 1);
    const audit = await f.deps.db.select().from(auditLog).where(eq(auditLog.action, "helpdesk.receipt_sms"));
    expect(audit.map((a) => a.detail)).toEqual([{ district: "030101", resend: true }]);
  });

  it("a receipt of another district's case is not found; a case without a phone sends no SMS", async () => {
    const f = await fixture();
    expect((await f.desk.get(`/staff/helpdesk/receipt/${f.consulta.code}`)).status).toBe(404);
    const filed = await f.desk.submit("/staff/helpdesk/complaint", "/staff/helpdesk/complaint", { kind: "reclamo", program: "juntos", category: "pago_no_recibido", description: "No llegó", dni: ROSA.dni });
    const code = /receipt\/(MO-\d{4}-\d{6})/.exec(filed.headers.get("location")!)![1];
    const before = (await f.deps.db.select().from(outbox)).length;
    const bad = await f.desk.submit(`/staff/helpdesk/receipt/${code}`, `/staff/helpdesk/receipt/${code}/sms`, { phone: "987654321", confirm_resend: "yes" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Este caso no tiene celular registrado");
    expect((await f.deps.db.select().from(outbox)).length).toBe(before);
  });

  it("a complaint the rules refuse comes back with the field named and what was typed kept", async () => {
    const f = await fixture();
    const res = await f.desk.submit("/staff/helpdesk/complaint", "/staff/helpdesk/complaint", { kind: "reclamo", program: "juntos", category: "pago_no_recibido", description: "Texto que no se pierde" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Revise «DNI»: un reclamo necesita el DNI de la persona.");
    expect(html).toContain("Texto que no se pierde");
  });
});

describe("help desk: eligibility and the district's counts", () => {
  it("runs the check for a visitor and counts it for the district, anonymously", async () => {
    const f = await fixture();
    const res = await f.desk.submit("/staff/helpdesk/eligibility", "/staff/helpdesk/eligibility", { age: "70", hasDni: "yes", cse: "pobre_extremo", contributoryPension: "no", essalud: "no" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Resultado");
    expect(html).toContain(createTranslator().t("es", "eligibility:outcome.likely"));
    const counts = await f.deps.db.select().from(eligibilityCounts).where(eq(eligibilityCounts.channel, "helpdesk"));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((c) => c.ubigeo === "030101")).toBe(true);
    const bad = await f.desk.submit("/staff/helpdesk/eligibility", "/staff/helpdesk/eligibility", { age: "abc" });
    expect(bad.status).toBe(400);
  });

  it("shows the district's own counts only", async () => {
    const f = await fixture();
    await f.desk.submit("/staff/helpdesk/eligibility", "/staff/helpdesk/eligibility", { age: "70", cse: "pobre_extremo" });
    const html = await (await f.desk.get("/staff/helpdesk/district")).text();
    expect(html).toContain("Cifras del distrito");
    // the fixture's reclamo is in 030101, its consulta in Lima and its denuncia in Piura
    expect(html).toMatch(/Reclamos y denuncias<\/h2><p class="stat">1</);
    expect(html).toMatch(/Consultas y sugerencias<\/h2><p class="stat">0</);
    expect(html).toMatch(/Orientaciones sobre programas<\/h2><p class="stat">[1-9]/);
  });

  it("an operator of another district sees none of this district's people or cases", async () => {
    const f = await fixture();
    const lima = await addStaff(f.deps, "helpdesk", "mesa.lima@orienta.test", "150101");
    const desk = new StaffBrowser(f.app);
    await desk.login(lima.email, lima.password);
    expect((await desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" })).status).toBe(404);
    expect((await desk.get(`/staff/helpdesk/receipt/${f.reclamo.code}`)).status).toBe(404);
    expect((await desk.get(`/staff/helpdesk/receipt/${f.consulta.code}`)).status).toBe(200);
  });
});

describe("help desk audit subject", () => {
  it("names a DNI as the citizens' verified lookups do, so one hash finds both", async () => {
    const { createKeyedHash } = await import("../../src/services/lookups/keyed-hash");
    const secret = "x".repeat(32);
    expect(await dniSubject(secret, "41234567")).toBe(`dni:${await createKeyedHash(secret)("dni:41234567")}`);
  });
});
