import { describe, expect, it } from "vitest";
import { classifications, enrolments, payments, persons } from "../../src/db/schema";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

type Fixture = Awaited<ReturnType<typeof consoleFixture>>;

// the fixture's clock: 2026-11-23; the reclamo (Juntos, pago_no_recibido) is filed that day
async function withRegistry(f: Fixture) {
  await f.deps.db.insert(persons).values([
    { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: null },
    { dni: "40000001", birthDate: "1970-01-02", firstNames: "Juana", lastNames: "Condori", ubigeo: "200101", phone: null },
  ]);
  await f.deps.db.insert(enrolments).values([
    { dni: "41234567", program: "juntos", status: "suspendido", since: "2021-05-01", statusReason: "cred_incumplido" },
    { dni: "40000001", program: "pension65", status: "activo", since: "2020-01-01", statusReason: null },
  ]);
  await f.deps.db.insert(classifications).values({ dni: "41234567", level: "pobre_extremo", validUntil: "2026-06-30" });
  const pay = (period: string, status: "cobrado" | "no_cobrado" | "programado", from: string) => ({ dni: "41234567", program: "juntos", period, amountCents: 20000, status, availableFrom: from, availableUntil: null, paymentPoint: "Banco de la Nación, Abancay" });
  await f.deps.db.insert(payments).values([pay("2025-01", "cobrado", "2025-01-10"), pay("2026-09", "cobrado", "2026-09-10"), pay("2026-11", "no_cobrado", "2026-11-10"), pay("2027-01", "programado", "2027-01-10")]);
}

async function as(f: Fixture, who: "agent" | "supervisor" | "admin") {
  const browser = new StaffBrowser(f.app);
  expect((await browser.login(f.staff[who].email, f.staff[who].password)).status).toBe(303);
  return browser;
}

const contextAudits = (f: Fixture) => f.database.sqlite.prepare("select actor, subject, outcome, detail from audit_log where action = 'complaint.registry_context' order by id").all() as { actor: string; subject: string; outcome: string; detail: string }[];

describe("the registry beside a case", () => {
  it("shows the reporter's enrolments, classification and the payments around the filing, and links the payment a payment complaint is about; audited", async () => {
    const f = await consoleFixture();
    await withRegistry(f);
    const html = await (await (await as(f, "agent")).get(`/staff/complaints/${f.reclamo.code}`)).text();
    expect(html).toContain("La persona en el padrón");
    expect(html).toMatch(/Suspendido<\/td><td>01\/05\/2021<\/td><td>cred_incumplido/);
    expect(html).toContain("vigente hasta 30/06/2026 (VENCIDA)");
    // the months around the filing (2026-07 … 2027-01), not a payment of 2025
    expect(html).toContain('id="pago-juntos-2026-11"');
    expect(html).toContain('id="pago-juntos-2026-09"');
    expect(html).toContain('id="pago-juntos-2027-01"');
    expect(html).not.toContain("pago-juntos-2025-01");
    // the payment it is about: the latest Juntos payment open by the filing day
    expect(html).toMatch(/Este reclamo es sobre el pago <a href="#pago-juntos-2026-11">Juntos 2026-11<\/a>: S\/ 200.00, no cobrado/);
    const [audit] = contextAudits(f);
    expect(audit).toMatchObject({ actor: `staff:${f.staff.agent.id}`, outcome: "ok" });
    expect(audit.subject).toMatch(/^dni:[0-9a-f]+$/);
    expect(JSON.parse(audit.detail)).toMatchObject({ complaint: f.reclamo.code, role: "quality_agent", payments: 3 });
    // the same hash the help desk's lookups use for this DNI
    const helpdesk = new StaffBrowser(f.app);
    await helpdesk.login(f.staff.helpdesk.email, f.staff.helpdesk.password);
    await helpdesk.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: "41234567", reason: "pagos", consent: "yes" });
    const lookup = f.database.sqlite.prepare("select subject from audit_log where action = 'helpdesk.person_lookup'").get() as { subject: string };
    expect(lookup.subject).toBe(audit.subject);
  });

  const roles: { who: "agent" | "supervisor" | "admin"; complaint: "reclamo" | "denuncia"; shown: boolean }[] = [
    { who: "agent", complaint: "reclamo", shown: true },
    { who: "supervisor", complaint: "reclamo", shown: true },
    { who: "admin", complaint: "reclamo", shown: false },
    // a protected reporter: only the supervisor sees who it is, so only they see the registry
    { who: "agent", complaint: "denuncia", shown: false },
    { who: "supervisor", complaint: "denuncia", shown: true },
    { who: "admin", complaint: "denuncia", shown: false },
  ];
  it.each(roles)("$who on the $complaint: shown $shown, audited only when read", async ({ who, complaint, shown }) => {
    const f = await consoleFixture();
    await withRegistry(f);
    const html = await (await (await as(f, who)).get(`/staff/complaints/${f[complaint].code}`)).text();
    expect(html.includes("La persona en el padrón")).toBe(shown);
    expect(html.includes(complaint === "reclamo" ? "cred_incumplido" : "Pensión 65</td><td>Activo")).toBe(shown);
    expect(contextAudits(f)).toHaveLength(shown ? 1 : 0);
  });

  it("says so when the reporter's DNI is not in the registry (and audits the miss)", async () => {
    const f = await consoleFixture();
    const html = await (await (await as(f, "agent")).get(`/staff/complaints/${f.reclamo.code}`)).text();
    expect(html).toContain("no figura en el padrón");
    expect(contextAudits(f).map((a) => a.outcome)).toEqual(["not_found"]);
  });
});
