import { describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, postGateway, postTwilio, smsFixture, texter, twilioForm } from "../../helpers/sms";
import { contacts, sessions, smsInbound } from "../../../src/db/schema";
import { twilioSignature } from "../../../src/channels/sms/verify";
import { countSegments, isGsm7 } from "../../../src/i18n/gsm7";

function smsApp(env: Record<string, string> = {}) {
  return makeTestApp({ env: { ...SMS_ENV, ...env } });
}

async function rows(t: ReturnType<typeof smsApp>) {
  const db = t.deps.db;
  return {
    contacts: (await db.select({ n: count() }).from(contacts).get())!.n,
    inbound: (await db.select({ n: count() }).from(smsInbound).get())!.n,
    sessions: (await db.select({ n: count() }).from(sessions).get())!.n,
  };
}

describe("POST /channels/sms/twilio", () => {
  it("answers Twilio's raw webhook with TwiML: a new number is asked its language", async () => {
    const t = smsApp();
    const res = await postTwilio(t.app, smsFixture("twilio-menu.form"));
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/xml");
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
    expect(res.message).toContain("Elija idioma / Simita akllay / Aru ajllim:");
    expect(res.message).toContain("1 Español");
  });

  it.each([
    ["no signature", null, undefined],
    ["a forged signature", "3KI2uRuYyAdhZIJXcpU0izDUzWI=", undefined],
    ["a signature over another URL", undefined, "https://attacker.example/channels/sms/twilio"],
  ])("refuses %s with 403 and stores nothing", async (_label, signature, url) => {
    const t = smsApp();
    const res = await postTwilio(t.app, smsFixture("twilio-pago.form"), { signature, url });
    expect(res.status).toBe(403);
    expect(await rows(t)).toEqual({ contacts: 0, inbound: 0, sessions: 0 });
    expect(t.logs.join("\n")).not.toContain("987654321");
  });

  it("verifies over the URL as Twilio called it, query string included", async () => {
    const t = smsApp();
    const body = twilioForm({ Body: "MENU" });
    const signature = await twilioSignature(SMS_ENV.TWILIO_AUTH_TOKEN, `${SMS_ENV.PUBLIC_BASE_URL}/channels/sms/twilio?region=apurimac`, new URLSearchParams(body));
    const ok = await t.app.request("/channels/sms/twilio?region=apurimac", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body,
    });
    expect(ok.status).toBe(200);
    const withoutQuery = await t.app.request("/channels/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body,
    });
    expect(withoutQuery.status).toBe(403);
  });

  it("names the missing field of a malformed (but signed) request", async () => {
    const t = smsApp();
    const res = await postTwilio(t.app, smsFixture("twilio-missing-from.form"));
    expect(res.status).toBe(400);
    expect(res.body).toContain("From");
  });

  it("processes a repeated delivery (same MessageSid) once, and answers it with an empty Response", async () => {
    const t = smsApp();
    const phone = texter(t.app);
    await phone.send("MENU"); // language choice
    const first = await postTwilio(t.app, twilioForm({ Body: "1", MessageSid: "SM00000000000000000000000000000001" }));
    expect(first.message).toContain("MIDIS Orienta. Elija:");
    const again = await postTwilio(t.app, twilioForm({ Body: "1", MessageSid: "SM00000000000000000000000000000001" }));
    expect(again.status).toBe(200);
    expect(again.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    // the "1" was applied once: the next "1" opens the program list, not something deeper
    expect(await phone.send("1")).toContain("Juntos");
  });

  it("answers a picture without text politely", async () => {
    const t = smsApp();
    const res = await postTwilio(t.app, smsFixture("twilio-media-only.form"));
    expect(res.message).toBe("Solo podemos leer texto. Envie MENU o AYUDA.");
  });

  it("is 503 when Twilio is not configured (it cannot check who calls)", async () => {
    const t = makeTestApp();
    const res = await postTwilio(t.app, smsFixture("twilio-menu.form"));
    expect(res.status).toBe(503);
    expect(await rows(t as never)).toMatchObject({ inbound: 0 });
  });
});

describe("POST /channels/sms (generic JSON gateway)", () => {
  it("answers a signed JSON message with the reply text", async () => {
    const t = smsApp();
    const res = await postGateway(t.app, smsFixture("gateway-menu.json"));
    expect(res.status).toBe(200);
    expect(res.json.duplicate).toBe(false);
    expect(String(res.json.reply)).toContain("Elija idioma");
  });

  it("normalizes a local number and reads accented keywords", async () => {
    const t = smsApp();
    const res = await postGateway(t.app, smsFixture("gateway-pago-local-number.json"));
    expect(String(res.json.reply)).toContain("Revise su DNI"); // PAGO understood; this DNI is not in an empty registry
    const contact = await t.deps.db.select().from(contacts).get();
    expect(contact?.urn).toBe("tel:+51987654321");
  });

  it("refuses a bad signature with 403 and stores nothing", async () => {
    const t = smsApp();
    const res = await postGateway(t.app, smsFixture("gateway-menu.json"), "sha256=" + "0".repeat(64));
    expect(res.status).toBe(403);
    expect(await rows(t)).toEqual({ contacts: 0, inbound: 0, sessions: 0 });
  });

  it("names the missing field", async () => {
    const t = smsApp();
    const res = await postGateway(t.app, smsFixture("gateway-missing-from.json"));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: "bad_request", field: "from" });
  });

  it("processes a repeated id once", async () => {
    const t = smsApp();
    await postGateway(t.app, smsFixture("gateway-menu.json"));
    const again = await postGateway(t.app, smsFixture("gateway-menu.json"));
    expect(again.json).toEqual({ reply: null, duplicate: true });
    expect((await rows(t)).inbound).toBe(1);
  });

  it("is 503 without SMS_GATEWAY_SECRET", async () => {
    const t = makeTestApp();
    expect((await postGateway(t.app, smsFixture("gateway-menu.json"))).status).toBe(503);
  });
});

describe("segment cap and MAS", () => {
  it("caps a long answer at SMS_MAX_SEGMENTS and MAS gives the rest", async () => {
    const t = smsApp({ SMS_MAX_SEGMENTS: "1" });
    const phone = texter(t.app);
    const first = (await phone.send("AYUDA"))!;
    expect(countSegments(first)).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(first.endsWith("\n(Envie MAS para seguir)")).toBe(true);
    const second = (await phone.send("más"))!;
    expect(isGsm7(second)).toBe(true);
    const whole = first.replace("\n(Envie MAS para seguir)", "") + " " + second.replace("\n(Envie MAS para seguir)", "");
    expect(whole).toContain("BAJA para no recibir mensajes. Linea 101 gratis.");
  });

  it("with the default cap of 2 the help fits in one answer", async () => {
    const t = smsApp();
    const text = (await texter(t.app).send("ayuda"))!;
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
    expect(text).not.toContain("MAS para seguir");
  });
});
