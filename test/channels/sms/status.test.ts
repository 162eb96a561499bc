import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { atomic } from "../../../src/db/atomic";
import { contacts, deliveryReports, outbox, sessions } from "../../../src/db/schema";
import { enqueueOutbound } from "../../../src/services/outbox/enqueue";
import { gatewaySignature, GATEWAY_SIGNATURE_HEADER } from "../../../src/channels/sms/verify";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, smsFixture } from "../../helpers/sms";

/**
 * SMS delivery receipts: Twilio's StatusCallback (`POST /channels/sms/twilio/status`, signed like
 * the inbound webhook) and the generic gateway's (`POST /channels/sms/status`, signed like its
 * inbound JSON). The forms are Twilio's full status-callback parameter sets (fixtures/).
 */
const SID = "SM5f2c1e0b7a9d4c3b8e6f1a2d3c4b5a70";
const STATUS_URL = `${SMS_ENV.PUBLIC_BASE_URL}/channels/sms/twilio/status`;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Twilio's Messages API: answers every send with SID, and keeps the forms it got. */
async function fakeTwilio() {
  const forms: URLSearchParams[] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    forms.push(new URLSearchParams(raw));
    res.writeHead(201, { "content-type": "application/json" });
    res.end(JSON.stringify({ sid: SID, status: "queued" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forms };
}

async function sentSms(env: Record<string, string> = {}) {
  const api = await fakeTwilio();
  const t = makeTestApp({ env: { ...SMS_ENV, TWILIO_API_URL: api.url, ...env } });
  await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }], ref: "test" }, t.clock.now())]);
  await t.ctx().dispatchOutbox();
  const row = async () => (await t.deps.db.select().from(outbox).all())[0];
  return { t, api, row };
}

async function postStatus(app: ReturnType<typeof makeTestApp>["app"], form: string, opts: { path?: string; signature?: string } = {}) {
  const path = opts.path ?? "/channels/sms/twilio/status";
  const signature = opts.signature ?? twilio.getExpectedTwilioSignature(SMS_ENV.TWILIO_AUTH_TOKEN, `${SMS_ENV.PUBLIC_BASE_URL}${path}`, Object.fromEntries(new URLSearchParams(form)));
  const res = await app.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature }, body: form });
  return { status: res.status, body: await res.text() };
}

const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

describe("SMS sends ask Twilio for receipts", () => {
  it("every send carries StatusCallback (PUBLIC_BASE_URL + /channels/sms/twilio/status) and From", async () => {
    const { api } = await sentSms();
    expect(api.forms[0].get("StatusCallback")).toBe(STATUS_URL);
    expect(api.forms[0].get("From")).toBe(SMS_ENV.TWILIO_FROM);
    expect(api.forms[0].has("MessagingServiceSid")).toBe(false);
  });

  it("with TWILIO_MESSAGING_SERVICE_SID the service sends (MessagingServiceSid, no From)", async () => {
    const { TWILIO_FROM: _from, ...rest } = SMS_ENV;
    const api = await fakeTwilio();
    const t = makeTestApp({ env: { ...rest, TWILIO_API_URL: api.url, TWILIO_MESSAGING_SERVICE_SID: "MG2a4c6e8f0b1d3f5a7c9e1b3d5f7a9c1e" } });
    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }] }, t.clock.now())]);
    expect(await t.ctx().dispatchOutbox()).toMatchObject({ sent: 1 });
    expect(api.forms[0].get("MessagingServiceSid")).toBe("MG2a4c6e8f0b1d3f5a7c9e1b3d5f7a9c1e");
    expect(api.forms[0].has("From")).toBe(false);
  });
});

describe("POST /channels/sms/twilio/status (Twilio StatusCallback)", () => {
  type Step = { form: string; delivery: string | null; error: string | null };
  const receipts: { label: string; steps: Step[] }[] = [
    { label: "sent then delivered", steps: [{ form: "twilio-status-sent.form", delivery: "sent", error: null }, { form: "twilio-status-delivered.form", delivery: "delivered", error: null }] },
    { label: "undelivered keeps Twilio's code and what it means", steps: [{ form: "twilio-status-undelivered.form", delivery: "undelivered", error: "30003 Unreachable destination handset" }] },
    { label: "a late 'sent' never moves delivered backwards", steps: [{ form: "twilio-status-delivered.form", delivery: "delivered", error: null }, { form: "twilio-status-sent.form", delivery: "delivered", error: null }] },
    { label: "undelivered after delivered changes nothing (the person has it)", steps: [{ form: "twilio-status-delivered.form", delivery: "delivered", error: null }, { form: "twilio-status-undelivered.form", delivery: "delivered", error: null }] },
    { label: "delivered after undelivered wins (the carrier retried)", steps: [{ form: "twilio-status-undelivered.form", delivery: "undelivered", error: "30003 Unreachable destination handset" }, { form: "twilio-status-delivered.form", delivery: "delivered", error: null }] },
    { label: "a late 'sent' after undelivered keeps the failure", steps: [{ form: "twilio-status-undelivered.form", delivery: "undelivered", error: "30003 Unreachable destination handset" }, { form: "twilio-status-sent.form", delivery: "undelivered", error: "30003 Unreachable destination handset" }] },
  ];

  it.each(receipts)("$label", async ({ steps }) => {
    const { t, row } = await sentSms();
    expect(await row()).toMatchObject({ status: "sent", providerId: SID, delivery: null });
    for (const step of steps) {
      expect(await postStatus(t.app, smsFixture(step.form))).toEqual({ status: 200, body: EMPTY });
      expect(await row()).toMatchObject({ delivery: step.delivery, deliveryError: step.error });
    }
  });

  it("a receipt for an id we never sent is acknowledged and nothing is stored", async () => {
    const { t, row } = await sentSms();
    const other = smsFixture("twilio-status-delivered.form").replaceAll(SID, "SM00000000000000000000000000000000");
    expect(await postStatus(t.app, other)).toEqual({ status: 200, body: EMPTY });
    expect(await t.deps.db.select().from(deliveryReports).all()).toEqual([]);
    expect((await row()).delivery).toBeNull();
  });

  it("a bad signature is 403 and nothing is stored", async () => {
    const { t, row } = await sentSms();
    const res = await postStatus(t.app, smsFixture("twilio-status-delivered.form"), { signature: "bm90IGEgc2lnbmF0dXJl" });
    expect(res.status).toBe(403);
    expect(await t.deps.db.select().from(deliveryReports).all()).toEqual([]);
    expect((await row()).delivery).toBeNull();
  });

  it("a receipt posted to the inbound route is acknowledged with <Response/>, recorded, and starts no conversation", async () => {
    const { t, row } = await sentSms();
    const before = await t.deps.db.select().from(contacts).all();
    expect(await postStatus(t.app, smsFixture("twilio-status-delivered.form"), { path: "/channels/sms/twilio" })).toEqual({ status: 200, body: EMPTY });
    expect(await t.deps.db.select().from(contacts).all()).toEqual(before);
    expect(await t.deps.db.select().from(sessions).all()).toEqual([]);
    expect((await t.deps.db.select().from(outbox).all())).toHaveLength(1);
    expect((await row()).delivery).toBe("delivered");
  });
});

describe("POST /channels/sms/status (generic gateway receipts)", () => {
  async function postGatewayStatus(app: ReturnType<typeof makeTestApp>["app"], body: unknown, signature?: string) {
    const raw = JSON.stringify(body);
    const sig = signature ?? (await gatewaySignature(SMS_ENV.SMS_GATEWAY_SECRET, raw));
    const res = await app.request("/channels/sms/status", { method: "POST", headers: { "content-type": "application/json", [GATEWAY_SIGNATURE_HEADER]: sig }, body: raw });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it("records failed with the gateway's code, acknowledges unknown ids, refuses a bad signature or status", async () => {
    const { t, row } = await sentSms();
    expect(await postGatewayStatus(t.app, { id: SID, status: "failed", errorCode: 34, errorMessage: "absent subscriber" })).toEqual({ status: 200, json: { recorded: true } });
    expect(await row()).toMatchObject({ delivery: "failed", deliveryError: "34 absent subscriber" });
    expect(await postGatewayStatus(t.app, { id: "gw-unknown", status: "delivered" })).toEqual({ status: 200, json: { recorded: false } });
    expect((await postGatewayStatus(t.app, { id: SID, status: "delivered" }, "sha256=" + "0".repeat(64))).status).toBe(403);
    expect((await row()).delivery).toBe("failed");
    expect(await postGatewayStatus(t.app, { id: SID, status: "in_orbit" })).toMatchObject({ status: 400, json: { error: "bad_request", field: "status" } });
    expect(await t.deps.db.select().from(deliveryReports).all()).toHaveLength(1);
  });
});
