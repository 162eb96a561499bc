import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import twilio from "twilio";
import { auditLog, broadcastRecipients, broadcasts, outbox } from "../../src/db/schema";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { grantConsent, revokeConsent } from "../../src/services/notices/consent";
import { sendBroadcasts } from "../../src/services/broadcasts/send";
import { jobNamed, runJobOnce } from "../../src/jobs/registry";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";
import { SMS_ENV, smsFixture } from "../helpers/sms";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Twilio's Messages API: a new SID for every send. */
async function fakeTwilio() {
  let n = 0;
  const server = createServer(async (req, res) => {
    for await (const _ of req) void _;
    n += 1;
    res.writeHead(201, { "content-type": "application/json" });
    res.end(JSON.stringify({ sid: `SM${String(n).padStart(32, "0")}`, status: "queued" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const PHONES = { maria: "+51987654321", rosa: "+51976543210", teodoro: "+51965432109", felix: "+51911111111", lucia: "+51954321098" };

/** The demo registry, five people who said yes (Pensión 65 in Apurímac in Quechua, Juntos in Puno, …), two supervisors and an agent. */
async function setup(env: Record<string, string> = {}) {
  const t = await makeRegistryApp({ ...TEST_ENV, ...SMS_ENV, BROADCAST_RATE_PER_MINUTE: "2", BROADCAST_PRICE_SMS_SEGMENT: "0.05", BROADCAST_PRICE_WHATSAPP_MESSAGE: "0.08", ...env });
  const consent = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
  const grant = (dni: string, address: string, lang: "es" | "qu" | "ay", channel: "sms" | "whatsapp" = "sms") => grantConsent(consent, { dni, channel, address, lang, via: "sms", actor: "citizen:sms" });
  await grant(DEMO.pension65Available.dni, PHONES.maria, "qu"); // 030201, Pensión 65 active
  await grant(DEMO.juntosActive.dni, PHONES.rosa, "es"); // 210101, Juntos active
  await grant(DEMO.pension65Suspended.dni, PHONES.teodoro, "es", "whatsapp"); // 200101, Pensión 65 suspended
  await grant(DEMO.notEnrolled.dni, PHONES.felix, "ay"); // 220101
  await grant(DEMO.inEvaluation.dni, PHONES.lucia, "qu"); // 030101
  const author = await addStaff(t.deps, "quality_supervisor", "autora@orienta.test");
  const approver = await addStaff(t.deps, "admin", "aprobador@orienta.test");
  const agent = await addStaff(t.deps, "quality_agent", "agente@orienta.test");
  const as = async (who: { email: string; password: string }) => {
    const b = new StaffBrowser(t.app);
    await b.login(who.email, who.password);
    return b;
  };
  const job = () => sendBroadcasts({ db: t.deps.db, now: t.clock.now, hash: consent.hash, ratePerMinute: t.deps.config.broadcasts.ratePerMinute });
  return { t, consent, author, approver, agent, as, job };
}

const TEXT = {
  text_es: "El carrito pagador llega a la plaza el 12 de diciembre, de 8:00 a 14:00.",
  text_qu: "Qullqi apaq carrito plazaman chayamunqa 12 diciembre p'unchaw, 8:00 manta 14:00 kama.",
  text_ay: "Qullqi apiri carrito plazaru purini 12 diciembre uru, 8:00 ukat 14:00 kama.",
};

async function create(b: StaffBrowser, fields: Record<string, string | string[]>) {
  const page = await (await b.get("/staff/broadcasts/new")).text();
  const form = new URLSearchParams({ _csrf: StaffBrowser.csrfOf(page) });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return b.app.request("/staff/broadcasts", { method: "POST", headers: { cookie: b.jar.header(), "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
}

const idOf = (res: Response) => /\/staff\/broadcasts\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")![1];

describe("/staff/broadcasts: writing", () => {
  it("previews each text's length and segments, the recipients and the cost per channel, for supervisors and admins only", async () => {
    const s = await setup();
    expect((await (await s.as(s.agent)).get("/staff/broadcasts")).status).toBe(403);
    const b = await s.as(s.author);
    const res = await create(b, { title: "Carrito Apurímac", place: "03", langs: ["es", "qu", "ay"], ...TEXT, action: "preview" });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/id="recipients">2 destinatarios/);
    expect(html).toContain("SMS S/ 0.10 (2 personas)"); // 2 Quechua people × 1 segment × S/ 0.05
    expect(html).toMatch(/quechua<\/th><td>149<\/td><td>1 \(149 GSM-7\)<\/td><td>2<\/td>/);
    expect(await s.t.deps.db.select().from(broadcasts).all()).toEqual([]);
  });

  it("filters the audience by program, province or district, and language", async () => {
    const s = await setup();
    const b = await s.as(s.author);
    const count = async (fields: Record<string, string | string[]>) => /id="recipients">(\d+)/.exec(await (await create(b, { title: "x", ...TEXT, action: "preview", ...fields })).text())?.[1] ?? "none";
    expect(await count({ programs: "pension65", langs: ["es", "qu", "ay"] })).toBe("1"); // the suspended one does not count
    expect(await count({ programs: ["pension65", "juntos"], langs: ["es", "qu", "ay"] })).toBe("2");
    expect(await count({ place: "2101", langs: ["es", "qu", "ay"] })).toBe("1");
    expect(await count({ place: "030101", langs: ["es", "qu", "ay"] })).toBe("1");
    expect(await count({ langs: "ay" })).toBe("1");
    expect(await count({ langs: ["es", "qu", "ay"] })).toBe("5");
  });

  it("refuses a text over the segment limit naming its language, a missing text, an unknown place and an empty audience, storing nothing", async () => {
    const s = await setup();
    const b = await s.as(s.author);
    const long = await create(b, { title: "Largo", langs: ["es", "qu", "ay"], ...TEXT, text_qu: "Willakuy ".repeat(40), action: "create" });
    expect(long.status).toBe(400);
    expect(await long.text()).toMatch(/El texto en quechua ocupa \d+ segmentos SMS/);
    const missing = await (await create(b, { title: "Sin aimara", langs: ["es", "ay"], text_es: TEXT.text_es, action: "create" })).text();
    expect(missing).toContain("Falta el texto en aimara");
    expect(await (await create(b, { title: "Lugar", place: "99", langs: "es", text_es: "Hola", action: "create" })).text()).toContain("ubigeo existente");
    const empty = await create(b, { title: "Nadie", place: "080101", langs: "es", text_es: "Hola", action: "create" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Nadie recibiría este mensaje");
    expect(await s.t.deps.db.select().from(broadcasts).all()).toEqual([]);
    expect(await s.t.deps.db.select().from(auditLog).where(eq(auditLog.action, "broadcast.create")).all()).toEqual([]);
  });

  it("refuses a form without its CSRF token", async () => {
    const s = await setup();
    const b = await s.as(s.author);
    const res = await b.post("/staff/broadcasts", { title: "x", langs: "es", text_es: "Hola", action: "create" });
    expect(res.status).toBe(403);
  });
});

describe("/staff/broadcasts: approval by a second person", () => {
  it("refuses its author's approval, takes another's once, and audits each step", async () => {
    const s = await setup();
    const author = await s.as(s.author);
    const created = await create(author, { title: "Carrito", place: "03", langs: ["es", "qu", "ay"], ...TEXT, action: "create" });
    expect(created.status).toBe(303);
    const id = idOf(created);
    const page = `/staff/broadcasts/${id}`;
    expect(await (await author.get(page)).text()).toContain("otra persona de supervisión o administración debe aprobarlo");
    const self = await author.submit(page, `${page}/approve`, {});
    expect(self.status).toBe(403);
    expect(await self.text()).toContain("Quien redactó el mensaje no puede aprobarlo");
    expect((await s.t.deps.db.select().from(broadcasts).get())!.status).toBe("pending_approval");

    const approver = await s.as(s.approver);
    expect((await approver.submit(page, `${page}/approve`, {})).status).toBe(303);
    expect((await s.t.deps.db.select().from(broadcasts).get())).toMatchObject({ status: "approved", approvedBy: s.approver.id });
    const again = await approver.submit(page, `${page}/approve`, {});
    expect(again.status).toBe(403);
    const audit = await s.t.deps.db.select().from(auditLog).all();
    expect(audit.filter((a) => a.action.startsWith("broadcast.")).map((a) => [a.action, a.actor])).toEqual([
      ["broadcast.create", `staff:${s.author.id}`],
      ["broadcast.approve", `staff:${s.approver.id}`],
    ]);
  });
});

describe("an approval racing a cancellation", () => {
  it("leaves one outcome, and only its audit row", async () => {
    const s = await setup();
    const author = await s.as(s.author);
    const id = idOf(await create(author, { title: "Carrera", langs: ["es", "qu", "ay"], ...TEXT, action: "create" }));
    const page = `/staff/broadcasts/${id}`;
    const approver = await s.as(s.approver);
    const tokens = await Promise.all([author, approver].map(async (b) => StaffBrowser.csrfOf(await (await b.get(page)).text())));
    const [cancel, approve] = await Promise.all([author.post(`${page}/cancel`, { _csrf: tokens[0] }), approver.post(`${page}/approve`, { _csrf: tokens[1] })]);
    const row = (await s.t.deps.db.select().from(broadcasts).get())!;
    const audited = (await s.t.deps.db.select().from(auditLog).all()).map((a) => a.action).filter((a) => a === "broadcast.approve" || a === "broadcast.cancel");
    // either order ends cancelled (an approved broadcast may still be cancelled); an approval that lost leaves no row
    expect(row.status).toBe("cancelled");
    expect(cancel.status).toBe(303);
    expect(approve.status).toBe(row.approvedBy ? 303 : 403);
    expect(audited.filter((a) => a === "broadcast.cancel")).toHaveLength(1);
    expect(audited.filter((a) => a === "broadcast.approve")).toHaveLength(row.approvedBy ? 1 : 0);
  });
});

describe("sending", () => {
  async function approved(s: Awaited<ReturnType<typeof setup>>, fields: Record<string, string | string[]> = {}) {
    const id = idOf(await create(await s.as(s.author), { title: "Carrito", langs: ["es", "qu", "ay"], ...TEXT, action: "create", ...fields }));
    const page = `/staff/broadcasts/${id}`;
    await (await s.as(s.approver)).submit(page, `${page}/approve`, {});
    return id;
  }

  it("waits for its time, then sends at BROADCAST_RATE_PER_MINUTE, each person in their language, once across overlapping runs", async () => {
    const s = await setup();
    s.t.clock.set(Date.parse("2026-12-08T13:00:00Z")); // 08:00 Lima
    const id = await approved(s, { scheduled: "2026-12-08T09:00" });
    expect(await s.job()).toEqual({ started: 0, queued: 0, skipped: 0, finished: 0 });
    s.t.clock.advance(3_600_000);
    const [first, second] = await Promise.all([s.job(), s.job()]);
    expect(first.queued + second.queued).toBe(2);
    expect((await s.t.deps.db.select().from(outbox).all()).length).toBe(2);
    expect(await s.job()).toMatchObject({ queued: 0 }); // the minute's budget is spent
    s.t.clock.advance(60_001);
    expect(await s.job()).toMatchObject({ queued: 2, finished: 0 });
    s.t.clock.advance(60_001);
    expect(await s.job()).toMatchObject({ queued: 1, finished: 1 });
    const messages = await s.t.deps.db.select().from(outbox).all();
    expect(messages).toHaveLength(5);
    expect(new Set(messages.map((m) => m.address)).size).toBe(5);
    const maria = messages.find((m) => m.address === PHONES.maria)!;
    expect(maria).toMatchObject({ lang: "qu", ref: `broadcast:${id}`, body: [{ key: "broadcasts:message", params: { text: TEXT.text_qu } }] });
    expect((await s.t.deps.db.select().from(broadcasts).get())!.status).toBe("sent");
    expect(await s.job()).toEqual({ started: 0, queued: 0, skipped: 0, finished: 0 });
  });

  it("cancels until sent: nothing more is queued, and a second cancel is refused", async () => {
    const s = await setup({ BROADCAST_RATE_PER_MINUTE: "1" });
    const id = await approved(s);
    expect(await s.job()).toMatchObject({ started: 1, queued: 1 });
    const page = `/staff/broadcasts/${id}`;
    const approver = await s.as(s.approver);
    expect((await approver.submit(page, `${page}/cancel`, {})).status).toBe(303);
    s.t.clock.advance(10 * 60_000);
    await s.job();
    await s.job();
    expect(await s.t.deps.db.select().from(outbox).all()).toHaveLength(1);
    expect((await s.t.deps.db.select().from(broadcasts).get())!.status).toBe("cancelled");
    const again = await approver.submit(page, `${page}/cancel`, {});
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("Ya estaba cancelado");
    expect(await s.t.deps.db.select().from(auditLog).where(eq(auditLog.action, "broadcast.cancel")).all()).toHaveLength(1);
  });

  it("skips a revoked consent before its message is queued", async () => {
    const s = await setup({ BROADCAST_RATE_PER_MINUTE: "100" });
    await approved(s, { langs: "qu", text_qu: TEXT.text_qu, text_es: "", text_ay: "" });
    s.t.clock.advance(1);
    // started and queued in one run: revoke between the start and the queueing by starting a run with a revoked consent
    await revokeConsent(s.consent, { address: PHONES.lucia, via: "keyword", actor: "citizen:sms" });
    expect(await s.job()).toMatchObject({ started: 1, queued: 1, skipped: 0, finished: 1 });
    const s2 = await setup({ BROADCAST_RATE_PER_MINUTE: "1" });
    await approved(s2, { langs: "qu", text_qu: TEXT.text_qu, text_es: "", text_ay: "" });
    expect(await s2.job()).toMatchObject({ started: 1, queued: 1 });
    const left = (await s2.t.deps.db.select().from(broadcastRecipients).where(eq(broadcastRecipients.status, "pending")).get())!;
    await revokeConsent(s2.consent, { address: left.address, via: "keyword", actor: "citizen:sms" });
    s2.t.clock.advance(60_001);
    expect(await s2.job()).toMatchObject({ queued: 0, skipped: 1, finished: 1 });
    const cancel = await (await s2.as(s2.approver)).submit(`/staff/broadcasts/${left.broadcastId}`, `/staff/broadcasts/${left.broadcastId}/cancel`, {});
    expect(cancel.status).toBe(403);
    expect(await cancel.text()).toContain("Ya se envió");
  });

  it("counts delivered and failed from the providers' receipts, through the job declared once", async () => {
    const api = await fakeTwilio();
    const s = await setup({ TWILIO_API_URL: api, BROADCAST_RATE_PER_MINUTE: "100" });
    const id = await approved(s, { langs: ["es", "qu"], text_es: TEXT.text_es, text_qu: TEXT.text_qu, text_ay: "" });
    const ctx = s.t.ctx();
    expect(await runJobOnce(ctx, jobNamed("broadcasts")!, "test")).toMatchObject({ started: 1, queued: 4, finished: 1 });
    await ctx.dispatchOutbox();
    const sent = await s.t.deps.db.select().from(outbox).where(eq(outbox.channel, "sms")).all();
    expect(sent.every((m) => m.status === "sent" && m.providerId)).toBe(true);
    const receipt = async (fixture: string, sid: string) => {
      const form = smsFixture(fixture).replaceAll("SM5f2c1e0b7a9d4c3b8e6f1a2d3c4b5a70", sid);
      const path = "/channels/sms/twilio/status";
      const signature = twilio.getExpectedTwilioSignature(SMS_ENV.TWILIO_AUTH_TOKEN, `${SMS_ENV.PUBLIC_BASE_URL}${path}`, Object.fromEntries(new URLSearchParams(form)));
      expect((await s.t.app.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature }, body: form })).status).toBe(200);
    };
    await receipt("twilio-status-delivered.form", sent[0].providerId!);
    await receipt("twilio-status-undelivered.form", sent[1].providerId!);
    const html = await (await (await s.as(s.author)).get(`/staff/broadcasts/${id}`)).text();
    expect(html).toMatch(/id="d-recipients">4</);
    expect(html).toMatch(/id="d-delivered">1</);
    expect(html).toMatch(/id="d-failed">\d</);
    expect(Number(/id="d-failed">(\d)</.exec(html)![1])).toBeGreaterThanOrEqual(1);
  });
});
