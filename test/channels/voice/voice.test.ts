import { describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { makeTestApp } from "../../helpers/app";
import { registryDemoLoader } from "../../../src/db/demo-registry";
import { silentLogger } from "../../../src/logging/logger";
import { atCall, postTwilioVoice, sayBank, twilioCall, voiceFixture, VOICE_ENV } from "../../helpers/voice";
import { complaints, contacts, sessions } from "../../../src/db/schema";

async function voiceApp(env: Record<string, string> = {}) {
  const t = makeTestApp({ env: { ...VOICE_ENV, ...env }, voiceBank: sayBank() });
  await registryDemoLoader.load(t.deps.db, silentLogger);
  return t;
}

async function stored(t: Awaited<ReturnType<typeof voiceApp>>) {
  const db = t.deps.db;
  return { contacts: (await db.select({ n: count() }).from(contacts).get())!.n, sessions: (await db.select({ n: count() }).from(sessions).get())!.n };
}

const MAIN_ES = ["MIDIS Orienta. Elija:", "Para", "Programas sociales", "marque 1."];
const LINE_101 = "Si necesita ayuda, llame gratis a la Línea 101. Gracias por llamar, hasta luego.";
const LINE_OFFER = {
  es: "Para terminar la llamada y luego llamar gratis a la Línea 101, donde le atiende una persona, marque 3.",
  qu: "Kay waqyayta tukunaykipaq, chaymanta Línea 101man mana qullqillapaq waqyanaykipaq, chaypi huk runa yanapasunki, 3 yupayta ñit'iy.",
};

describe("Twilio Voice: a whole call, on Twilio's documented requests", () => {
  it("Spanish: the language first (Spanish and Quechua, no Aymara yet), the menu spoken, payments after DNI read back and birth date, on <Say language=es-MX>", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    const first = await call.start();
    expect(first.status).toBe(200);
    expect(first.said).toEqual(["Para español, marque 1.", "Runasimipaq, 2 yupayta ñit'iy."]);
    expect(first.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather input="dtmf" numDigits="1" timeout="6" finishOnKey="#" action="https:\/\/orienta\.example\.pe\/channels\/voice\/twilio\?[^"]+" method="POST"><Say language="es-MX" voice="Polly.Mia">/);
    expect(first.body).toMatch(/<\/Gather><Redirect method="POST">[^<]+s=1<\/Redirect><\/Response>$/);

    const menu = await call.press("1");
    expect(menu.said.slice(0, 4)).toEqual(MAIN_ES);
    expect(menu.said.join(" ")).toContain("Para Reclamos y denuncias marque 4.");
    expect(menu.said.join(" ")).not.toMatch(/98|00/);

    await call.press("3");
    const dni = await call.press("1");
    expect(dni.body).toContain('numDigits="8" timeout="10" finishOnKey="#"');
    expect(dni.said).toContain("Para volver atrás, marque 0.");
    expect(dni.said).toContain("Para el menú principal, marque 9.");
    const readBack = await call.press("12345678");
    expect(readBack.said).toEqual(["Usted marcó 1 2 3 4 5 6 7 8. Si es correcto, marque 1. Para marcar de nuevo, marque 2."]);
    // the DNI waiting for "1" is sealed in the action URL: it never appears in what the provider logs
    expect(readBack.action).not.toContain("12345678");
    // the # the prompt asked for, pressed after the 8th digit had already sent the DNI, arrives
    // alone on the read-back: the read-back is said again, not "Opción no válida"
    const stray = await call.press("#");
    expect(stray.said).toEqual(readBack.said);
    const birth = await call.press("1");
    expect(birth.said[0]).toContain("fecha de nacimiento");
    const echo = await call.press("21041950");
    expect(echo.said[0]).toBe("Usted escribió: 21 de abril de 1950. ¿Es correcto?");
    // and after the date (8 digits sent it) the same stray # on the engine's own confirmation
    const strayAfterDate = await call.press("#");
    expect(strayAfterDate.said[0]).toBe("Usted escribió: 21 de abril de 1950. ¿Es correcto?");
    expect(strayAfterDate.said.join(" ")).not.toMatch(/no válida|No recibimos/);
    const hello = await call.press("1");
    expect(hello.said[0]).toMatch(/^Hola, M\*\*\* Q\*\*\*/);
    const payments = await call.press("1");
    expect(payments.said.join(" ")).toMatch(/Pensión 65/);
    expect(payments.said.join(" ")).toMatch(/S\/ ?\d/);
    const home = await call.press("9");
    expect(home.said.slice(0, 4)).toEqual(MAIN_ES);
  });

  it("Spanish: a complaint chosen by digits (kind, program, category, district), told after the tone, filed with its code; the call then hangs up", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    for (const key of ["1", "4", "1", "1", "1", "1", "1"]) await call.press(key);
    const more = await call.press("*"); // departments after Callao
    expect(more.said.slice(0, 3)).toEqual(["Departamento:", "Para", "Cusco"]);
    await call.press("1");
    await call.press("1");
    const record = await call.press("1");
    expect(record.said[0]).toBe("Después del tono, cuente qué pasó. Tiene hasta 60 segundos. Al terminar, marque la tecla numeral.");
    expect(record.body).toMatch(/<Record maxLength="60" finishOnKey="#" playBeep="true" action="[^"]+" method="POST"\/>/);
    const afterRecording = await call.record("https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef");
    expect(afterRecording.said[0]).toBe("Grabamos su mensaje.");
    await call.press("12345678");
    await call.press("1");
    await call.press("1");
    const filed = await call.press("1");
    expect(filed.said[0]).toMatch(/^Caso registrado: MO-2026-\d{6}\./);
    expect(filed.body).toMatch(/<Hangup\/><\/Response>$/);
    const row = await t.deps.db.select().from(complaints).get();
    expect(row).toMatchObject({ kind: "reclamo", program: "juntos", description: "Reclamo contado por teléfono (grabación de voz adjunta)." });
  });

  it("Quechua: the menu and a program's pages spoken one after another, in Quechua", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    const menu = await call.press("2");
    expect(menu.said[1]).toBe("Munaspaqa");
    expect(menu.said.join(" ")).toContain("1 yupayta ñit'iy.");
    await call.press("1");
    const program = await call.press("2");
    // every page of the program's information in one answer: no "98" on a call
    expect(program.said.length).toBeGreaterThan(3);
    expect(program.said.join(" ")).not.toMatch(/\b98\b|estrella/);
    expect(program.said.join(" ")).toContain("Qallariy menuman rinaykipaq, 9 yupayta ñit'iy.");
    expect(program.body).toContain('numDigits="1"');
  });

  it("Aymara is not offered while the bank cannot speak it: a caller who presses 3 hears, in Spanish and Quechua, that it is coming, and may choose Spanish, Quechua or Línea 101", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    const coming = await call.press("3");
    expect(coming.said.slice(0, 2)).toEqual(["La atención en aymara por teléfono llegará pronto.", "Aymara simipi telefonowan yanapayqa qayllamanmi hamuchkan."]);
    expect(coming.said).toContain("Para español, marque 1.");
    expect(coming.said).toContain("Runasimipaq, 2 yupayta ñit'iy.");
    // 3 ends the call (nobody is put through: Línea 101 is a short code a provider's number cannot
    // dial), so the offer must not promise "to talk with a person, press 3": it says the caller
    // dials 101 themselves after the call, in each language spoken
    expect(coming.said).toContain(LINE_OFFER.es);
    expect(coming.said).toContain(LINE_OFFER.qu);
    expect(coming.said.join(" ")).not.toMatch(/para hablar con una persona[^.]*marque 3/i);
    const spanish = await call.press("1");
    expect(spanish.said.slice(0, 4)).toEqual(MAIN_ES);

    const other = twilioCall(t.app, { CallSid: "CA00000000000000000000000000000009", From: "+51987000009" });
    await other.start();
    await other.press("3");
    const line = await other.press("3");
    expect(line.said[0]).toBe(LINE_101);
    expect(line.body).toMatch(/<Hangup\/><\/Response>$/);
  });

  it("the same action sent again by the provider (a retry after a timeout) does not apply its key twice", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    const menu = await call.press("1");
    const action = menu.action!;
    const programs = await call.press("1");
    expect(programs.said.join(" ")).toMatch(/Programas/);
    // Twilio posts the menu's action again with the same key: the programs list again, not the
    // first program's pages (which a second "1" on the list would open)
    const again = await postTwilioVoice(t.app, action, new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(voiceFixture("twilio-incoming.form"))), CallStatus: "in-progress", Digits: "1", FinishedOnKey: "" }));
    expect(again.said).toEqual(programs.said);
    // and the caller goes on from the list as if nothing happened
    const juntos = await postTwilioVoice(t.app, again.action!, new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(voiceFixture("twilio-incoming.form"))), CallStatus: "in-progress", Digits: "1", FinishedOnKey: "" }));
    expect(juntos.said.join(" ")).toMatch(/Juntos/);
  });

  it("a silence repeats the prompt once with a hint; a second offers Línea 101 and hangs up", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    await call.press("1");
    const again = await call.silence();
    expect(again.said.slice(0, 2)).toEqual(["No escuchamos ninguna tecla.", "MIDIS Orienta. Elija:"]);
    const bye = await call.silence();
    expect(bye.said).toEqual(["No escuchamos ninguna tecla.", LINE_101]);
    expect(bye.body).toMatch(/<Hangup\/><\/Response>$/);
  });

  it("a wrong key repeats once with the hint; a second offers Línea 101 and hangs up; a right key in between starts the count again", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    await call.press("1");
    expect((await call.press("7")).said[0]).toBe("Opción no válida. Marque un número de la lista.");
    expect((await call.press("3")).said[0]).toBe("Mis pagos y estado. ¿Tiene DNI?");
    expect((await call.press("5")).said[0]).toBe("Opción no válida. Marque un número de la lista.");
    const bye = await call.press("8");
    expect(bye.said).toEqual(["Opción no válida. Marque un número de la lista.", LINE_101]);
    expect(bye.hangup).toBe(true);
  });

  it("a 50-key Digits value and keys no keypad has are wrong keys, not errors", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    await call.press("1");
    const long = await call.press("1".repeat(50));
    expect(long.status).toBe(200);
    expect(long.said[0]).toBe("Opción no válida. Marque un número de la lista.");
    const odd = await postTwilioVoice(t.app, long.action!, new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(voiceFixture("twilio-gather.form"))), Digits: "<x>" }));
    expect(odd.status).toBe(200);
    expect(odd.said.at(-1)).toBe(LINE_101);
  });

  it("digits for a call we do not know start a fresh conversation (said so)", async () => {
    const t = await voiceApp();
    const form = new URLSearchParams(voiceFixture("twilio-gather.form"));
    const answer = await postTwilioVoice(t.app, "/channels/voice/twilio?e=choice&m=0&l=es", form);
    expect(answer.status).toBe(200);
    expect(answer.said).toEqual(["Su sesión anterior se cerró. Empecemos de nuevo.", "Para español, marque 1.", "Runasimipaq, 2 yupayta ñit'iy."]);
  });

  it("a read-back whose sealed digits were tampered with asks again instead of using them", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    for (const key of ["1", "3", "1"]) await call.press(key);
    const readBack = await call.press("12345678");
    const forged = readBack.action!.replace(/p=[^&]+/, "p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const form = new URLSearchParams(voiceFixture("twilio-gather.form"));
    form.set("Digits", "1");
    const answer = await postTwilioVoice(t.app, forged, form);
    expect(answer.said[0]).toBe("Escriba su número de DNI (8 números):");
  });

  it("a dropped call is offered to resume on redial, but a verified identity is never resumed", async () => {
    const t = await voiceApp();
    const call = twilioCall(t.app);
    await call.start();
    for (const key of ["1", "3", "1", "12345678", "1", "21041950", "1", "1"]) await call.press(key);
    expect(call.last.said.join(" ")).toMatch(/Pensión 65/);
    // the call drops; the same number calls again
    t.clock.advance(60_000);
    const redial = twilioCall(t.app, { CallSid: "CA00000000000000000000000000000042" });
    const offer = await redial.start();
    expect(offer.said.slice(0, 4)).toEqual(["¿Continuar donde se quedó?", "Para", "Sí, continuar", "marque 1."]);
    const resumed = await redial.press("1");
    expect(resumed.said[0]).toContain("fecha de nacimiento");
    expect(resumed.said.join(" ")).not.toMatch(/Pensión 65|M\*\*\*/);
  });
});

describe("Twilio Voice: signatures and status callbacks", () => {
  it.each([
    ["no signature", null, undefined],
    ["a forged signature", "3KI2uRuYyAdhZIJXcpU0izDUzWI=", undefined],
    ["another account's token", undefined, "another-token"],
  ])("refuses %s with 403 and stores nothing", async (_label, signature, token) => {
    const t = await voiceApp();
    const res = await postTwilioVoice(t.app, "/channels/voice/twilio", new URLSearchParams(voiceFixture("twilio-incoming.form")), { signature, token });
    expect(res.status).toBe(403);
    expect(await stored(t)).toEqual({ contacts: 0, sessions: 0 });
    expect(t.logs.join("\n")).not.toContain("987654321");
  });

  it("a signature over the URL without the call's state is refused (the query is signed)", async () => {
    const t = await voiceApp();
    const form = new URLSearchParams(voiceFixture("twilio-gather.form"));
    const twilio = (await import("twilio")).default;
    const signature = twilio.getExpectedTwilioSignature(VOICE_ENV.TWILIO_AUTH_TOKEN, `${VOICE_ENV.PUBLIC_BASE_URL}/channels/voice/twilio`, Object.fromEntries(form));
    const res = await postTwilioVoice(t.app, "/channels/voice/twilio?e=confirm&m=0&p=x", form, { signature });
    expect(res.status).toBe(403);
  });

  it("status callbacks are signed, acknowledged with empty TwiML, and a completed call is logged without the number", async () => {
    const t = await voiceApp();
    const form = new URLSearchParams(voiceFixture("twilio-status-completed.form"));
    const ok = await postTwilioVoice(t.app, "/channels/voice/twilio/status", form);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(t.logs.join("\n")).toContain('"seconds":74');
    expect(t.logs.join("\n")).not.toContain("987654321");
    expect((await postTwilioVoice(t.app, "/channels/voice/twilio/status", form, { signature: null })).status).toBe(403);
  });

  // Twilio's own documentation signs `CallSid=CA1234567890ABCDE` (15 characters after CA): a
  // correctly signed request with a CallSid of another length than Twilio's 32 hex digits is a call
  // like any other, not a 400 (the signature, not the shape of the id, says who calls)
  it.each(["CA1234567890ABCDE", "CAabc", "CA0123456789abcdef0123456789abcdef"])("a signed call with CallSid %s is answered (TwiML), not refused", async (sid) => {
    const t = await voiceApp();
    const form = new URLSearchParams(voiceFixture("twilio-incoming.form"));
    form.set("CallSid", sid);
    const res = await postTwilioVoice(t.app, "/channels/voice/twilio", form);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Gather");
  });

  it.each([["", "CallSid"], ["SM0123456789abcdef0123456789abcdef", "CallSid"], ["CA" + "1".repeat(65), "CallSid"], ["CA12-34", "CallSid"]])("a signed request with CallSid %j is 400 naming %s", async (sid, field) => {
    const t = await voiceApp();
    const form = new URLSearchParams(voiceFixture("twilio-incoming.form"));
    if (sid === "") form.delete("CallSid");
    else form.set("CallSid", sid);
    const res = await postTwilioVoice(t.app, "/channels/voice/twilio", form);
    expect(res.status).toBe(400);
    expect(res.body).toContain(field);
    expect(await stored(t)).toEqual({ contacts: 0, sessions: 0 });
  });

  it("answers 503 when Twilio is not configured (it cannot check who calls)", async () => {
    const t = makeTestApp({ voiceBank: sayBank() });
    const res = await postTwilioVoice(t.app, "/channels/voice/twilio", new URLSearchParams(voiceFixture("twilio-incoming.form")));
    expect(res.status).toBe(503);
  });
});

describe("Africa's Talking Voice", () => {
  const KEY = "at-voice-callback-key-0123";

  it("walks a call on the documented callbacks: <GetDigits> with absolute callback URLs carrying the key, the final isActive=0 acknowledged", async () => {
    const t = await voiceApp({ VOICE_AT_CALLBACK_KEY: KEY });
    const call = atCall(t.app, { key: KEY });
    const first = await call.start();
    expect(first.status).toBe(200);
    expect(first.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><GetDigits timeout="6" finishOnKey="#" numDigits="1" callbackUrl="https:\/\/orienta\.example\.pe\/channels\/voice\/africastalking\?[^"]*key=at-voice-callback-key-0123[^"]*">/);
    expect(first.body).toContain('<Say voice="woman" playBeep="false">Para español, marque 1.</Say>');
    const menu = await call.press("1");
    expect(menu.said.slice(0, 4)).toEqual(MAIN_ES);
    const dni = await call.press("3");
    expect(dni.said[0]).toBe("Mis pagos y estado. ¿Tiene DNI?");
    const end = await call.hangUp();
    expect(end.status).toBe(200);
    expect(end.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it("the raw fixtures parse: a key pressed for an unknown session starts fresh", async () => {
    const t = await voiceApp({ VOICE_AT_CALLBACK_KEY: KEY });
    const res = await t.app.request(`/channels/voice/africastalking?key=${KEY}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: voiceFixture("at-dtmf.form") });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Su sesión anterior se cerró. Empecemos de nuevo.");
  });

  it.each([
    ["no key", ""],
    ["a wrong key", "?key=not-the-key-at-all-000"],
  ])("refuses %s with 403 and stores nothing", async (_label, query) => {
    const t = await voiceApp({ VOICE_AT_CALLBACK_KEY: KEY });
    const res = await t.app.request(`/channels/voice/africastalking${query}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: voiceFixture("at-incoming.form") });
    expect(res.status).toBe(403);
    expect(await stored(t)).toEqual({ contacts: 0, sessions: 0 });
  });

  it("falls back to the USSD callback's sources: a request from elsewhere is refused", async () => {
    const t = await voiceApp({ USSD_ALLOWED_SOURCES: "203.0.113.0/24" });
    const res = await t.app.request("/channels/voice/africastalking", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: voiceFixture("at-incoming.form") });
    expect(res.status).toBe(403);
    expect(await stored(t)).toEqual({ contacts: 0, sessions: 0 });
  });

  it("a request without sessionId is 400 naming the field", async () => {
    const t = await voiceApp();
    const body = new URLSearchParams(voiceFixture("at-incoming.form"));
    body.delete("sessionId");
    const res = await t.app.request("/channels/voice/africastalking", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("sessionId");
  });

  it("silence twice ends the call with Línea 101 (no Hangup verb: the call ends after the last action)", async () => {
    const t = await voiceApp();
    const call = atCall(t.app);
    await call.start();
    await call.silence();
    const bye = await call.silence();
    expect(bye.said.at(-1)).toBe(LINE_101);
    expect(bye.body).not.toContain("<GetDigits");
  });
});

describe("with the service's own prompt bank (no recordings, no drafts yet)", () => {
  it("Spanish is spoken by Twilio's text-to-speech; Quechua without audio is not offered and a caller who presses 2 is told in Spanish, with Spanish or Línea 101", async () => {
    const t = makeTestApp({ env: VOICE_ENV });
    const call = twilioCall(t.app);
    const first = await call.start();
    // the bank speaks numbers in words
    expect(first.said).toEqual(["Para español, marque uno."]);
    expect(first.body).toContain('<Say language="es-MX" voice="Polly.Mia">Para español, marque uno.</Say>');
    const quechua = await call.press("2");
    expect(quechua.said[0]).toBe("La atención en quechua por teléfono llegará pronto.");
    expect(quechua.said).toContain("Para español, marque uno.");
    expect(quechua.said.join(" ")).not.toMatch(/ñit'iy/);
    const menu = await call.press("1");
    expect(menu.said[0]).toBe("MIDIS Orienta. Elija:");
  });
});
