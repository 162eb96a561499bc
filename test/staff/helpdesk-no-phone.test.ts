import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, classifications, complaintReporters, complaints, outbox, persons } from "../../src/db/schema";
import { consoleFixture } from "../helpers/console";
import { makeTestApp } from "../helpers/app";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";

// Rosa has no phone: exactly who walks into a municipal help desk
const ROSA = { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: null };
const JUAN = { dni: "45678901", birthDate: "1980-12-24", firstNames: "Juan", lastNames: "Huamán Ccori", ubigeo: "030101", phone: "+51976543210" };

async function fixture() {
  const f = await consoleFixture();
  await f.deps.db.insert(persons).values([ROSA, JUAN]);
  await f.deps.db.insert(classifications).values({ dni: ROSA.dni, level: "pobre_extremo", validUntil: "2028-01-31" });
  const desk = new StaffBrowser(f.app);
  expect((await desk.login(f.staff.helpdesk.email, f.staff.helpdesk.password)).status).toBe(303);
  return { ...f, desk };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

const BASE = { kind: "reclamo", program: "pension65", category: "pago_no_recibido", description: "No pudo cobrar el pago de noviembre.", dni: ROSA.dni, name: "Rosa Quispe Huamán", lang: "qu" };

async function file(f: Fixture, fields: Record<string, string>) {
  const res = await f.desk.submit("/staff/helpdesk/complaint", "/staff/helpdesk/complaint", fields);
  const code = /receipt\/(MO-\d{4}-\d{6})/.exec(res.headers.get("location") ?? "")?.[1];
  return { res, code };
}
const count = async (f: Fixture) => ({ complaints: (await f.deps.db.select().from(complaints)).length, outbox: (await f.deps.db.select().from(outbox)).length });

describe("help desk: a reclamo for a person without a phone", () => {
  const ways: { label: string; fields: Record<string, string>; channel: string; reporter: Record<string, unknown>; receipt: RegExp }[] = [
    { label: "no contact at all: answered at the desk", fields: {}, channel: "desk", reporter: { phone: null, email: null, postalAddress: null }, receipt: /Vuelva a esta mesa de ayuda \(Abancay, Abancay, Apurímac\) desde el \d{1,2} de \w+ de 2027 con este código/ },
    { label: "the desk chosen", fields: { answer_by: "desk" }, channel: "desk", reporter: {}, receipt: /Vuelva a esta mesa de ayuda/ },
    { label: "by letter", fields: { answer_by: "letter", postal_address: "Jr. Lima 123, Abancay" }, channel: "letter", reporter: { postalAddress: "Jr. Lima 123, Abancay" }, receipt: /Por carta a su dirección: Jr\. Lima 123, Abancay\./ },
    { label: "by e-mail", fields: { answer_by: "email", email: "rosa.quispe@correo.pe" }, channel: "email", reporter: { email: "rosa.quispe@correo.pe" }, receipt: /Por correo electrónico a rosa\.quispe@correo\.pe\./ },
    { label: "only an e-mail given", fields: { email: "rosa.quispe@correo.pe" }, channel: "email", reporter: { email: "rosa.quispe@correo.pe" }, receipt: /Por correo electrónico/ },
  ];
  it.each(ways)("files it $label, sends nothing, and the receipt says how the answer comes", async ({ fields, channel, reporter, receipt }) => {
    const f = await fixture();
    const before = await count(f);
    const { res, code } = await file(f, { ...BASE, ...fields });
    expect(res.status).toBe(303);
    const [row] = await f.deps.db.select().from(complaints).where(eq(complaints.code, code!));
    expect(row).toMatchObject({ channel: "helpdesk", contactChannel: channel, contactAddress: null, lang: "qu" });
    const [who] = await f.deps.db.select().from(complaintReporters).where(eq(complaintReporters.complaintId, row.id));
    expect(who).toMatchObject({ dni: ROSA.dni, ...reporter });
    // no phone, no message queued
    expect(await count(f)).toEqual({ complaints: before.complaints + 1, outbox: before.outbox });
    const html = await (await f.desk.get(`/staff/helpdesk/receipt/${code}`)).text();
    expect(html).toMatch(receipt);
    expect(html).toContain("No hay celular registrado para este caso");
  });

  it("shows the office how to answer a letter case, and that nothing is sent", async () => {
    const f = await fixture();
    const { code } = await file(f, { ...BASE, answer_by: "letter", postal_address: "Jr. Lima 123, Abancay" });
    const supervisor = new StaffBrowser(f.app);
    await supervisor.login(f.staff.supervisor.email, f.staff.supervisor.password);
    const html = await (await supervisor.get(`/staff/complaints/${code}`)).text();
    expect(html).toContain("<dt>Dirección para cartas</dt><dd>Jr. Lima 123, Abancay</dd>");
    expect(html).toContain("No se envía mensaje: la persona recibe la respuesta por carta");
    await supervisor.submit(`/staff/complaints/${code}`, `/staff/complaints/${code}/status`, { to: "respondido", answer: "Su pago fue reprogramado." });
    expect(await f.deps.db.select().from(outbox).where(eq(outbox.ref, `complaint:${code}`))).toEqual([]);
  });

  const refusals: { label: string; fields: Record<string, string>; message: string }[] = [
    { label: "a reclamo without DNI", fields: { dni: "" }, message: "Revise «DNI»: un reclamo necesita el DNI de la persona." },
    { label: "a DNI of 7 digits", fields: { dni: "4123456" }, message: "Revise «DNI»: el DNI tiene 8 números." },
    { label: "SMS chosen without a phone", fields: { answer_by: "sms" }, message: "Revise «Celular»: escriba el celular para responder por SMS, o elija otra forma de respuesta." },
    { label: "a bad phone", fields: { phone: "12345" }, message: "Revise «Celular»: el celular no es válido (9 números, empieza con 9)." },
    { label: "a letter without address", fields: { answer_by: "letter" }, message: "Revise «Dirección para la carta»: escriba la dirección" },
    { label: "e-mail chosen without one", fields: { answer_by: "email" }, message: "Revise «Correo electrónico»: escriba el correo para responder por correo electrónico" },
    { label: "a malformed e-mail", fields: { answer_by: "email", email: "rosa@" }, message: "Revise «Correo electrónico»: escriba un correo válido (ej. nombre@correo.pe)." },
    { label: "a category of another kind", fields: { kind: "denuncia", category: "pago_no_recibido" }, message: "Revise «Motivo»: «No recibí mi pago» no es un motivo de denuncia. Para denuncia elija uno de:" },
    { label: "an unknown kind", fields: { kind: "queja" }, message: "Revise «Tipo»: elija un tipo de la lista." },
    { label: "an unknown program", fields: { program: "vaso_de_leche" }, message: "Revise «Programa»: elija un programa de la lista." },
    { label: "no description", fields: { description: "  " }, message: "Revise «Qué pasó (con las palabras de la persona)»: escriba lo que contó la persona." },
  ];
  it.each(refusals)("refuses $label in Spanish naming the field as the form labels it; nothing stored", async ({ fields, message }) => {
    const f = await fixture();
    const before = await count(f);
    const { res } = await file(f, { ...BASE, ...fields });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    // no internal codes or English in the refusal
    const alert = /<p class="alert" role="alert" id="form-error">([^<]*)<\/p>/.exec(html)![1];
    expect(alert).not.toMatch(/contact\.|reporter\.|needs|expected|not a |one of|[a-z]+_[a-z]+/);
    // what was typed is kept
    expect(html).toContain("Rosa Quispe Huamán");
    expect(await count(f)).toEqual(before);
  });
});

describe("help desk: the registry pre-fills the forms", () => {
  it("fills the complaint with name, phone (if any) and the district, editable, and nothing is filed yet", async () => {
    const f = await fixture();
    const record = await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: JUAN.dni, reason: "reclamo", consent: "yes" });
    const page = await record.text();
    expect(page).toContain('<input type="hidden" name="prefill" value="1"/>');
    const before = await count(f);
    const form = await f.desk.post("/staff/helpdesk/complaint", { _csrf: StaffBrowser.csrfOf(page), prefill: "1", dni: JUAN.dni, name: "Juan Huamán Ccori", phone: "976543210" });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toMatch(/<input id="dni" name="dni"[^>]*value="45678901"/);
    expect(html).toMatch(/<input id="name" name="name"[^>]*value="Juan Huamán Ccori"/);
    expect(html).toMatch(/<input id="phone" name="phone"[^>]*value="976543210"/);
    expect(html).toContain("Distrito: <strong>Abancay, Abancay, Apurímac</strong>");
    // with a phone, SMS is the answer chosen; without one, the desk
    expect(html).toMatch(/id="answer_by-sms" name="answer_by" value="sms" checked=""/);
    expect(await count(f)).toEqual(before);
  });

  it("fills the eligibility check with the age and a valid classification, editable, not evaluated yet", async () => {
    const f = await fixture();
    const page = await (await f.desk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "elegibilidad", consent: "yes" })).text();
    // 2026-11-23: Rosa (born 1950-04-21) is 76
    expect(page).toContain('<input type="hidden" name="age" value="76"/>');
    expect(page).toContain('<input type="hidden" name="cse" value="pobre_extremo"/>');
    const res = await f.desk.post("/staff/helpdesk/eligibility", { _csrf: StaffBrowser.csrfOf(page), prefill: "1", age: "76", hasDni: "yes", cse: "pobre_extremo" });
    const html = await res.text();
    expect(html).toContain("Datos tomados del padrón");
    expect(html).toMatch(/<input id="age" name="age"[^>]*value="76"/);
    expect(html).toMatch(/<option value="pobre_extremo" selected="">/);
    expect(html).not.toContain('<h2 id="results">');
  });
});

describe("help desk: person lookups per operator (HELPDESK_LOOKUPS_PER_HOUR)", () => {
  it("refuses past the hourly limit in Spanish, audits each lookup and the refusal, and allows again an hour later", async () => {
    const t = makeTestApp({ env: { ...TEST_ENV, HELPDESK_LOOKUPS_PER_HOUR: "3" } });
    await t.deps.db.insert(persons).values(ROSA);
    const operator = await addStaff(t.deps, "helpdesk");
    const other = await addStaff(t.deps, "helpdesk", "otra.mesa@orienta.test");
    const desk = new StaffBrowser(t.app);
    await desk.login(operator.email, operator.password);
    const look = (b: StaffBrowser) => b.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: ROSA.dni, reason: "pagos", consent: "yes" });
    for (let i = 0; i < 3; i++) expect((await look(desk)).status).toBe(200);
    const refused = await look(desk);
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain("Llegó al límite de 3 consultas de personas por hora");
    expect(html).not.toContain("Quispe");
    // another operator is not limited by this one
    const desk2 = new StaffBrowser(t.app);
    await desk2.login(other.email, other.password);
    expect((await look(desk2)).status).toBe(200);
    const rows = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "helpdesk.person_lookup"));
    expect(rows.map((r) => r.outcome)).toEqual(["ok", "ok", "ok", "limited", "ok"]);
    t.clock.advance(61 * 60_000);
    await desk.login(operator.email, operator.password);
    expect((await look(desk)).status).toBe(200);
  });
});
