import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeTestApp } from "../../helpers/app";
import { startProviderStub, type ProviderStub } from "../../helpers/provider-stub";
import { atCall, postTwilioVoice, sayBank, voiceFixture, VOICE_ENV } from "../../helpers/voice";
import { outbox, sessions } from "../../../src/db/schema";

let stub: ProviderStub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function callbackApp(env: Record<string, string> = {}) {
  stub = await startProviderStub();
  const t = makeTestApp({
    env: { ...VOICE_ENV, TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef", TWILIO_FROM: "+5114800101", TWILIO_API_URL: stub.url, VOICE_CALLBACK: "on", VOICE_CALLBACKS_PER_DAY: "2", AT_USERNAME: "midis", AT_API_KEY: "at-api-key", AT_VOICE_NUMBER: "+5114800102", AT_VOICE_API_URL: stub.url, ...env },
    voiceBank: sayBank(),
  });
  return { ...t, stub, context: t.ctx() };
}

const incoming = (callSid: string) => {
  const form = new URLSearchParams(voiceFixture("twilio-incoming.form"));
  form.set("CallSid", callSid);
  return form;
};
const SID = (n: number) => `CA${String(n).padStart(32, "0")}`;

describe("missed-call callback (VOICE_CALLBACK=on)", () => {
  it("Twilio: the call is rejected unanswered (busy, free for the caller), and the service calls back through Calls.json; the callback is an ordinary call", async () => {
    const t = await callbackApp();
    const missed = await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(1)));
    expect(missed.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Reject reason="busy"/></Response>');
    expect(await t.deps.db.select().from(sessions).all()).toEqual([]);
    const report = await t.context.dispatchOutbox();
    expect(report.sent).toBe(1);
    expect(t.stub.deliveries).toHaveLength(1);
    const request = t.stub.deliveries[0].request!;
    expect(request.url).toBe("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json");
    expect(request.headers.authorization).toBe(`Basic ${btoa("AC0123456789abcdef0123456789abcdef:" + VOICE_ENV.TWILIO_AUTH_TOKEN)}`);
    expect(Object.fromEntries(request.form)).toMatchObject({ To: "+51987654321", From: "+5114800101", Url: "https://orienta.example.pe/channels/voice/twilio", StatusCallback: "https://orienta.example.pe/channels/voice/twilio/status" });
    const row = await t.deps.db.select().from(outbox).get();
    expect(row).toMatchObject({ channel: "voice", status: "sent", address: "+51987654321" });
    expect(row!.providerId).toMatch(/^CA/);

    // the person answers: Twilio asks our URL for the call it placed (the person is in `To`)
    const answered = new URLSearchParams(voiceFixture("twilio-incoming.form"));
    answered.set("CallSid", row!.providerId!);
    answered.set("Direction", "outbound-api");
    answered.set("From", "+5114800101");
    answered.set("To", "+51987654321");
    answered.set("CallStatus", "in-progress");
    const call = await postTwilioVoice(t.app, "/channels/voice/twilio", answered);
    expect(call.said).toEqual(["Para español, marque 1.", "Runasimipaq, 2 yupayta ñit'iy."]);
    const session = await t.deps.db.select().from(sessions).get();
    expect(session?.sessionKey).toBe(row!.providerId);
  });

  it("a redelivered incoming request is rejected again without a second callback", async () => {
    const t = await callbackApp();
    await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(1)));
    const again = await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(1)));
    expect(again.body).toContain('<Reject reason="busy"/>');
    expect(await t.deps.db.select().from(outbox).all()).toHaveLength(1);
  });

  it("past VOICE_CALLBACKS_PER_DAY for the number the call is answered normally", async () => {
    const t = await callbackApp();
    for (const n of [1, 2]) expect((await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(n)))).body).toContain("<Reject");
    const third = await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(3)));
    expect(third.body).toContain("<Gather");
    expect(await t.deps.db.select().from(outbox).all()).toHaveLength(2);
    // the next Lima day counts again
    t.clock.advance(24 * 3_600_000);
    expect((await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(4)))).body).toContain("<Reject");
  });

  it("within quiet hours nobody is called back: the call is answered", async () => {
    const t = await callbackApp();
    t.clock.set(Date.parse("2026-11-24T03:00:00Z")); // 22:00 in Lima
    const night = await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(1)));
    expect(night.body).toContain("<Gather");
    expect(await t.deps.db.select().from(outbox).all()).toEqual([]);
  });

  it("a provider that cannot be reached is retried by the outbox; a callback more than ten minutes late is given up", async () => {
    const t = await callbackApp();
    t.stub.set({ status: 503 });
    await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(1)));
    expect(await t.context.dispatchOutbox()).toMatchObject({ sent: 0, retried: 1 });
    let row = await t.deps.db.select().from(outbox).get();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toContain("twilio 503");
    t.stub.set({ status: 200 });
    t.clock.set(row!.nextAttemptAt);
    expect(await t.context.dispatchOutbox()).toMatchObject({ sent: 1 });

    t.stub.set({ status: 503 });
    await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(2)));
    await t.context.dispatchOutbox();
    t.clock.advance(11 * 60_000);
    expect(await t.context.dispatchOutbox()).toMatchObject({ failed: 1 });
    row = await t.deps.db.select().from(outbox).where(eq(outbox.ref, `voice-callback:twilio:${SID(2)}`)).get();
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toContain("callback window passed");
    expect(t.stub.deliveries.filter((d) => d.channel === "voice")).toHaveLength(3);
  });

  it("Africa's Talking: <Reject/> as the only element, then the voice call API with username, from, to and the apiKey header", async () => {
    const t = await callbackApp();
    const missed = await atCall(t.app).start();
    expect(missed.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Reject/></Response>');
    expect(await t.context.dispatchOutbox()).toMatchObject({ sent: 1 });
    const request = t.stub.deliveries[0].request!;
    expect(request.url).toBe("/call");
    expect(request.headers.apikey).toBe("at-api-key");
    expect(Object.fromEntries(request.form)).toEqual({ username: "midis", from: "+5114800102", to: "+51987654321" });
  });

  it("off by default: the call is answered", async () => {
    const t = await callbackApp({ VOICE_CALLBACK: "off" });
    expect((await postTwilioVoice(t.app, "/channels/voice/twilio", incoming(SID(1)))).body).toContain("<Gather");
  });
});
