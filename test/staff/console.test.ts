import { describe, expect, it } from "vitest";
import { dispatchOutbox } from "../../src/services/outbox/dispatch";
import { silentLogger } from "../../src/logging/logger";
import { consoleFixture } from "../helpers/console";
import { periodOf } from "../../src/staff/stats/dashboard";
import { StaffBrowser } from "../helpers/staff";

const DAY = 86_400_000;

async function signedIn(f: Awaited<ReturnType<typeof consoleFixture>>, who: keyof Awaited<ReturnType<typeof consoleFixture>>["staff"]) {
  const browser = new StaffBrowser(f.app);
  expect((await browser.login(f.staff[who].email, f.staff[who].password)).status).toBe(303);
  return browser;
}

describe("the queue", () => {
  it("lists open cases, urgent first then by deadline, and filters them", async () => {
    const f = await consoleFixture();
    const urgent = await f.file({ category: "alimentos", program: "pae", urgent: true, ubigeo: "030101" });
    const agent = await signedIn(f, "agent");
    const html = await (await agent.get("/staff/complaints")).text();
    const order = [...html.matchAll(/href="\/staff\/complaints\/(MO-\d{4}-\d{6})[?"]/g)].map((m) => m[1]);
    expect(order[0]).toBe(urgent.code);
    expect(order).toHaveLength(4);
    expect(html).toContain("4 casos");

    const byProgram = await (await agent.get("/staff/complaints?status=open&program=pension65")).text();
    expect(byProgram).toContain(f.denuncia.code);
    expect(byProgram).not.toContain(f.reclamo.code);
    const byRegion = await (await agent.get("/staff/complaints?status=all&region=15")).text();
    expect(byRegion).toContain(f.consulta.code);
    expect(byRegion).toContain("1 caso");
    const byQueue = await (await agent.get("/staff/complaints?queue=integrity")).text();
    expect(byQueue).toContain(f.denuncia.code);
    expect(byQueue).not.toContain(f.consulta.code);

    // nothing is overdue today; after the reclamo's deadline it is
    expect(await (await agent.get("/staff/complaints?overdue=1")).text()).toContain("0 casos");
    f.clock.advance(60 * DAY);
    await agent.login(f.staff.agent.email, f.staff.agent.password); // the session ended while the clock ran
    const overdue = await (await agent.get("/staff/complaints?overdue=1")).text();
    expect(overdue).toContain(f.reclamo.code);
    expect(overdue).toContain("Vencido");

    expect(await (await agent.get("/staff/complaints?mine=1")).text()).toContain("0 casos");
    const page = `/staff/complaints/${f.reclamo.code}`;
    await agent.submit(page, `${page}/assign`, { assignee: f.staff.agent.id });
    const mine = await (await agent.get("/staff/complaints?mine=1")).text();
    expect(mine).toContain(f.reclamo.code);
    expect(mine).toContain("1 caso");
  });

  it("ignores unknown filter values instead of failing", async () => {
    const f = await consoleFixture();
    const agent = await signedIn(f, "agent");
    const res = await agent.get("/staff/complaints?status=nope&queue=%3Cscript%3E&region=x&page=-4");
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("<script>");
  });
});

describe("a complaint's page", () => {
  it("assigns, answers with an edited canned reply in the person's language, and shows the message", async () => {
    const f = await consoleFixture();
    const supervisor = await signedIn(f, "supervisor");
    const page = `/staff/complaints/${f.reclamo.code}`;
    expect((await supervisor.submit(page, `${page}/assign`, { assignee: f.staff.agent.id })).headers.get("location")).toBe(`${page}?done=assigned`);

    const agent = await signedIn(f, "agent");
    // choosing a canned reply fills the answer in the person's language (Quechua here)
    const withReply = await (await agent.get(`${page}?reply=payment_point`)).text();
    const quechua = f.ctx().i18n.t("qu", "complaints:replies.payment_point");
    expect(withReply).toContain(quechua);
    const edited = `${quechua} Banco de la Nación, Abancay.`;
    const res = await agent.submit(page, `${page}/status`, { to: "respondido", answer: edited });
    expect(res.headers.get("location")).toBe(`${page}?done=status`);

    const outbox = f.database.sqlite.prepare("select channel, address, lang, body, status from outbox where ref = ? order by rowid").all(`complaint:${f.reclamo.code}`) as { body: string; lang: string }[];
    const answer = outbox.at(-1)!;
    expect(answer).toMatchObject({ channel: "sms", address: "+51987654321", lang: "qu", status: "pending" });
    expect(JSON.parse(answer.body)).toEqual([
      { key: "complaints:notify.status.respondido", params: { code: f.reclamo.code } },
      { key: "complaints:notify.answer", params: { text: edited } },
    ]);

    const after = await (await agent.get(`${page}?done=status`)).text();
    expect(after).toContain("Estado guardado");
    expect(after).toContain(edited);
    expect(after).toContain("Pendiente");
    const audit = f.database.sqlite.prepare("select actor, action from audit_log where subject = ? and action in ('complaint.assign','complaint.status') order by id").all(f.reclamo.code);
    expect(audit).toEqual([
      { actor: `staff:${f.staff.supervisor.id}`, action: "complaint.assign" },
      { actor: `staff:${f.staff.agent.id}`, action: "complaint.status" },
    ]);
  });

  it("keeps what was typed when the answer is missing or the change is not allowed", async () => {
    const f = await consoleFixture();
    const supervisor = await signedIn(f, "supervisor");
    const page = `/staff/complaints/${f.reclamo.code}`;
    const missing = await supervisor.submit(page, `${page}/status`, { to: "respondido", answer: "  " });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Escriba la respuesta a la persona");
    const wrong = await supervisor.submit(page, `${page}/status`, { to: "cerrado", answer: "Texto que no se pierde" });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("No se puede pasar de «Registrado» a «Cerrado»");
    expect(html).toContain("Texto que no se pierde");
  });

  it("adds internal notes to the history and never sends them", async () => {
    const f = await consoleFixture();
    const agent = await signedIn(f, "agent");
    const page = `/staff/complaints/${f.consulta.code}`;
    await agent.submit(page, `${page}/notes`, { note: "Derivar a la ULE de Lima" });
    const html = await (await agent.get(page)).text();
    expect(html).toContain("nota interna");
    expect(html).toContain("Derivar a la ULE de Lima");
    expect(f.database.sqlite.prepare("select count(*) n from outbox where ref = ?").get(`complaint:${f.consulta.code}`)).toEqual({ n: 0 });
    expect((await agent.submit(page, `${page}/notes`, { note: " " })).status).toBe(400);
  });

  it("shows a failed send on the complaint's page", async () => {
    const f = await consoleFixture();
    await dispatchOutbox({ db: f.deps.db, now: f.clock.now, logger: silentLogger, senders: { sms: { channel: "sms", send: async () => ({ ok: false, retryable: false, error: "21211 invalid 'To' number" }) } } });
    const agent = await signedIn(f, "agent");
    const html = await (await agent.get(`/staff/complaints/${f.reclamo.code}`)).text();
    expect(html).toContain("Un mensaje a la persona no se pudo enviar");
    expect(html).toContain("Falló");
    expect(html).toContain("21211 invalid");
  });

  it("says plainly when a message was never sent (no provider for the channel), in the failed sends' warning style", async () => {
    const f = await consoleFixture();
    // this app has no SMS provider: the dispatcher stores the reclamo's notice as not_sent
    expect((await f.ctx().dispatchOutbox()).notSent).toBeGreaterThan(0);
    const agent = await signedIn(f, "agent");
    const html = await (await agent.get(`/staff/complaints/${f.reclamo.code}`)).text();
    expect(html).toContain('<span class="badge overdue">No enviado: canal sin proveedor</span>');
    expect(html).toContain("Un mensaje a la persona no se pudo enviar");
    expect(html).not.toContain("Enviado al proveedor");
  });

  it.each([
    { delivery: "queued", error: null, shows: ["Enviado al proveedor", "En cola del proveedor"], warns: false },
    { delivery: "sent", error: null, shows: ["Enviado por el proveedor, sin confirmar entrega"], warns: false },
    { delivery: "delivered", error: null, shows: ["Entregado"], warns: false },
    { delivery: "read", error: null, shows: ["Leído"], warns: false },
    { delivery: "undelivered", error: "30003 Unreachable destination handset", shows: ["No entregado", "SMS: 30003 Unreachable destination handset"], warns: true },
    { delivery: "failed", error: "30008 Unknown error", shows: ["No entregado", "SMS: 30008 Unknown error"], warns: true },
    { delivery: null, error: null, shows: ["Enviado al proveedor", "Sin aviso de entrega todavía"], warns: false },
  ] as const)("shows each message's delivery state: $delivery", async ({ delivery, error, shows, warns }) => {
    const f = await consoleFixture();
    await dispatchOutbox({ db: f.deps.db, now: f.clock.now, logger: silentLogger, senders: { sms: { channel: "sms", send: async () => ({ ok: true, providerId: "SMx" }) } } });
    f.database.sqlite.prepare("update outbox set delivery = ?, delivery_error = ? where provider_id = 'SMx'").run(delivery, error);
    const agent = await signedIn(f, "agent");
    const html = await (await agent.get(`/staff/complaints/${f.reclamo.code}`)).text();
    for (const text of shows) expect(html).toContain(text);
    expect(html.includes("no se pudo enviar o no le llegó")).toBe(warns);
  });

  it("answers 404 for an unknown code", async () => {
    const f = await consoleFixture();
    const agent = await signedIn(f, "agent");
    expect((await agent.get("/staff/complaints/MO-2026-999999")).status).toBe(404);
  });
});

describe("export and dashboard", () => {
  it("exports the filtered queue as CSV without personal data, and audits it", async () => {
    const f = await consoleFixture();
    const supervisor = await signedIn(f, "supervisor");
    const res = await supervisor.get("/staff/complaints.csv?status=all");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("codigo,tipo,urgente,programa,categoria,ubigeo,region,cola,prioridad,estado,fecha_limite,vencido,canal,idioma,asignado_a,registrado,respondido,cerrado");
    expect(lines).toHaveLength(4);
    for (const secret of ["41234567", "Rosa", "987654321", "40000001", "cobra 50 soles"]) expect(csv).not.toContain(secret);
    expect(f.database.sqlite.prepare("select actor, detail from audit_log where action = 'complaint.export'").get()).toEqual({
      actor: `staff:${f.staff.supervisor.id}`,
      detail: JSON.stringify({ filters: "status=all", rows: 3 }),
    });
  });

  it("counts by program, category, region and month, with time to answer and overdue", async () => {
    const f = await consoleFixture();
    f.clock.advance(2 * DAY);
    const supervisor = await signedIn(f, "supervisor");
    const page = `/staff/complaints/${f.reclamo.code}`;
    await supervisor.submit(page, `${page}/status`, { to: "respondido", answer: "Su pago está listo." });
    f.clock.advance(60 * DAY);
    await supervisor.login(f.staff.supervisor.email, f.staff.supervisor.password);
    const html = await (await supervisor.get("/staff/dashboard")).text();
    const stat = (id: string) => new RegExp(`id="${id}"[^]*?class="stat">([^<]*)<`).exec(html)![1];
    expect(stat("k-total")).toBe("3");
    expect(stat("k-median")).toBe("2");
    expect(stat("k-ontime")).toBe("100 %");
    expect(stat("k-overdue")).toBe("2");
    expect(html).toContain("Juntos");
    expect(html).toContain("Apurímac");
    expect(html).not.toContain("Apurimac");
    expect(html).toContain("nov 2026");

    const total = (page: string) => /id="k-total"[^]*?class="stat">([^<]*)</.exec(page)![1];
    expect(total(await (await supervisor.get("/staff/dashboard?from=2026-11&to=2026-11")).text())).toBe("3");
    const later = await (await supervisor.get("/staff/dashboard?from=2026-12&to=2027-01")).text();
    expect(total(later)).toBe("0");
    expect(later).toContain('value="2026-12"');
    expect(total(await (await supervisor.get("/staff/dashboard?from=nonsense")).text())).toBe("3");
  });

  it("counts a period by Lima months", () => {
    // 2026-11 in Lima starts at 05:00 UTC on the 1st; "to" is inclusive
    expect(periodOf("2026-11", "2026-12")).toMatchObject({ from: Date.parse("2026-11-01T05:00:00Z"), to: Date.parse("2027-01-01T05:00:00Z") });
    expect(periodOf("2026-13", undefined)).toMatchObject({ from: undefined, to: undefined, fromMonth: "" });
  });
});
