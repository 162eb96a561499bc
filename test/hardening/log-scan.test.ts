import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createApp, createContext, type AppDeps } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openNodeDatabase } from "../../src/db/node";
import { registryDemoLoader } from "../../src/db/demo-registry";
import { silentLogger } from "../../src/logging/logger";
import { createPinoLogger } from "../../src/logging/pino";
import { reclamoBody } from "../helpers/complaints";
import { dial } from "../helpers/ussd";
import { DEMO } from "../helpers/registry";
import { postGateway, SMS_ENV, texter } from "../helpers/sms";
import { postWebhook, textWebhook, whatsappEnv } from "../helpers/whatsapp";
import { WebChat } from "../helpers/web";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";
import { testClock } from "../helpers/app";

/**
 * A full run through every entry point, with the production logger (pino, debug level) writing
 * to memory; then every line is searched for the personal data that went in. The run includes
 * wrong input, broken bodies and failed sends, because error paths are where data leaks.
 */
async function fullRun() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).split("\n").filter(Boolean)), done()) });
  const database = openNodeDatabase(":memory:");
  // provider URLs point at a closed port: every send fails and is logged as a failure
  const { config } = loadConfig({ NODE_ENV: "test", ...TEST_ENV, ...SMS_ENV, ...whatsappEnv("http://127.0.0.1:9") });
  const clock = testClock();
  const deps: AppDeps = { db: database.db, config, logger: createPinoLogger("debug", sink), now: clock.now };
  await registryDemoLoader.load(deps.db, silentLogger);
  const ctx = createContext(deps);
  const app = createApp(deps, ctx);
  const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

  // USSD: a verified lookup, a wrong birth date, then a complaint with a DNI typed in
  const ussd = dial(app, "+51987654321");
  await ussd.start();
  for (const key of ["1", "3", "1", DEMO.pension65Available.dni, DEMO.pension65Available.date, "1", "1", "00"]) await ussd.press(key);
  const wrong = dial(app, "+51976543210");
  await wrong.start();
  for (const key of ["1", "3", "1", DEMO.juntosActive.dni, "01011999", "abc", "😀", "x".repeat(300)]) await wrong.press(key);
  await app.request("/channels/ussd", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "phoneNumber=%2B51965432109&text=45678901*08121955" });

  // SMS through Twilio and the JSON gateway: keyword lookups with DNI and date, a complaint text
  const sms = texter(app, "+51954321098");
  for (const text of [`PAGO ${DEMO.inEvaluation.dni} ${DEMO.inEvaluation.date}`, `PAGO ${DEMO.juntosSuspended.dni} 01011990`, "RECLAMO no me pagaron, mi DNI es 56789012 y mi celular 943218765", "BAJA", "ALTA"]) await sms.send(text);
  await postGateway(app, JSON.stringify({ id: "gw-1", from: "+51932109876", to: "+51902000101", text: `PAGO ${DEMO.notEnrolled.dni} ${DEMO.notEnrolled.date}` }));
  await postGateway(app, `{"id":"gw-2","from":"+51932109876","text":"PAGO 56789012`);

  // WhatsApp: a conversation with a DNI, a duplicate, a forged one, a broken body
  let t = clock.now();
  for (const [i, text] of ["hola", "1", "3", "1", DEMO.juntosActive.dni, DEMO.juntosActive.date].entries()) {
    await postWebhook(app, textWebhook({ id: `wamid.scan${i}`, from: "51921098765", text, timestamp: (t += 1000) }));
  }
  await postWebhook(app, textWebhook({ id: "wamid.scan5", from: "51921098765", text: DEMO.juntosActive.date, timestamp: t }));
  await postWebhook(app, textWebhook({ id: "wamid.forged", from: "51910987654", text: "12345678", timestamp: t }), "bad");
  await postWebhook(app, `{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"51910987654","text":{"body":"12345678"`);

  // web chat and the JSON APIs, good and bad
  const web = new WebChat(app);
  await web.send({ lang: "es" });
  for (const text of ["3", "1", DEMO.pension65Suspended.dni, DEMO.pension65Suspended.date]) await web.send({ text });
  await app.request("/api/v1/lookup", json({ dni: DEMO.pension65Available.dni, birthDate: "1950-04-21", lang: "qu" }));
  await app.request("/api/v1/lookup", json({ dni: DEMO.juntosActive.dni, birthDate: "1999-01-01" }));
  await app.request("/api/v1/lookup", json(`{"dni":"${DEMO.juntosActive.dni}","birthDate":`));
  await app.request("/api/v1/complaints", json(reclamoBody));
  await app.request("/api/v1/complaints", json({ ...reclamoBody, reporter: { ...reclamoBody.reporter, dni: "2345678X", phone: "98765432100" } }));
  await app.request("/api/v1/eligibility", json({ answers: { age: 70, dni: "34567890" } }));

  // staff: the help desk looks a person up, files on their behalf and sends the receipt by SMS
  const desk = await addStaff(deps, "helpdesk", "desk@orienta.test", "030201");
  await new StaffBrowser(app).login(desk.email, "wrong password 1234");
  const browser = new StaffBrowser(app);
  await browser.login(desk.email, desk.password);
  await browser.submit("/staff/helpdesk/person", "/staff/helpdesk/person", { dni: DEMO.pension65Available.dni, reason: "pagos", consent: "yes" });
  const filed = await browser.submit("/staff/helpdesk/complaint", "/staff/helpdesk/complaint", {
    kind: "reclamo", program: "pension65", category: "pago_no_recibido", description: "Vino con DNI 12345678, cel 987654321",
    dni: DEMO.pension65Available.dni, name: "María Quispe Huamán", phone: "987 654 321", lang: "es",
  });
  const receipt = filed.headers.get("location")!.split("?")[0];
  // a second receipt SMS (the filing sent the first) goes only after the explicit confirmation
  await browser.submit(receipt, `${receipt}/sms`, { phone: "912 345 678", confirm_resend: "yes" });

  // the outbox tries to send everything owed until it gives up (the providers are unreachable:
  // the final failure of each message is logged, with the provider's error)
  for (let attempt = 0; attempt < 9; attempt++) {
    await ctx.dispatchOutbox();
    clock.advance(2 * 3_600_000);
  }
  return lines;
}

// everything personal the run put in: DNIs, birth dates in both forms, phones in every form, names
const PERSONAL = [
  ...Object.values(DEMO).flatMap((p) => [p.dni, p.date, `${p.date.slice(4)}-${p.date.slice(2, 4)}-${p.date.slice(0, 2)}`]),
  "56789012", "2345678X", "01011999", "01011990", "1999-01-01",
  "987654321", "976543210", "965432109", "954321098", "943218765", "932109876", "921098765", "910987654", "912345678", "987 654 321", "912 345 678",
  "QUISPE", "Quispe", "MAMANI", "Mamani", "María", "MARÍA", "Juan Mamani",
];

describe("no personal data in the log of a full run", () => {
  it("scans every line written by the production logger across USSD, SMS, WhatsApp, web, the APIs, the help desk and the outbox", async () => {
    const lines = await fullRun();
    if (process.env.DUMP_LOG) console.log(lines.join("\n"));
    expect(lines.length).toBeGreaterThan(50);
    // the run did reach the places that handle personal data (or the scan would prove nothing)
    const all = lines.join("\n");
    expect(all).toMatch(/"path":"\/api\/v1\/lookup"/);
    expect(all).toMatch(/"path":"\/staff\/helpdesk\/person"/);
    expect(all).toMatch(/"path":"\/channels\/whatsapp"/);
    expect(all).toMatch(/"path":"\/channels\/sms\/twilio"/);
    expect(all).toMatch(/"msg":"outbound message failed"/);
    expect(all).toMatch(/"path":"\/staff\/helpdesk\/receipt\/MO-2026-\d{6}\/sms","status":303/);
    const leaks = lines.flatMap((line) => PERSONAL.filter((value) => line.includes(value)).map((value) => `${value} in ${line.slice(0, 300)}`));
    expect(leaks).toEqual([]);
    // and no Peruvian mobile number in any other shape (9 digits starting with 9, with or without +51)
    expect(lines.filter((line) => /(?<!\d)(?:\+?51)?9\d{8}(?!\d)/.test(line))).toEqual([]);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  }, 60_000);
});
