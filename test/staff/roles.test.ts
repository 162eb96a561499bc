import { describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/db/schema";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

type Who = "nobody" | StaffRole;
const WHO: Who[] = ["nobody", "quality_agent", "quality_supervisor", "admin", "helpdesk", "voice_editor"];

/**
 * Every console route, in an order a person would follow, with the status each role gets.
 * 303 on a page for nobody means "sent to the login"; a new route without a row here fails.
 */
const HD = (helpdesk: number) => ({ nobody: 303, quality_agent: 403, quality_supervisor: 403, admin: 403, helpdesk, voice_editor: 403 });
const ROUTES: { method: "GET" | "POST"; path: string; fields?: Record<string, string>; expect: Record<Who, number> }[] = [
  { method: "GET", path: "/staff/assets/console.css", expect: { nobody: 200, quality_agent: 200, quality_supervisor: 200, admin: 200, helpdesk: 200, voice_editor: 200 } },
  { method: "GET", path: "/staff/login", expect: { nobody: 200, quality_agent: 303, quality_supervisor: 303, admin: 303, helpdesk: 303, voice_editor: 303 } },
  { method: "GET", path: "/staff", expect: { nobody: 303, quality_agent: 303, quality_supervisor: 303, admin: 303, helpdesk: 200, voice_editor: 303 } },
  { method: "GET", path: "/staff/complaints", expect: { nobody: 303, quality_agent: 200, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  { method: "GET", path: "/staff/complaints.csv", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  { method: "GET", path: "/staff/complaints/:code", expect: { nobody: 303, quality_agent: 200, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  // the fixture case was typed: no recording to play (a spoken one: test/channels/voice/recording.test.ts)
  { method: "GET", path: "/staff/complaints/:code/recording", expect: { nobody: 303, quality_agent: 404, quality_supervisor: 404, admin: 404, helpdesk: 403, voice_editor: 403 } },
  { method: "GET", path: "/staff/dashboard", expect: { nobody: 303, quality_agent: 200, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  // issue 20: supervisors and admins; a help desk gets its own district's version
  { method: "GET", path: "/staff/insight", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 200, admin: 200, helpdesk: 200, voice_editor: 403 } },
  { method: "GET", path: "/staff/insight.csv", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 400, admin: 400, helpdesk: 400, voice_editor: 403 } },
  { method: "POST", path: "/staff/complaints/:code/assign", fields: { assignee: "agent" }, expect: { nobody: 401, quality_agent: 303, quality_supervisor: 303, admin: 303, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/complaints/:code/status", fields: { to: "en_revision", answer: "" }, expect: { nobody: 401, quality_agent: 303, quality_supervisor: 303, admin: 303, helpdesk: 403, voice_editor: 403 } },
  // bulk actions: supervisors only (the page's checkboxes); refused whole otherwise
  { method: "POST", path: "/staff/complaints/bulk", fields: { code: ":code", action: "assign", assignee: "agent" }, expect: { nobody: 401, quality_agent: 403, quality_supervisor: 303, admin: 403, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/complaints/:code/notes", fields: { note: "Llamar a la ULE" }, expect: { nobody: 401, quality_agent: 303, quality_supervisor: 303, admin: 303, helpdesk: 403, voice_editor: 403 } },
  // the help desk (issue 8): only role helpdesk, scoped to its district (030101, the reclamo's)
  { method: "GET", path: "/staff/helpdesk", expect: HD(200) },
  { method: "GET", path: "/staff/helpdesk/person", expect: HD(200) },
  { method: "POST", path: "/staff/helpdesk/person", fields: { dni: "41234567", reason: "pagos", consent: "yes" }, expect: { ...HD(404), nobody: 401 } },
  { method: "POST", path: "/staff/helpdesk/person/unlock", fields: { dni: "41234567" }, expect: { ...HD(403), nobody: 401 } },
  // issue 21: payment-notice consent taken or revoked with the person present; these forms and the
  // unlock act only after the operator's own lookup of the person (session 8): without one, 403
  { method: "POST", path: "/staff/helpdesk/person/notices", fields: { dni: "41234567", agree: "yes", channel: "sms", lang: "es", phone: "987654321" }, expect: { ...HD(403), nobody: 401 } },
  { method: "POST", path: "/staff/helpdesk/person/notices/revoke", fields: { dni: "41234567", consent: "x" }, expect: { ...HD(403), nobody: 401 } },
  { method: "GET", path: "/staff/helpdesk/eligibility", expect: HD(200) },
  { method: "POST", path: "/staff/helpdesk/eligibility", fields: { age: "70" }, expect: { ...HD(200), nobody: 401 } },
  { method: "GET", path: "/staff/helpdesk/complaint", expect: HD(200) },
  { method: "POST", path: "/staff/helpdesk/complaint", fields: { kind: "consulta", program: "general", category: "informacion", description: "¿Cuándo pagan?" }, expect: { ...HD(303), nobody: 401 } },
  { method: "GET", path: "/staff/helpdesk/receipt/:code", expect: HD(200) },
  { method: "POST", path: "/staff/helpdesk/receipt/:code/sms", fields: { confirm_resend: "yes" }, expect: { ...HD(303), nobody: 401 } },
  { method: "GET", path: "/staff/helpdesk/district", expect: HD(200) },
  { method: "GET", path: "/staff/accounts", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 403, admin: 200, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/accounts/:id/unlock", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 303, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/accounts/:id/disable", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 303, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/accounts/:id/enable", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 303, helpdesk: 403, voice_editor: 403 } },
  // issue 21: the notices page, supervisors and admins
  { method: "GET", path: "/staff/notices", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  // issue 21: broadcasts, supervisors and admins (an unknown broadcast is a 404)
  { method: "GET", path: "/staff/broadcasts", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  { method: "GET", path: "/staff/broadcasts/new", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/broadcasts", fields: { action: "preview", title: "Aviso", langs: "es", text_es: "Hola" }, expect: { nobody: 401, quality_agent: 403, quality_supervisor: 200, admin: 200, helpdesk: 403, voice_editor: 403 } },
  { method: "GET", path: "/staff/broadcasts/:id", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 404, admin: 404, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/broadcasts/:id/approve", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 404, admin: 404, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/broadcasts/:id/cancel", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 404, admin: 404, helpdesk: 403, voice_editor: 403 } },
  // the voice studio (issue 22): admins and voice editors; the upload takes a WAV body (a form gets 415)
  { method: "GET", path: "/staff/assets/voice-studio.js", expect: { nobody: 200, quality_agent: 200, quality_supervisor: 200, admin: 200, helpdesk: 200, voice_editor: 200 } },
  { method: "GET", path: "/staff/voice", expect: { nobody: 303, quality_agent: 403, quality_supervisor: 403, admin: 200, helpdesk: 403, voice_editor: 200 } },
  { method: "POST", path: "/staff/voice/:lang/:segment/audio", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 415, helpdesk: 403, voice_editor: 415 } },
  // nothing recorded to review: the studio page with the refusal (400), not a redirect carrying it
  { method: "POST", path: "/staff/voice/:lang/:segment/review", expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 400, helpdesk: 403, voice_editor: 400 } },
  { method: "POST", path: "/staff/voice/:lang/switch", fields: { enabled: "off" }, expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 303, helpdesk: 403, voice_editor: 303 } },
  { method: "POST", path: "/staff/login", fields: { email: "x@orienta.test", password: "wrong-password" }, expect: { nobody: 401, quality_agent: 403, quality_supervisor: 403, admin: 403, helpdesk: 403, voice_editor: 403 } },
  { method: "POST", path: "/staff/logout", expect: { nobody: 401, quality_agent: 303, quality_supervisor: 303, admin: 303, helpdesk: 303, voice_editor: 303 } },
];

describe("every staff route as every role", () => {
  it("has a row for every route the console mounts", async () => {
    const { app } = await consoleFixture();
    const mounted = new Set(app.routes.filter((r) => r.path.startsWith("/staff") && (r.method === "GET" || r.method === "POST")).map((r) => `${r.method} ${r.path}`));
    expect([...mounted].sort()).toEqual([...new Set(ROUTES.map((r) => `${r.method} ${r.path}`))].sort());
  });

  it.each(WHO)("as %s", async (who) => {
    const f = await consoleFixture();
    const browser = new StaffBrowser(f.app);
    const me = who === "nobody" ? null : Object.values(f.staff).find((s) => s.role === who)!;
    if (me) expect((await browser.login(me.email, me.password)).status).toBe(303);
    // a real token from a page this person can open (nobody has none: the login form's, which is for /staff/login only)
    const page = await browser.get(me ? "/staff/dashboard" : "/staff/login");
    const token = /name="_csrf" value="([^"]*)"/.exec(await page.text())?.[1] ?? "";
    const got: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const route of ROUTES) {
      const path = route.path.replace(":code", f.reclamo.code).replace(":id", f.staff.agent2.id).replace(":lang", "qu").replace(":segment", "common.main.title~0");
      const label = `${route.method} ${route.path}`;
      const fields = Object.fromEntries(Object.entries(route.fields ?? {}).map(([k, v]) => [k, v === "agent" ? f.staff.agent.id : v === ":code" ? f.reclamo.code : v]));
      // the login form's token changes each time the form is shown: nobody posts the latest one
      const csrf = !me && route.path === "/staff/login" ? StaffBrowser.csrfOf(await (await browser.get("/staff/login")).text()) : token;
      const res = route.method === "GET" ? await browser.get(path) : await browser.post(path, { _csrf: csrf, ...fields });
      got[label] = res.status;
      expected[label] = route.expect[who];
      if (res.status === 303 && who === "nobody" && route.method === "GET") expect(res.headers.get("location")).toMatch(/^\/staff\/login\?next=/);
      const body = await res.text();
      const refused = res.status === 401 || res.status === 403 || (res.status === 303 && res.headers.get("location")?.startsWith("/staff/login"));
      if (refused) expect(body, label).not.toContain("41234567");
    }
    expect(got).toEqual(expected);
  });
});

describe("what each role may see", () => {
  it("an agent cannot see a confidential denuncia's reporter; a supervisor can; both views audited", async () => {
    const f = await consoleFixture();
    const agent = new StaffBrowser(f.app);
    await agent.login(f.staff.agent.email, f.staff.agent.password);
    const asAgent = await (await agent.get(`/staff/complaints/${f.denuncia.code}`)).text();
    expect(asAgent).toContain("Identidad reservada");
    expect(asAgent).not.toContain("40000001");
    expect(asAgent).not.toContain("Juana Condori");
    expect(asAgent).not.toContain("912345678");

    const admin = new StaffBrowser(f.app);
    await admin.login(f.staff.admin.email, f.staff.admin.password);
    expect(await (await admin.get(`/staff/complaints/${f.denuncia.code}`)).text()).not.toContain("40000001");

    const supervisor = new StaffBrowser(f.app);
    await supervisor.login(f.staff.supervisor.email, f.staff.supervisor.password);
    const asSupervisor = await (await supervisor.get(`/staff/complaints/${f.denuncia.code}`)).text();
    expect(asSupervisor).toContain("40000001");
    expect(asSupervisor).toContain("Juana Condori");

    // an ordinary reclamo's reporter is visible to the agent working it
    expect(await (await agent.get(`/staff/complaints/${f.reclamo.code}`)).text()).toContain("41234567");

    const views = f.database.sqlite.prepare("select actor, outcome from audit_log where action = 'complaint.view' and subject = ? order by id").all(f.denuncia.code);
    expect(views).toEqual([
      { actor: `staff:${f.staff.agent.id}`, outcome: "identity_hidden" },
      { actor: `staff:${f.staff.admin.id}`, outcome: "identity_hidden" },
      { actor: `staff:${f.staff.supervisor.id}`, outcome: "identity_shown" },
    ]);
  });

  it("refuses forms without their CSRF token and changes nothing", async () => {
    const f = await consoleFixture();
    const supervisor = new StaffBrowser(f.app);
    await supervisor.login(f.staff.supervisor.email, f.staff.supervisor.password);
    for (const [action, fields] of [
      ["assign", { assignee: f.staff.agent.id }],
      ["status", { to: "respondido", answer: "hola" }],
      ["notes", { note: "x" }],
    ] as const) {
      const missing = await supervisor.post(`/staff/complaints/${f.reclamo.code}/${action}`, fields);
      expect(missing.status).toBe(403);
      const forged = await supervisor.post(`/staff/complaints/${f.reclamo.code}/${action}`, { _csrf: "forged", ...fields });
      expect(forged.status).toBe(403);
    }
    // another user's token does not work either
    const agent = new StaffBrowser(f.app);
    await agent.login(f.staff.agent.email, f.staff.agent.password);
    const agentToken = StaffBrowser.csrfOf(await (await agent.get("/staff/dashboard")).text());
    expect((await supervisor.post(`/staff/complaints/${f.reclamo.code}/notes`, { _csrf: agentToken, note: "x" })).status).toBe(403);
    const row = f.database.sqlite.prepare("select status, assignee_id from complaints where code = ?").get(f.reclamo.code);
    expect(row).toEqual({ status: "registrado", assignee_id: null });
    expect(f.database.sqlite.prepare("select count(*) n from complaint_events where type != 'status'").get()).toEqual({ n: 0 });
  });

  it("lets an agent take a case but not hand it to someone else", async () => {
    const f = await consoleFixture();
    const agent = new StaffBrowser(f.app);
    await agent.login(f.staff.agent.email, f.staff.agent.password);
    const page = `/staff/complaints/${f.reclamo.code}`;
    expect((await agent.submit(page, `${page}/assign`, { assignee: f.staff.agent2.id })).status).toBe(403);
    expect((await agent.submit(page, `${page}/status`, { to: "en_revision", answer: "" })).status).toBe(400);
    expect((await agent.submit(page, `${page}/assign`, { assignee: f.staff.agent.id })).status).toBe(303);
    expect((await agent.submit(page, `${page}/status`, { to: "en_revision", answer: "" })).status).toBe(303);
  });
});
