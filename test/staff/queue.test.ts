import { describe, expect, it } from "vitest";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

type Fixture = Awaited<ReturnType<typeof consoleFixture>>;
const DAY = 86_400_000;

async function as(f: Fixture, who: "agent" | "supervisor" | "admin") {
  const browser = new StaffBrowser(f.app);
  expect((await browser.login(f.staff[who].email, f.staff[who].password)).status).toBe(303);
  return browser;
}
const codesOn = (html: string) => [...html.matchAll(/href="\/staff\/complaints\/(MO-\d{4}-\d{6})[?"]/g)].map((m) => m[1]);
const state = (f: Fixture) => f.database.sqlite.prepare("select code, status, assignee_id as assignee from complaints order by code").all();
const events = (f: Fixture) => (f.database.sqlite.prepare("select count(*) as n from complaint_events").get() as { n: number }).n;

describe("the queue: what is due", () => {
  it("filters by 'vence en ≤ N días' with a badge, counting overdue ones in", async () => {
    const f = await consoleFixture();
    // deadlines: the urgent alimentos case is due in a few business days, the reclamo in 30
    const urgent = await f.file({ category: "alimentos", program: "pae", urgent: true });
    const agent = await as(f, "agent");
    const soon = await (await agent.get("/staff/complaints?due=7")).text();
    expect(codesOn(soon)).toEqual([urgent.code]);
    expect(soon).toMatch(/<span class="badge due">Vence (en \d días|mañana|hoy)<\/span>/);
    expect(soon).toContain('<option value="7" selected="">Vence en ≤ 7 días</option>');
    expect(codesOn(await (await agent.get("/staff/complaints?due=60")).text())).toHaveLength(4);
    // unknown values are ignored, not an error
    expect((await agent.get("/staff/complaints?due=abc")).status).toBe(200);
    f.clock.advance(50 * DAY);
    const agent2 = await as(f, "agent");
    const later = await (await agent2.get("/staff/complaints?due=0")).text();
    expect(codesOn(later).sort()).toEqual([f.reclamo.code, f.denuncia.code, f.consulta.code, urgent.code].sort());
    expect(later).toContain('<span class="badge overdue">Vencido</span>');
  });

  it("says page X of Y with the totals, and shows channel and a description excerpt", async () => {
    const f = await consoleFixture();
    const long = "Mi mamá no pudo cobrar el pago de octubre porque le dijeron en el banco que su DNI estaba observado y que volviera otro día";
    for (let i = 0; i < 52; i++) await f.file({ description: i === 0 ? long : `Caso ${i}` });
    const agent = await as(f, "agent");
    const first = await (await agent.get("/staff/complaints?status=all")).text();
    expect(first).toContain("55 casos · 1–50 · página 1 de 2");
    expect(first).toContain("<th scope=\"col\">Canal</th>");
    expect(first).toContain("<td>USSD</td>");
    expect(first).toContain("Mi mamá no pudo cobrar el pago de octubre porque le dijeron en el banco que su DNI estaba…");
    expect(first).not.toContain("volviera otro día");
    const second = await (await agent.get("/staff/complaints?status=all&page=2")).text();
    expect(second).toContain("55 casos · 51–55 · página 2 de 2");
    expect(codesOn(second)).toHaveLength(5);
  });

  it("links next and previous case in the same filters, with access keys", async () => {
    const f = await consoleFixture();
    const agent = await as(f, "agent");
    const queue = await (await agent.get("/staff/complaints?status=all")).text();
    const order = codesOn(queue);
    const link = /href="(\/staff\/complaints\/MO-\d{4}-\d{6}\?nav=[^"]+)"/.exec(queue)![1].replace(/&amp;/g, "&");
    const firstPage = await (await agent.get(link)).text();
    expect(firstPage).not.toContain("Caso anterior");
    expect(firstPage).toMatch(new RegExp(`accesskey="s" rel="next">Caso siguiente \\(${order[1]}\\)`));
    const middle = await (await agent.get(`/staff/complaints/${order[1]}?nav=${encodeURIComponent("status=all")}`)).text();
    expect(middle).toMatch(new RegExp(`accesskey="a" rel="prev">Caso anterior \\(${order[0]}\\)`));
    expect(middle).toMatch(new RegExp(`Caso siguiente \\(${order[2]}\\)`));
    // across urgency and statuses: the queue's order is urgent first, then deadline
    const urgent = await f.file({ category: "alimentos", program: "pae", urgent: true });
    const all = codesOn(await (await agent.get("/staff/complaints?status=all")).text());
    expect(all[0]).toBe(urgent.code);
    for (let i = 0; i < all.length; i++) {
      const html = await (await agent.get(`/staff/complaints/${all[i]}?nav=${encodeURIComponent("status=all")}`)).text();
      const prev = /accesskey="a" rel="prev">Caso anterior \((MO-[\d-]+)\)/.exec(html)?.[1] ?? null;
      const next = /accesskey="s" rel="next">Caso siguiente \((MO-[\d-]+)\)/.exec(html)?.[1] ?? null;
      expect([prev, next], all[i]).toEqual([all[i - 1] ?? null, all[i + 1] ?? null]);
    }
    // within a filter: the reclamo is alone in the payments queue
    const alone = await (await agent.get(`/staff/complaints/${f.reclamo.code}?nav=${encodeURIComponent("status=all&queue=payments")}`)).text();
    expect(alone).not.toContain("Caso siguiente");
    expect(alone).not.toContain("Caso anterior");
  });
});

describe("bulk actions (supervisors)", () => {
  it("assigns the ticked cases in one go, each with its history and audit row", async () => {
    const f = await consoleFixture();
    const supervisor = await as(f, "supervisor");
    const page = await (await supervisor.get("/staff/complaints")).text();
    expect(page).toContain('aria-label="Elegir ' + f.reclamo.code + '"');
    const res = await supervisor.post("/staff/complaints/bulk", { _csrf: StaffBrowser.csrfOf(page), code: f.reclamo.code, action: "assign", assignee: f.staff.agent.id, back: "status=open" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/complaints?status=open&done=assigned");
    const two = new URLSearchParams([["_csrf", StaffBrowser.csrfOf(page)], ["code", f.reclamo.code], ["code", f.consulta.code], ["action", "status"], ["to", "en_revision"]]);
    const res2 = await f.app.request("/staff/complaints/bulk", { method: "POST", headers: { cookie: supervisor.jar.header(), "content-type": "application/x-www-form-urlencoded" }, body: two.toString() });
    expect(res2.status).toBe(303);
    expect(state(f)).toEqual([
      { code: f.reclamo.code, status: "en_revision", assignee: f.staff.agent.id },
      { code: f.denuncia.code, status: "registrado", assignee: null },
      { code: f.consulta.code, status: "en_revision", assignee: null },
    ]);
    const audits = f.database.sqlite.prepare("select action, subject from audit_log where action in ('complaint.assign','complaint.status') order by id").all();
    expect(audits).toEqual([
      { action: "complaint.assign", subject: f.reclamo.code },
      { action: "complaint.status", subject: f.reclamo.code },
      { action: "complaint.status", subject: f.consulta.code },
    ]);
    // each person told of the new status on their channel (the consulta has none)
    expect(f.database.sqlite.prepare("select count(*) as n from outbox where ref = ? and body like '%en_revision%'").get(`complaint:${f.reclamo.code}`)).toEqual({ n: 1 });
  });

  const refusals: { label: string; fields: (f: Fixture) => [string, string][]; status: number; message: RegExp }[] = [
    {
      label: "one case cannot take the status (already closed)",
      fields: (f) => [["code", f.reclamo.code], ["code", f.consulta.code], ["action", "status"], ["to", "derivado"]],
      status: 409,
      message: /No se cambió ningún caso\. Estos no pueden cambiar: MO-\d{4}-\d{6}: no puede pasar a «Derivado al área responsable»/,
    },
    {
      label: "a code that does not exist",
      fields: (f) => [["code", f.reclamo.code], ["code", "MO-2026-999999"], ["action", "assign"], ["assignee", f.staff.agent.id]],
      status: 409,
      message: /MO-2026-999999: no existe/,
    },
    { label: "no case ticked", fields: () => [["action", "assign"], ["assignee", ""]], status: 400, message: /Elija al menos un caso/ },
    { label: "a status that needs a written answer", fields: (f) => [["code", f.reclamo.code], ["action", "status"], ["to", "respondido"]], status: 400, message: /Elija un estado de la lista/ },
    { label: "an assignee who takes no cases", fields: (f) => [["code", f.reclamo.code], ["action", "assign"], ["assignee", f.staff.helpdesk.id]], status: 400, message: /no puede recibir casos/ },
  ];
  it.each(refusals)("refuses the whole change when $label: nothing changed", async ({ fields, status, message }) => {
    const f = await consoleFixture();
    const supervisor = await as(f, "supervisor");
    // the consulta is closed first (improcedente is final)
    await supervisor.submit(`/staff/complaints/${f.consulta.code}`, `/staff/complaints/${f.consulta.code}/status`, { to: "improcedente", answer: "No corresponde." });
    const before = { state: state(f), events: events(f) };
    const page = await (await supervisor.get("/staff/complaints")).text();
    const body = new URLSearchParams([["_csrf", StaffBrowser.csrfOf(page)], ...fields(f)]);
    const res = await f.app.request("/staff/complaints/bulk", { method: "POST", headers: { cookie: supervisor.jar.header(), "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    expect(res.status).toBe(status);
    expect(await res.text()).toMatch(message);
    expect({ state: state(f), events: events(f) }).toEqual(before);
  });

  it.each(["agent", "admin"] as const)("is refused to the %s, and without a CSRF token to anyone; nothing changed", async (who) => {
    const f = await consoleFixture();
    const before = state(f);
    const browser = await as(f, who);
    const page = await (await browser.get("/staff/complaints")).text();
    expect(page).not.toContain("Asignar los elegidos");
    expect((await browser.post("/staff/complaints/bulk", { _csrf: StaffBrowser.csrfOf(page), code: f.reclamo.code, action: "assign", assignee: f.staff.agent.id })).status).toBe(403);
    const supervisor = await as(f, "supervisor");
    expect((await supervisor.post("/staff/complaints/bulk", { code: f.reclamo.code, action: "assign", assignee: f.staff.agent.id })).status).toBe(403);
    expect(state(f)).toEqual(before);
  });
});

describe("the dashboard's workload", () => {
  it("counts open, overdue and answered this week per person and per queue", async () => {
    const f = await consoleFixture();
    const supervisor = await as(f, "supervisor");
    await supervisor.submit(`/staff/complaints/${f.reclamo.code}`, `/staff/complaints/${f.reclamo.code}/assign`, { assignee: f.staff.agent.id });
    await supervisor.submit(`/staff/complaints/${f.consulta.code}`, `/staff/complaints/${f.consulta.code}/assign`, { assignee: f.staff.agent.id });
    await supervisor.submit(`/staff/complaints/${f.consulta.code}`, `/staff/complaints/${f.consulta.code}/status`, { to: "respondido", answer: "Gracias." });
    const html = (await (await supervisor.get("/staff/dashboard")).text()).replace(/\s+/g, " ");
    expect(html).toContain("Carga por persona");
    expect(html).toMatch(/<th scope="row">quality_agent test<\/th><td>1<\/td><td>0<\/td><td>1<\/td>/);
    expect(html).toMatch(/<th scope="row">Sin asignar<\/th><td>1<\/td><td>0<\/td><td>0<\/td>/);
    expect(html).toMatch(/<a href="\/staff\/complaints\?status=open&amp;queue=payments">Pagos<\/a><\/th><td>1<\/td>/);
  });
});
