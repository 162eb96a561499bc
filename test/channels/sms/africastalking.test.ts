import { afterEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { atomic } from "../../../src/db/atomic";
import { contacts, outbox } from "../../../src/db/schema";
import { enqueueOutbound } from "../../../src/services/outbox/enqueue";
import { isGsm7 } from "../../../src/i18n/gsm7";
import { loadConfig } from "../../../src/config";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, smsFixture, texter } from "../../helpers/sms";

/**
 * SMS over Africa's Talking: the inbound callback (`POST /channels/sms/africastalking`, AT's form
 * as RapidPro's courier tests it: courier's own payloads are the fixtures `at-courier-*.form`),
 * replies through the outbox on AT's messaging API (a real HTTP server on 127.0.0.1 answering with
 * AT's JSON), and AT's delivery reports (`POST /channels/sms/africastalking/status`).
 */

const KEY = "at-callback-key-0123456789abcdef";
const AT_ENV = { AT_USERNAME: "midis-orienta", AT_API_KEY: "atsk_0123456789abcdef0123456789abcdef", AT_SMS_FROM: "21512", USSD_CALLBACK_KEY: KEY };

interface Seen {
  path: string;
  headers: IncomingMessage["headers"];
  form: URLSearchParams;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const success = (messageId = "ATXid_dda018a640edfcc5d2ce455de3e4a6e7") => ({
  status: 201,
  body: { SMSMessageData: { Message: "Sent to 1/1 Total Cost: USD 0.0200", Recipients: [{ statusCode: 101, number: "+51987654321", status: "Success", cost: "USD 0.0200", messageId }] } },
});

/** AT's messaging API on 127.0.0.1, answering from a script (then: success) and keeping every request. */
async function fakeAt(script: Array<{ status: number; body: unknown }> = []) {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    seen.push({ path: req.url ?? "", headers: req.headers, form: new URLSearchParams(raw) });
    const next = script.shift() ?? success(`ATXid_${seen.length}`);
    res.writeHead(next.status, { "content-type": typeof next.body === "string" ? "text/plain" : "application/json" });
    res.end(typeof next.body === "string" ? next.body : JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function atApp(env: Record<string, string> = {}, script?: Array<{ status: number; body: unknown }>) {
  const api = await fakeAt(script);
  const t = makeTestApp({ env: { ...AT_ENV, AT_SMS_API_URL: api.url, ...env } });
  const ctx = t.ctx();
  const rows = () => t.deps.db.select().from(outbox).all();
  const inbound = async () => ((await t.database.db.get(sql`select count(*) as n from sms_inbound`)) as { n: number }).n;
  return { t, api, ctx, rows, inbound };
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function atForm(fields: { text: string; from?: string; id?: string }): string {
  const form = new URLSearchParams(smsFixture("at-menu.form"));
  form.set("text", fields.text);
  form.set("id", fields.id ?? crypto.randomUUID());
  if (fields.from) form.set("from", fields.from);
  return form.toString();
}

async function postAt(app: ReturnType<typeof makeTestApp>["app"], body: string, path = `/channels/sms/africastalking?key=${KEY}`, init: RequestInit = {}) {
  const res = await app.request(path, { method: "POST", headers: FORM, body, ...init });
  return { status: res.status, body: await res.text() };
}

/** What the person reads: every SMS the fake AT was asked to send to the number, in order. */
const sentTo = (seen: Seen[], phone = "+51987654321") => seen.filter((s) => s.form.get("to") === phone).map((s) => s.form.get("message") ?? "");

describe("POST /channels/sms/africastalking: AT's inbound callback (courier's payloads)", () => {
  const cases: { label: string; fixture: string; status: number; body: RegExp | string }[] = [
    { label: "receive valid (ISO date)", fixture: "at-courier-receive.form", status: 200, body: "" },
    { label: "receive valid (date with a space)", fixture: "at-courier-receive-space-date.form", status: 200, body: "" },
    { label: "empty body", fixture: "", status: 400, body: /id: required/ },
    { label: "missing text", fixture: "at-courier-missing-text.form", status: 400, body: /text: required/ },
    { label: "from is not a number (MTN)", fixture: "at-courier-invalid-from.form", status: 400, body: /from: not a valid phone number/ },
  ];
  for (const c of cases) {
    it(`${c.label} → ${c.status}`, async () => {
      const { t, rows } = await atApp();
      const res = await postAt(t.app, c.fixture ? smsFixture(c.fixture) : "");
      expect(res.status).toBe(c.status);
      if (typeof c.body === "string") expect(res.body).toBe(c.body);
      else expect(res.body).toMatch(c.body);
      // the valid ones are a conversation's first message: the language question, queued for AT
      expect((await rows()).length).toBe(c.status === 200 ? 1 : 0);
    });
  }
});

describe("Africa's Talking callback authentication (as the USSD callback's)", () => {
  it("without the key, or with a wrong one: 403 and nothing stored; ?key= or X-Callback-Key: accepted", async () => {
    const { t, rows, inbound } = await atApp();
    for (const path of ["/channels/sms/africastalking", `/channels/sms/africastalking?key=${KEY}x`, "/channels/sms/africastalking/status"]) {
      expect((await postAt(t.app, atForm({ text: "MENU" }), path)).status).toBe(403);
    }
    expect(await inbound()).toBe(0);
    expect(await rows()).toHaveLength(0);
    expect((await postAt(t.app, atForm({ text: "MENU" }))).status).toBe(200);
    expect((await postAt(t.app, atForm({ text: "MENU" }), "/channels/sms/africastalking", { headers: { ...FORM, "x-callback-key": KEY } })).status).toBe(200);
    expect(await inbound()).toBe(2);
  });

  it("SMS_AT_CALLBACK_KEY replaces USSD's key; SMS_AT_ALLOWED_SOURCES is judged on the socket address", async () => {
    const own = "sms-at-own-key-0123456789abcdef";
    const { t } = await atApp({ SMS_AT_CALLBACK_KEY: own, SMS_AT_ALLOWED_SOURCES: "10.20.0.0/16" });
    const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
    const req = (key: string, address: string) => t.app.request(`/channels/sms/africastalking?key=${key}`, { method: "POST", headers: FORM, body: atForm({ text: "MENU" }) }, from(address));
    expect((await req(KEY, "10.20.3.4")).status).toBe(403);
    expect((await req(own, "10.21.0.1")).status).toBe(403);
    expect((await req(own, "10.20.3.4")).status).toBe(200);
  });

  it("without AT_USERNAME/AT_API_KEY both routes answer 503 (a reply could never be sent)", async () => {
    const t = makeTestApp({ env: { USSD_CALLBACK_KEY: KEY } });
    expect((await postAt(t.app, atForm({ text: "MENU" }))).status).toBe(503);
    expect((await postAt(t.app, smsFixture("at-status-success.form"), `/channels/sms/africastalking/status?key=${KEY}`)).status).toBe(503);
  });

  it("the sandbox username sends to AT's sandbox host; AT_SMS_API_URL overrides", () => {
    const at = (env: Record<string, string>) => loadConfig({ NODE_ENV: "test", AT_API_KEY: "k", ...env }).config.sms.africastalking;
    expect(at({ AT_USERNAME: "sandbox" })?.apiUrl).toBe("https://api.sandbox.africastalking.com");
    expect(at({ AT_USERNAME: "midis" })?.apiUrl).toBe("https://api.africastalking.com");
    expect(at({ AT_USERNAME: "midis", AT_SMS_API_URL: "https://at.example.pe/" })?.apiUrl).toBe("https://at.example.pe");
    expect(at({})).toBeNull();
  });
});

describe("a conversation over Africa's Talking", () => {
  it("answers through AT's messaging API: username, to, message (GSM-7), from; apiKey and Accept headers; sent with AT's messageId", async () => {
    const { t, api, ctx, rows } = await atApp();
    expect(await postAt(t.app, smsFixture("at-menu.form"))).toEqual({ status: 200, body: "" });
    await ctx.dispatchOutbox();
    expect(api.seen).toHaveLength(1);
    const [req] = api.seen;
    expect(req.path).toBe("/version1/messaging");
    expect(req.headers.apikey).toBe(AT_ENV.AT_API_KEY);
    expect(req.headers.accept).toBe("application/json");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(req.form)).toMatchObject({ username: AT_ENV.AT_USERNAME, to: "+51987654321", from: "21512" });
    // the first message asks the language, in the three languages
    expect(req.form.get("message")).toMatch(/Runasimi/);
    const [row] = await rows();
    expect(row).toMatchObject({ channel: "sms", address: "tel:+51987654321", status: "sent", providerId: "ATXid_1" });

    // answer 1 (Español): the main menu, folded to GSM-7 (no á é í ó ú), within SMS_MAX_SEGMENTS
    await postAt(t.app, atForm({ text: "1" }));
    await ctx.dispatchOutbox();
    const menu = sentTo(api.seen)[1];
    expect(menu).toMatch(/^[\s\S]*1 /);
    expect(isGsm7(menu)).toBe(true);
    expect(menu).not.toMatch(/[áíóú]/);
  });

  it("a retried callback (same id) is applied once: one reply, one stored message id", async () => {
    const { t, ctx, api, rows, inbound } = await atApp();
    const body = atForm({ text: "MENU", id: "ec9adc86-51d5-4bc8-8eb0-d8ab0bb53dc3" });
    expect((await postAt(t.app, body)).status).toBe(200);
    expect((await postAt(t.app, body)).status).toBe(200);
    expect(await inbound()).toBe(1);
    expect(await rows()).toHaveLength(1);
    await ctx.dispatchOutbox();
    expect(api.seen).toHaveLength(1);
  });

  it("the keywords work as on Twilio: ESTADO answers the status usage, AYUDA the help", async () => {
    const { t, ctx, api } = await atApp();
    await postAt(t.app, atForm({ text: "ESTADO" }));
    await postAt(t.app, atForm({ text: "¿Ayuda?" }));
    await ctx.dispatchOutbox();
    const [status, help] = sentTo(api.seen);
    expect(status).toMatch(/^Envie ESTADO y el codigo/);
    expect(help).toMatch(/^MIDIS Orienta por SMS/);
  });

  const optOuts: { lang: string; word: string; confirmation: RegExp }[] = [
    { lang: "es", word: "BAJA", confirmation: /^Listo: ya no le enviaremos/ },
    { lang: "qu", word: "Sayay", confirmation: /^Chayllam: mana/ },
    { lang: "ay", word: "SAYTAÑA", confirmation: /^Walikiwa: janiw/ },
    // Aymara written with its ejective's apostrophe (straight or a phone's curly one), as the word
    // is spelled: it was not a keyword (the list has SAYTAÑA), the person got the main menu and
    // stayed subscribed (session 9 outside review)
    { lang: "ay", word: "Sayt'aña.", confirmation: /^Walikiwa: janiw/ },
    { lang: "ay", word: "sayt’aña", confirmation: /^Walikiwa: janiw/ },
  ];
  for (const o of optOuts) {
    it(`opt-out in ${o.lang} (${o.word}): one confirmation in that language, then silence; ALTA brings the person back`, async () => {
      const { t, ctx, api, rows } = await atApp();
      await postAt(t.app, atForm({ text: o.word }));
      await ctx.dispatchOutbox();
      expect(sentTo(api.seen)).toHaveLength(1);
      expect(sentTo(api.seen)[0]).toMatch(o.confirmation);
      const contact = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get();
      expect(contact?.optedOut).toBe(true);
      await postAt(t.app, atForm({ text: "MENU" }));
      await ctx.dispatchOutbox();
      expect(await rows()).toHaveLength(1);
      // a notice to the opted-out number is not handed to AT
      await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }], ref: "notice" }, t.clock.now())]);
      await ctx.dispatchOutbox();
      expect(api.seen).toHaveLength(1);
      await postAt(t.app, atForm({ text: "ALTA" }));
      await ctx.dispatchOutbox();
      expect(sentTo(api.seen)).toHaveLength(2);
    });
  }
});

describe("AT SMS in Aymara: keywords written with the apostrophe (session 9 outside review)", () => {
  it("Kutt'aña (ALTA as spelled) brings back a person who left with Sayt'aña", async () => {
    const { t, ctx, api } = await atApp();
    await postAt(t.app, atForm({ text: "Sayt'aña" }));
    await ctx.dispatchOutbox();
    const left = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get();
    expect(left?.optedOut).toBe(true);
    await postAt(t.app, atForm({ text: "Kutt'aña" }));
    await ctx.dispatchOutbox();
    const contact = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get();
    expect(contact?.optedOut).toBe(false);
    expect(sentTo(api.seen)).toHaveLength(2);
  });
});

describe("AT's messaging API answers → the outbox row (table)", () => {
  const cases: { label: string; answer: { status: number; body: unknown }; status: string; error?: RegExp; retried?: boolean; optedOut?: boolean }[] = [
    { label: "101 Success", answer: success("ATXid_x1"), status: "sent" },
    { label: "102 Queued", answer: { status: 201, body: { SMSMessageData: { Message: "Sent to 1/1", Recipients: [{ statusCode: 102, status: "Queued", messageId: "ATXid_q", number: "+51987654321", cost: "0" }] } } }, status: "sent" },
    { label: "406 UserInBlacklist: the person opted out at AT", answer: { status: 201, body: { SMSMessageData: { Message: "Sent to 0/1", Recipients: [{ statusCode: 406, status: "UserInBlacklist", messageId: "None", number: "+51987654321", cost: "0" }] } } }, status: "failed", error: /406 UserInBlacklist/, optedOut: true },
    { label: "405 InsufficientBalance: retried later", answer: { status: 201, body: { SMSMessageData: { Message: "Sent to 0/1", Recipients: [{ statusCode: 405, status: "InsufficientBalance", messageId: "None", number: "+51987654321", cost: "0" }] } } }, status: "pending", error: /405 InsufficientBalance/, retried: true },
    { label: "403 InvalidPhoneNumber: for good", answer: { status: 201, body: { SMSMessageData: { Message: "Sent to 0/1", Recipients: [{ statusCode: 403, status: "InvalidPhoneNumber", messageId: "None", number: "+51987654321", cost: "0" }] } } }, status: "failed", error: /403 InvalidPhoneNumber/ },
    { label: "no recipient (AT names why in Message)", answer: { status: 201, body: { SMSMessageData: { Message: "InvalidSenderId", Recipients: [] } } }, status: "failed", error: /InvalidSenderId/ },
    { label: "HTTP 401 (bad API key, plain text)", answer: { status: 401, body: "The supplied authentication is invalid" }, status: "failed", error: /africastalking 401/ },
    { label: "HTTP 500: retried later", answer: { status: 500, body: "Internal Server Error" }, status: "pending", error: /africastalking 500/, retried: true },
    { label: "HTTP 429: retried later", answer: { status: 429, body: "Too many requests" }, status: "pending", retried: true },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const { t, ctx, rows } = await atApp({}, [c.answer]);
      await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "qu", body: [{ key: "common:unavailable" }], ref: "notice" }, t.clock.now())]);
      await ctx.dispatchOutbox();
      const [row] = await rows();
      expect(row.status).toBe(c.status);
      if (c.status === "sent") expect(row.providerId).toMatch(/^ATXid_/);
      if (c.error) expect(row.lastError).toMatch(c.error);
      expect(row.lastError ?? "").not.toContain("987654321");
      if (c.retried) expect(row.nextAttemptAt).toBeGreaterThan(t.clock.now());
      const contact = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get();
      expect(contact?.optedOut ?? false).toBe(c.optedOut ?? false);
    });
  }

  it("a network failure is retried", async () => {
    const t = makeTestApp({ env: { ...AT_ENV, AT_SMS_API_URL: "http://127.0.0.1:9" } });
    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }] }, t.clock.now())]);
    await t.ctx().dispatchOutbox();
    const [row] = await t.deps.db.select().from(outbox).all();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/^network/);
  });
});

describe("POST /channels/sms/africastalking/status: AT's delivery reports (table)", () => {
  const ID = "ATXid_dda018a640edfcc5d2ce455de3e4a6e7";
  const report = (fields: Record<string, string>) => new URLSearchParams({ id: ID, phoneNumber: "+51987654321", networkCode: "71610", retryCount: "0", ...fields }).toString();
  const cases: { label: string; form: string; http: number; delivery: string | null; error?: string | null }[] = [
    { label: "Sent", form: report({ status: "Sent" }), http: 200, delivery: "sent" },
    { label: "Submitted", form: report({ status: "Submitted" }), http: 200, delivery: "sent" },
    { label: "Buffered", form: report({ status: "Buffered" }), http: 200, delivery: "sent" },
    { label: "Success (AT's own example)", form: smsFixture("at-status-success.form"), http: 200, delivery: "delivered", error: null },
    { label: "Rejected by the operator", form: report({ status: "Rejected", failureReason: "DoNotDisturbRejection" }), http: 200, delivery: "failed", error: "Rejected DoNotDisturbRejection" },
    { label: "Failed with a reason", form: report({ status: "Failed", failureReason: "UserIsInactive" }), http: 200, delivery: "undelivered", error: "Failed UserIsInactive" },
    { label: "Failed, a reason that is not AT's word (not kept)", form: report({ status: "Failed", failureReason: "call +51987654321" }), http: 200, delivery: "undelivered", error: "Failed" },
    { label: "Expired (courier's fixture)", form: `id=${ID}&status=Expired`, http: 200, delivery: "undelivered", error: "Expired" },
    { label: "an unknown status (courier's Borked): acknowledged, nothing changes", form: `id=${ID}&status=Borked`, http: 200, delivery: null },
    { label: "status missing (courier's fixture)", form: `id=${ID}`, http: 400, delivery: null },
    { label: "id missing", form: "status=Success", http: 400, delivery: null },
  ];
  for (const c of cases) {
    it(`${c.label} → ${c.http}, delivery ${c.delivery}`, async () => {
      const { t, ctx, rows } = await atApp({}, [success(ID)]);
      await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }], ref: "notice" }, t.clock.now())]);
      await ctx.dispatchOutbox();
      const res = await postAt(t.app, c.form, `/channels/sms/africastalking/status?key=${KEY}`);
      expect(res.status).toBe(c.http);
      const [row] = await rows();
      expect(row.delivery).toBe(c.delivery);
      if (c.error !== undefined) expect(row.deliveryError).toBe(c.error);
    });
  }

  it("Failed with UserInBlackList: the number is recorded as opted out (nothing more is tried)", async () => {
    const ID2 = "ATXid_dda018a640edfcc5d2ce455de3e4a6e7";
    const { t, ctx, rows } = await atApp({}, [success(ID2)]);
    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }] }, t.clock.now())]);
    await ctx.dispatchOutbox();
    expect((await postAt(t.app, smsFixture("at-status-failed-blacklisted.form"), `/channels/sms/africastalking/status?key=${KEY}`)).status).toBe(200);
    expect((await rows())[0]).toMatchObject({ delivery: "undelivered", deliveryError: "Failed UserInBlackList" });
    const contact = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get();
    expect(contact?.optedOut).toBe(true);
  });

  it("a report for a message we never sent is acknowledged and changes nobody", async () => {
    const { t } = await atApp();
    expect((await postAt(t.app, smsFixture("at-status-failed-blacklisted.form"), `/channels/sms/africastalking/status?key=${KEY}`)).status).toBe(200);
    expect(await t.deps.db.select().from(contacts).all()).toHaveLength(0);
  });
});

describe("POST /channels/sms/africastalking/optout: AT's Bulk SMS Opt Out notification", () => {
  it("records the number as opted out (audited like a BAJA): notices to it are no longer handed to AT; authenticated; a bad number is 400", async () => {
    const { t, ctx, api } = await atApp();
    const body = "senderId=MIDIS&phoneNumber=%2B51987654321";
    expect((await postAt(t.app, body, "/channels/sms/africastalking/optout")).status).toBe(403);
    expect((await postAt(t.app, "senderId=MIDIS&phoneNumber=MTN", `/channels/sms/africastalking/optout?key=${KEY}`)).status).toBe(400);
    expect((await postAt(t.app, body, `/channels/sms/africastalking/optout?key=${KEY}`))).toEqual({ status: 200, body: "" });
    const contact = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get();
    expect(contact?.optedOut).toBe(true);
    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }], ref: "notice" }, t.clock.now())]);
    await ctx.dispatchOutbox();
    expect(api.seen).toHaveLength(0);
    const audited = (await t.database.db.get(sql`select count(*) as n from audit_log where action = 'contact.opt_out' and subject = ${`contact:${contact!.id}`}`)) as { n: number };
    expect(audited.n).toBe(1);
  });
});

describe("Africa's Talking when the database cannot be written", () => {
  it("the callback answers 503 (AT may deliver it again), nothing is stored; once writable, the same id is answered", async () => {
    const { t, ctx, api, rows, inbound } = await atApp();
    t.database.sqlite.pragma("query_only = ON");
    const body = atForm({ text: "MENU", id: "ec9adc86-51d5-4bc8-8eb0-d8ab0bb53dc3" });
    const res = await postAt(t.app, body);
    expect(res.status).toBe(503);
    t.database.sqlite.pragma("query_only = OFF");
    expect(await inbound()).toBe(0);
    expect(await rows()).toHaveLength(0);
    expect((await postAt(t.app, body)).status).toBe(200);
    await ctx.dispatchOutbox();
    expect(sentTo(api.seen)).toHaveLength(1);
  });
});

describe("Twilio and Africa's Talking together: each number answered by the gateway it wrote by", () => {
  it("a number that texted AT gets its notices by AT; one that texted Twilio, and one that never texted, by Twilio", async () => {
    const at = await fakeAt();
    const twilioSeen: URLSearchParams[] = [];
    const twilio = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      twilioSeen.push(new URLSearchParams(raw));
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ sid: `SM${twilioSeen.length}`, status: "queued" }));
    });
    await new Promise<void>((resolve) => twilio.listen(0, "127.0.0.1", resolve));
    servers.push(twilio);
    const t = makeTestApp({ env: { ...SMS_ENV, TWILIO_API_URL: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`, ...AT_ENV, AT_SMS_API_URL: at.url } });
    const ctx = t.ctx();
    await postAt(t.app, atForm({ text: "MENU", from: "+51987654321" }));
    await texter(t.app, "+51912345678").send("MENU");
    await ctx.dispatchOutbox();
    expect(at.seen.map((s) => s.form.get("to"))).toEqual(["+51987654321"]);
    const notice = (address: string) => enqueueOutbound(t.deps.db, { channel: "sms", address, lang: "es", body: [{ key: "common:unavailable" }], ref: "notice" }, t.clock.now());
    await atomic(t.deps.db, [notice("+51987654321"), notice("+51912345678"), notice("+51955555555")]);
    await ctx.dispatchOutbox();
    expect(at.seen.map((s) => s.form.get("to"))).toEqual(["+51987654321", "+51987654321"]);
    expect(twilioSeen.map((f) => f.get("To")).sort()).toEqual(["+51912345678", "+51955555555"]);
    // the person then texts Twilio's number: from now on, Twilio answers them
    await texter(t.app, "+51987654321").send("AYUDA");
    await atomic(t.deps.db, [notice("+51987654321")]);
    await ctx.dispatchOutbox();
    expect(at.seen).toHaveLength(2);
    expect(twilioSeen.map((f) => f.get("To"))).toContain("+51987654321");
  });
});
