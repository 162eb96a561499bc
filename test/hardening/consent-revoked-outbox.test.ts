import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox } from "../../src/db/schema";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { grantConsent, revokeConsent, REVOKED_BEFORE_SENDING } from "../../src/services/notices/consent";
import { sendBroadcasts } from "../../src/services/broadcasts/send";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";
import { SMS_ENV } from "../helpers/sms";

/**
 * Session 8 review: a broadcast or payment notice checks consent before it is queued, but then
 * waits in the outbox for the dispatcher, and for hours when the provider fails and it is retried.
 * A "no" given at the desk or in the menu in that time was not honoured: the message still went.
 */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Twilio's Messages API: records each recipient; answers 500 while `failing`. */
async function fakeTwilio() {
  const to: string[] = [];
  const state = { failing: false };
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    if (state.failing) {
      res.writeHead(500, { "content-type": "application/json" });
      return res.end(JSON.stringify({ code: 20500, message: "Internal Server Error" }));
    }
    to.push(new URLSearchParams(body).get("To") ?? "");
    res.writeHead(201, { "content-type": "application/json" });
    res.end(JSON.stringify({ sid: `SM${String(to.length).padStart(32, "0")}`, status: "queued" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, to, state };
}

const MARIA = "+51987654321";
const ROSA = "+51976543210";

async function setup() {
  const twilio = await fakeTwilio();
  const t = await makeRegistryApp({ ...TEST_ENV, ...SMS_ENV, TWILIO_API_URL: twilio.url, BROADCAST_RATE_PER_MINUTE: "100" });
  const consent = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
  await grantConsent(consent, { dni: DEMO.pension65Available.dni, channel: "sms", address: MARIA, lang: "qu", via: "sms", actor: "citizen:sms" });
  await grantConsent(consent, { dni: DEMO.juntosActive.dni, channel: "sms", address: ROSA, lang: "es", via: "sms", actor: "citizen:sms" });
  // a broadcast written by one supervisor and approved by another, as the console does it
  const author = await addStaff(t.deps, "quality_supervisor", "autora@orienta.test");
  const approver = await addStaff(t.deps, "admin", "aprobador@orienta.test");
  const as = async (who: { email: string; password: string }) => {
    const b = new StaffBrowser(t.app);
    await b.login(who.email, who.password);
    return b;
  };
  const writer = await as(author);
  const page = await (await writer.get("/staff/broadcasts/new")).text();
  const form = new URLSearchParams({ _csrf: StaffBrowser.csrfOf(page), title: "Carrito", text_es: "El carrito pagador llega el 12.", text_qu: "Carrito chayamunqa 12 p'unchaw.", text_ay: "", action: "create" });
  form.append("langs", "es");
  form.append("langs", "qu");
  const created = await t.app.request("/staff/broadcasts", { method: "POST", headers: { cookie: writer.jar.header(), "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  const id = /\/staff\/broadcasts\/([0-9a-f-]{36})/.exec(created.headers.get("location") ?? "")![1];
  await (await as(approver)).submit(`/staff/broadcasts/${id}`, `/staff/broadcasts/${id}/approve`, {});
  t.clock.advance(1);
  expect(await sendBroadcasts({ db: t.deps.db, now: t.clock.now, hash: consent.hash, ratePerMinute: 100 })).toMatchObject({ started: 1, queued: 2 });
  return { t, consent, twilio, ctx: t.ctx() };
}

describe("a consent revoked while its message waits in the outbox", () => {
  it("revoked at the help desk before the dispatcher runs: that message is never sent, the other person's is", async () => {
    const s = await setup();
    expect(await revokeConsent(s.consent, { dni: DEMO.pension65Available.dni, address: MARIA, channel: "sms", via: "helpdesk", actor: "staff:x" })).toBe(1);
    await s.ctx.dispatchOutbox();
    expect(s.twilio.to).toEqual([ROSA]);
    const [row] = await s.t.deps.db.select().from(outbox).where(eq(outbox.address, MARIA)).all();
    expect(row).toMatchObject({ status: "not_sent", lastError: REVOKED_BEFORE_SENDING });
  });

  it("revoked while the provider fails and the message waits for its retry: the retry sends nothing to her", async () => {
    const s = await setup();
    s.twilio.state.failing = true;
    await s.ctx.dispatchOutbox();
    expect((await s.t.deps.db.select().from(outbox).all()).map((m) => m.status)).toEqual(["pending", "pending"]);
    await revokeConsent(s.consent, { dni: DEMO.pension65Available.dni, via: "menu", actor: "citizen:ussd" });
    s.twilio.state.failing = false;
    s.t.clock.advance(3_600_000);
    await s.ctx.dispatchOutbox();
    expect(s.twilio.to).toEqual([ROSA]);
  });

  it("another person's consent on the same phone keeps that person's message", async () => {
    const s = await setup();
    // Rosa's daughter also agreed on Rosa's phone; the daughter says no: Rosa's message still goes
    await grantConsent(s.consent, { dni: DEMO.notEnrolled.dni, channel: "sms", address: ROSA, lang: "es", via: "helpdesk", actor: "staff:x" });
    await revokeConsent(s.consent, { dni: DEMO.notEnrolled.dni, address: ROSA, channel: "sms", via: "helpdesk", actor: "staff:x" });
    await s.ctx.dispatchOutbox();
    expect(s.twilio.to.sort()).toEqual([MARIA, ROSA].sort());
  });
});
