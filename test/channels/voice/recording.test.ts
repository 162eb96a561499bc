import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp } from "../../helpers/app";
import { startProviderStub, type ProviderStub } from "../../helpers/provider-stub";
import { atCall, postTwilioVoice, sayBank, twilioCall, voiceFixture, VOICE_ENV } from "../../helpers/voice";
import { complaintRecordings, complaints, outbox } from "../../../src/db/schema";
import { createMemoryMediaStore } from "../../../src/voice/media-store";
import { providerRecordingUrl } from "../../../src/channels/voice/recordings";
import { addStaff, StaffBrowser, TEST_ENV } from "../../helpers/staff";
import { auditLog } from "../../../src/db/schema";
import { eq } from "drizzle-orm";

let stub: ProviderStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const RECORDING = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE0123456789abcdef0123456789abcdef`;

async function recordingApp() {
  stub = await startProviderStub();
  const media = createMemoryMediaStore();
  const t = makeTestApp({ env: { ...VOICE_ENV, ...TEST_ENV, TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_FROM: "+5114800101", TWILIO_API_URL: stub.url }, voiceBank: sayBank(), media });
  return { ...t, stub, media, context: t.ctx() };
}

/** language, complaints, new, reclamo, Juntos, "No recibí mi pago", district list → Cusco/Cusco/Cusco: the tone */
async function toTheTone(call: ReturnType<typeof twilioCall>) {
  await call.start();
  for (const key of ["1", "4", "1", "1", "1", "1", "1", "*", "1", "1", "1"]) await call.press(key);
  expect(call.last.body).toContain("<Record ");
}

describe("spoken complaints (<Record>)", () => {
  it("the recording is fetched from Twilio into the media store, deleted there, and attached to the complaint filed", async () => {
    const t = await recordingApp();
    const call = twilioCall(t.app);
    await toTheTone(call);
    expect((await call.record(RECORDING)).said[0]).toBe("Grabamos su mensaje.");
    for (const key of ["12345678", "1", "1"]) await call.press(key);
    expect((await call.press("1")).said[0]).toMatch(/^Caso registrado: MO-2026-/);

    const complaint = (await t.deps.db.select().from(complaints).get())!;
    const attached = (await t.deps.db.select().from(complaintRecordings).get())!;
    expect(attached.complaintId).toBe(complaint.id);
    expect(attached.mediaPath).toMatch(/^recordings\/[0-9a-f-]{36}\.mp3$/);

    await t.context.dispatchOutbox();
    const fetch = (await t.deps.db.select().from(outbox).all()).find((r) => r.channel === "voice-recording");
    expect(fetch).toMatchObject({ status: "sent", address: RECORDING });
    const stored = await t.media.get(attached.mediaPath);
    expect(stored?.contentType).toBe("audio/mpeg");
    expect(new TextDecoder().decode(stored!.bytes)).toContain("fake-mp3-audio");
    const basic = `Basic ${btoa(`${ACCOUNT}:${VOICE_ENV.TWILIO_AUTH_TOKEN}`)}`;
    expect(t.stub.recordings).toEqual([
      { method: "GET", url: `/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE0123456789abcdef0123456789abcdef.mp3`, authorization: basic },
      { method: "DELETE", url: `/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE0123456789abcdef0123456789abcdef.json`, authorization: basic },
    ]);
  });

  it("the console's case page plays it for staff who may see the case, every listening audited; before it arrives the page says so", async () => {
    const t = await recordingApp();
    const call = twilioCall(t.app);
    await toTheTone(call);
    await call.record(RECORDING);
    for (const key of ["12345678", "1", "1", "1"]) await call.press(key);
    const code = (await t.deps.db.select().from(complaints).get())!.code;
    const agent = await addStaff(t.deps, "quality_supervisor");
    const browser = new StaffBrowser(t.app);
    await browser.login(agent.email, agent.password);
    const page = await browser.get(`/staff/complaints/${code}`);
    const html = await page.text();
    expect(html).toContain(`<audio controls="" preload="none" src="/staff/complaints/${code}/recording">`);
    expect(page.headers.get("content-security-policy")).toContain("media-src 'self'");
    expect((await browser.get(`/staff/complaints/${code}/recording`)).status).toBe(404);

    await t.context.dispatchOutbox();
    const audio = await browser.get(`/staff/complaints/${code}/recording`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect(audio.headers.get("cache-control")).toBe("no-store");
    expect(new TextDecoder().decode(new Uint8Array(await audio.arrayBuffer()))).toContain("fake-mp3-audio");
    const audited = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.recording.played")).all();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor: `staff:${agent.id}`, subject: code, channel: "console" });

    // signed out: nothing
    const anonymous = await t.app.request(`/staff/complaints/${code}/recording`);
    expect(anonymous.status).not.toBe(200);
  });

  it("a denuncia, a confidential or an anonymous case told by phone: only the supervisor hears it (the voice identifies); the agent's page says why", async () => {
    const t = await recordingApp();
    const call = twilioCall(t.app);
    await toTheTone(call);
    await call.record(RECORDING);
    for (const key of ["12345678", "1", "1", "1"]) await call.press(key);
    await t.context.dispatchOutbox();
    const code = (await t.deps.db.select().from(complaints).get())!.code;
    const agent = await addStaff(t.deps, "quality_agent");
    const supervisor = await addStaff(t.deps, "quality_supervisor");
    const asAgent = new StaffBrowser(t.app);
    await asAgent.login(agent.email, agent.password);
    const asSupervisor = new StaffBrowser(t.app);
    await asSupervisor.login(supervisor.email, supervisor.password);
    // a reclamo: the agent hears it
    expect((await asAgent.get(`/staff/complaints/${code}/recording`)).status).toBe(200);

    for (const protectedCase of [{ kind: "denuncia" as const }, { confidential: true }, { anonymous: true }]) {
      await t.deps.db.update(complaints).set({ kind: "reclamo", confidential: false, anonymous: false, ...protectedCase }).run();
      const refused = await asAgent.get(`/staff/complaints/${code}/recording`);
      expect(refused.status, JSON.stringify(protectedCase)).toBe(403);
      expect(refused.headers.get("content-type")).not.toContain("audio");
      const page = await (await asAgent.get(`/staff/complaints/${code}`)).text();
      expect(page).not.toContain("<audio");
      expect(page).toContain("La grabación es reservada");
      expect((await asSupervisor.get(`/staff/complaints/${code}/recording`)).status).toBe(200);
      expect(await (await asSupervisor.get(`/staff/complaints/${code}`)).text()).toContain("<audio");
    }
    const played = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.recording.played")).all();
    expect(played.map((row) => row.actor)).toEqual([`staff:${agent.id}`, `staff:${supervisor.id}`, `staff:${supervisor.id}`, `staff:${supervisor.id}`]);
  });

  it("a caller who hangs up after speaking (Twilio posts the <Record> action with CallStatus=completed, Digits=hangup) keeps the description: fetched, and a redial continues from it", async () => {
    const t = await recordingApp();
    const call = twilioCall(t.app);
    await toTheTone(call);
    const form = new URLSearchParams(voiceFixture("twilio-incoming.form"));
    for (const [k, v] of Object.entries({ CallStatus: "completed", RecordingUrl: RECORDING, RecordingSid: "RE0123456789abcdef0123456789abcdef", RecordingDuration: "34", Digits: "hangup" })) form.set(k, v);
    const hungUp = await postTwilioVoice(t.app, call.last.action!, form);
    expect(hungUp.status).toBe(200);
    expect(hungUp.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const fetch = (await t.deps.db.select().from(outbox).all()).filter((r) => r.channel === "voice-recording");
    expect(fetch).toMatchObject([{ address: RECORDING }]);

    // the next call from the same phone: offered to continue, and continuing asks for the DNI (the description is there)
    t.clock.advance(60_000);
    const redial = twilioCall(t.app, { CallSid: "CA0f8a3b2c1d0e9f8a7b6c5d4e3f2a1b0c" });
    const offer = await redial.start();
    expect(offer.said.join(" ")).toMatch(/continuar/i);
    const resumed = await redial.press("1");
    expect(resumed.said.join(" ")).toMatch(/DNI/);
    expect(resumed.body).not.toContain("<Record ");
  });

  it("Africa's Talking: a caller who hangs up during <Record> (the final notification, isActive=0, with recordingUrl, posted to the number's callback URL without our state) keeps the description once; a redial continues from it", async () => {
    const t = await recordingApp();
    const call = atCall(t.app);
    await call.start();
    for (const key of ["1", "4", "1", "1", "1", "1", "1", "*", "1", "1", "1"]) await call.press(key);
    expect(call.last.body).toContain("<Record ");
    const AT_RECORDING = "https://voice.africastalking.com/recordings/ATVId_5f3a1e8c2b9d4e7f.mp3";
    // AT's documented final notification (fixture at-final.form), the recording's URL added
    const final = new URLSearchParams(voiceFixture("at-final.form"));
    final.set("recordingUrl", AT_RECORDING);
    const post = () => t.app.request("/channels/voice/africastalking", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: final.toString() });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    // AT may send it again (a retry, or the <Record>'s own callback first): applied once
    expect((await post()).status).toBe(200);
    const fetch = (await t.deps.db.select().from(outbox).all()).filter((r) => r.channel === "voice-recording");
    expect(fetch).toMatchObject([{ address: AT_RECORDING }]);

    t.clock.advance(60_000);
    const redial = atCall(t.app, { sessionId: "ATVId_9c8b7a6f5e4d3c2b" });
    expect((await redial.start()).said.join(" ")).toMatch(/continuar/i);
    const resumed = await redial.press("1");
    expect(resumed.said.join(" ")).toMatch(/DNI/);
    expect(resumed.body).not.toContain("<Record ");
  });

  it("Africa's Talking: the <Record>'s callback carries recordingUrl and no dtmfDigits: the description is kept and the call goes on (was: asked again, the recording dropped)", async () => {
    const t = await recordingApp();
    const call = atCall(t.app);
    await call.start();
    for (const key of ["1", "4", "1", "1", "1", "1", "1", "*", "1", "1", "1"]) await call.press(key);
    expect(call.last.body).toContain("<Record ");
    const AT_RECORDING = "https://voice.africastalking.com/recordings/ATVId_5f3a1e8c2b9d4e7f-1.mp3";
    const form = new URLSearchParams(voiceFixture("at-incoming.form"));
    form.set("recordingUrl", AT_RECORDING);
    const u = new URL(call.last.action!);
    const res = await t.app.request(u.pathname + u.search, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    const said = [...(await res.text()).matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]);
    expect(said[0]).toBe("Grabamos su mensaje.");
    expect(said.join(" ")).toMatch(/DNI/);
    expect((await t.deps.db.select().from(outbox).all()).filter((r) => r.channel === "voice-recording")).toMatchObject([{ address: AT_RECORDING }]);
  });

  it("Africa's Talking: a final notification with an empty recordingUrl, or for a call not at the description, keeps nothing", async () => {
    const t = await recordingApp();
    const call = atCall(t.app);
    await call.start();
    for (const key of ["1", "4", "1", "1", "1", "1", "1", "*", "1", "1", "1"]) await call.press(key);
    const final = new URLSearchParams(voiceFixture("at-final.form"));
    final.set("recordingUrl", "");
    expect((await t.app.request("/channels/voice/africastalking", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: final.toString() })).status).toBe(200);
    // another call, still at the menu, whose notification carries a recording (a terminal recording of some other use)
    const other = atCall(t.app, { sessionId: "ATVId_0a1b2c3d4e5f6a7b", caller: "+51912345678" });
    await other.start();
    const late = new URLSearchParams(voiceFixture("at-final.form"));
    late.set("sessionId", "ATVId_0a1b2c3d4e5f6a7b");
    late.set("callerNumber", "+51912345678");
    late.set("recordingUrl", "https://voice.africastalking.com/recordings/ATVId_0a1b2c3d4e5f6a7b.mp3");
    expect((await t.app.request("/channels/voice/africastalking", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: late.toString() })).status).toBe(200);
    expect((await t.deps.db.select().from(outbox).all()).filter((r) => r.channel === "voice-recording")).toEqual([]);
  });

  it("a recording not ready yet (404) or a provider that cannot be reached is retried by the outbox", async () => {
    const t = await recordingApp();
    const call = twilioCall(t.app);
    await toTheTone(call);
    await call.record(RECORDING);
    t.stub.set({ status: 404 });
    expect(await t.context.dispatchOutbox()).toMatchObject({ retried: 1 });
    const row = (await t.deps.db.select().from(outbox).get())!;
    t.stub.set({ status: 200 });
    t.clock.set(row.nextAttemptAt);
    expect(await t.context.dispatchOutbox()).toMatchObject({ sent: 1 });
  });

  it("a recording URL outside the provider's domain is refused: nothing fetched, the caller is asked again", async () => {
    const t = await recordingApp();
    const call = twilioCall(t.app);
    await toTheTone(call);
    const again = await call.record("https://attacker.example/2010-04-01/Accounts/x/Recordings/RE1.mp3");
    expect(again.said.slice(0, 2)).toEqual(["No escuchamos su mensaje.", "Después del tono, cuente qué pasó. Tiene hasta 60 segundos. Al terminar, marque la tecla numeral."]);
    expect(again.body).toContain("<Record ");
    expect(await t.deps.db.select().from(outbox).all()).toEqual([]);
    expect(t.logs.join("\n")).toContain("recording URL outside the provider's domain: refused");
    expect(t.logs.join("\n")).not.toContain("987654321");
  });

  it.each([
    ["twilio", RECORDING, true],
    ["twilio", RECORDING.replace("https:", "http:"), false],
    ["twilio", RECORDING.replace("api.twilio.com", "api.twilio.com.attacker.example"), false],
    ["twilio", "https://api.twilio.com/2010-04-01/Accounts/AC0/Calls", false],
    ["twilio", "https://user:pw@api.twilio.com" + new URL(RECORDING).pathname, false],
    ["africastalking", "https://voice.africastalking.com/recordings/ATVId_1.mp3", true],
    ["africastalking", "https://africastalking.com.evil.example/rec.mp3", false],
    ["africastalking", "not a url", false],
  ] as const)("%s recording URL %s accepted: %s", (provider, url, ok) => {
    expect(providerRecordingUrl(provider, url) !== null).toBe(ok);
  });
});
