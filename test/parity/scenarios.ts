import { foldToGsm7 } from "../../src/i18n/gsm7";
import { expect } from "vitest";
import { reclamoBody } from "../helpers/complaints";
import { USSD_SCREEN_LIMIT } from "../../src/channels/ussd/render";
import { twilioSignature } from "../../src/channels/sms/verify";
import { SMS_ENV, TWILIO_URL, twilioForm, twimlMessage } from "../helpers/sms";
import type { Client } from "./client";
import { Transcript } from "./client";

/** Settings both builds get (Node: makeTestApp env; Worker: bindings) so every channel is on. */
export const PARITY_ENV: Record<string, string> = { ...SMS_ENV };

/**
 * Conversations and API calls run unchanged against the Node build and the Worker build; the
 * parity suite compares their transcripts exchange by exchange. Each scenario also asserts what
 * a person would notice, so a scenario that is wrong on both builds still fails.
 */
export interface Scenario {
  name: string;
  run(client: Client): Promise<Transcript>;
}

type Step = { press: string; expect: RegExp[] };

function ussdSession(name: string, phone: string, steps: Step[]): Scenario {
  return {
    name,
    async run(client) {
      const t = new Transcript(client);
      const session = t.ussd(phone, `ATUid_parity_${name.replace(/\W+/g, "_")}`);
      const first = await session.start();
      expect(first.body).toContain("1 Español");
      for (const step of steps) {
        const res = await session.press(step.press);
        expect(res.status).toBe(200);
        // USSD screens are GSM-7 by default (USSD_CHARSET=gsm7): the expectations are folded alike
        for (const pattern of step.expect) expect(res.body, `after ${step.press}`).toMatch(new RegExp(foldToGsm7(pattern.source), pattern.flags));
        expect(res.body.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
      }
      return t;
    },
  };
}

export const ussdScenarios: Scenario[] = [
  ussdSession("USSD in Spanish", "987000001", [
    { press: "1", expect: [/^CON MIDIS Orienta\. Elija:/, /1 Programas sociales/] },
    { press: "1", expect: [/Programas\. Elija uno:/, /2 Pensión 65/] },
    { press: "2", expect: [/^CON Pensión 65 \(1\/3\)/, /S\/ 350 cada 2 meses/, /98 Más/] },
    { press: "98", expect: [/Pensión 65 \(2\/3\)/, /65 años o más/] },
    { press: "0", expect: [/Pensión 65 \(1\/3\)/] },
    { press: "00", expect: [/MIDIS Orienta\. Elija:/] },
    { press: "abc", expect: [/Opción no válida/] },
    { press: "9", expect: [/Elija su idioma:/] },
    { press: "2", expect: [/MIDIS Orienta\. Akllay:/] },
  ]),
  ussdSession("USSD in Quechua", "987000002", [
    { press: "2", expect: [/^CON MIDIS Orienta\. Akllay:/, /1 Programakuna/] },
    { press: "1", expect: [/Programakuna\. Hukta akllay:/] },
    { press: "1", expect: [/^CON Juntos \(1\/3\)/, /Sapa iskay killa S\/ 200/] },
    { press: "98", expect: [/Juntos \(2\/3\)/] },
    { press: "00", expect: [/MIDIS Orienta\. Akllay:/] },
  ]),
  ussdSession("USSD in Aymara", "987000003", [
    { press: "3", expect: [/^CON MIDIS Orienta\. Ajllim:/, /1 Programanaka/] },
    { press: "1", expect: [/Programanaka\. Maya ajllim:/] },
    { press: "4", expect: [/^CON Cuna Más \(1\/3\)/, /98 Juk'ampi/] },
    { press: "00", expect: [/MIDIS Orienta\. Ajllim:/] },
    { press: "6", expect: [/Línea 101/] },
  ]),
  ussdSession("USSD eligibility self-check in Spanish, district by name", "987000006", [
    { press: "1", expect: [/MIDIS Orienta\. Elija:/] },
    { press: "2", expect: [/¿Puedo recibirlo\?/] },
    { press: "1", expect: [/¿Cuántos años tiene usted\?/] },
    { press: "70", expect: [/gestante/] },
    { press: "2", expect: [/menores de 19 años/] },
    { press: "1", expect: [/¿Tiene usted DNI\?/] },
    { press: "1", expect: [/SISFOH/] },
    { press: "1", expect: [/ONP o AFP/] },
    { press: "2", expect: [/EsSalud/] },
    { press: "2", expect: [/¿En qué distrito vive\?/] },
    { press: "2", expect: [/primeras letras/] },
    { press: "balsas", expect: [/^CON Resultado:/, /1 Pensión 65: probablemente sí/] },
    { press: "1", expect: [/Pensión 65: probablemente sí \(1\/\d+\)/] },
  ]),
  {
    name: "USSD: the language is remembered for the number across sessions",
    async run(client) {
      const t = new Transcript(client);
      const a = t.ussd("+51 987 000 004", "ATUid_parity_remember_a");
      await a.start();
      await a.press("3");
      const b = t.ussd("987000004", "ATUid_parity_remember_b");
      expect((await b.start()).body).toMatch(/^CON MIDIS Orienta\. Ajllim:/);
      return t;
    },
  },
  {
    name: "USSD: a malformed gateway request is a 400 naming the field",
    async run(client) {
      const t = new Transcript(client);
      const res = await t.send("ussd without sessionId", "/channels/ussd", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "serviceCode=*123%23&phoneNumber=987000005&text=",
      });
      expect(res.status).toBe(400);
      expect(res.body).toContain("sessionId");
      return t;
    },
  },
];

export const apiScenarios: Scenario[] = [
  {
    name: "healthz answers ok with the database reachable",
    async run(client) {
      const t = new Transcript(client);
      const res = await t.send("GET /healthz", "/healthz");
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ status: "ok" });
      return t;
    },
  },
  {
    name: "eligibility API: programs catalog, a check (counts written on the database), a 400 naming the field",
    async run(client) {
      const t = new Transcript(client);
      const programs = await t.send("GET /api/v1/programs?lang=ay", "/api/v1/programs?lang=ay");
      expect(programs.status).toBe(200);
      expect(JSON.parse(programs.body).programs).toHaveLength(6);
      const json = { method: "POST", headers: { "content-type": "application/json" } };
      const check = await t.send("POST /api/v1/eligibility", "/api/v1/eligibility", {
        ...json,
        body: JSON.stringify({ lang: "qu", answers: { age: 70, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, ubigeo: "010103" } }),
      });
      expect(check.status).toBe(200);
      expect(JSON.parse(check.body).results.find((r: { program: string }) => r.program === "pension65").outcome).toBe("likely");
      const bad = await t.send("POST /api/v1/eligibility (contradiction)", "/api/v1/eligibility", {
        ...json,
        body: JSON.stringify({ answers: { household: { childrenUnder3: 2, childrenUnder19: 1 } } }),
      });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body)).toMatchObject({ field: "answers.household.childrenUnder3" });
      return t;
    },
  },
  {
    name: "an unknown path is a JSON 404",
    async run(client) {
      const t = new Transcript(client);
      const res = await t.send("GET /nope", "/nope");
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ error: "not_found" });
      return t;
    },
  },
];

export const eligibilityScenarios: Scenario[] = [
  ussdSession("USSD eligibility self-check in Quechua", "987000021", [
    { press: "2", expect: [/MIDIS Orienta\. Akllay:/] },
    { press: "2", expect: [/¿Chaskiymanchu\?/] },
    { press: "1", expect: [/¿Hayk'a watayuqmi kanki\?/] },
    { press: "30", expect: [/Sinchi discapacidad/] },
    { press: "2", expect: [/wiksayuq warmi/] },
    { press: "2", expect: [/19 wata/] },
    { press: "1", expect: [/SISFOH/] },
    { press: "3", expect: [/^CON Tukukuynin:/] },
  ]),
  {
    name: "POST /api/v1/eligibility in three languages, and a 400 naming the field",
    async run(client) {
      const t = new Transcript(client);
      const answers = {
        age: 70,
        hasDni: true,
        cse: "pobre_extremo",
        contributoryPension: false,
        essalud: false,
        severeDisability: false,
        household: { pregnant: false, childrenUnder3: 0, childrenUnder19: 0, childrenInPublicSchool: 0 },
        ubigeo: "010103",
      };
      for (const lang of ["es", "qu", "ay"]) {
        const res = await t.json(`eligibility ${lang}`, "POST", "/api/v1/eligibility", { lang, answers });
        expect(res.status).toBe(200);
        const p65 = (JSON.parse(res.body) as { results: { program: string; outcome: string }[] }).results.find((r) => r.program === "pension65");
        expect(p65?.outcome).toBe("likely");
      }
      expect((await t.json("eligibility empty", "POST", "/api/v1/eligibility", {})).status).toBe(200);
      const bad = await t.json("eligibility bad age", "POST", "/api/v1/eligibility", { answers: { age: "setenta" } });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain("answers.age");
      const programs = await t.send("programs qu", "/api/v1/programs?lang=qu");
      expect(programs.status).toBe(200);
      return t;
    },
  },
];

const maskSessionIds = (body: string) => body.replace(/"sessionId":"[A-Za-z0-9_-]{43}"/g, '"sessionId":"<random>"');

export const channelScenarios: Scenario[] = [
  {
    name: "web chat: language, menu, programs (POST /api/v1/chat)",
    async run(client) {
      const t = new Transcript(client, maskSessionIds);
      let sessionId: string | undefined;
      const send = async (label: string, fields: Record<string, string>) => {
        const res = await t.json(label, "POST", "/api/v1/chat", { sessionId, ...fields });
        expect(res.status).toBe(200);
        const body = JSON.parse(res.body) as { sessionId: string; reply: { text: string; options: { id: string; label: string }[] } };
        sessionId = body.sessionId;
        return body.reply;
      };
      expect((await send("chat start", {})).options).toHaveLength(3);
      expect((await send("chat Runasimi", { choice: "2" })).text).toContain("MIDIS Orienta");
      await send("chat programs", { choice: "1" });
      const bad = await t.json("chat bad", "POST", "/api/v1/chat", { sessionId: "not-a-session", text: "1" });
      expect(bad.status).toBe(400);
      return t;
    },
  },
  {
    name: "SMS through Twilio: signed webhook answered with TwiML, forged one refused",
    async run(client) {
      const t = new Transcript(client);
      const post = async (label: string, text: string, sign = true) => {
        const body = twilioForm({ Body: text, From: "+51987000030", MessageSid: `SM${label.replace(/\W/g, "").padEnd(32, "0").slice(0, 32)}` });
        const signature = sign ? await twilioSignature(SMS_ENV.TWILIO_AUTH_TOKEN, TWILIO_URL, new URLSearchParams(body)) : "forged";
        return t.send(label, "/channels/sms/twilio", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
          body,
        });
      };
      const first = await post("sms hola", "hola");
      expect(first.status).toBe(200);
      expect(twimlMessage(first.body)).toContain("1 Español");
      expect(twimlMessage((await post("sms 3", "3")).body)).toContain("Ajllim");
      expect(twimlMessage((await post("sms 1", "1")).body)).toBeTruthy();
      expect((await post("sms forged", "1", false)).status).toBe(403);
      return t;
    },
  },
];

const maskTimestamps = (body: string) => body.replace(/"(\w*At)":"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/g, '"$1":"<time>"');

export const complaintScenarios: Scenario[] = [
  {
    name: "USSD complaint in Quechua: file a reclamo, then read its status by code from another session",
    async run(client) {
      const t = new Transcript(client);
      const phone = t.ussd("987000040", "ATUid_parity_complaint_1");
      await phone.start();
      // runasimi, 4 complaints, 1 new, 1 reclamo, 2 Pensión 65, 1 payment not received, district by list
      // (1 list, 3 Apurímac, 1 Abancay, 1 Abancay), description, DNI, 1 answer by SMS, 1 send
      let last = { body: "" };
      for (const p of ["2", "4", "1", "1", "2", "1", "1", "3", "1", "1", "Noviembre pagoy mana chayamunchu", "12345678", "1", "1"]) {
        last = await phone.press(p);
        expect(last.body.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
      }
      const filed = /^END Casoyki qillqasqa: MO-(\d{4})-(\d{6})\./.exec(last.body);
      expect(filed, last.body).not.toBeNull();
      const again = t.ussd("987000040", "ATUid_parity_complaint_2");
      expect((await again.start()).body).toMatch(/MIDIS Orienta\. Akllay:/);
      await again.press("4");
      await again.press("2");
      const shown = await again.press(`${filed![1]}${Number(filed![2])}`);
      expect(shown.body).toContain(`MO-${filed![1]}-${filed![2]}`);
      return t;
    },
  },
  {
    name: "complaints API: file a reclamo (idempotent), read its status by code, 404 and 400 naming the field",
    async run(client) {
      // this is the only scenario that files complaints, so codes start at 000001 on both builds
      const t = new Transcript(client, maskTimestamps);
      const reclamo = reclamoBody;
      const key = { "Idempotency-Key": "5f0c7a3e-1b2d-4c8e-9f00-aa11bb22cc33" };
      const filed = await t.json("file reclamo", "POST", "/api/v1/complaints", reclamo, key);
      expect(filed.status).toBe(201);
      const { code } = JSON.parse(filed.body) as { code: string };
      expect(code).toMatch(/^MO-\d{4}-\d{6}$/);
      expect((await t.json("file reclamo again (same key)", "POST", "/api/v1/complaints", reclamo, key)).body).toBe(filed.body);
      const denuncia = { kind: "denuncia", program: "juntos", category: "cobro_indebido", description: "Cobran 50 soles para inscribir", ubigeo: "220501", anonymous: true, contact: { channel: "none" } };
      expect((await t.json("file anonymous denuncia", "POST", "/api/v1/complaints", denuncia)).status).toBe(201);
      const status = await t.send("status by code", `/api/v1/complaints/${code}`);
      expect(status.status).toBe(200);
      expect(JSON.parse(status.body)).toMatchObject({ code, status: "registrado" });
      for (const personal of ["12345678", "987654321", "Juan"]) expect(status.body).not.toContain(personal);
      expect((await t.send("unknown code", "/api/v1/complaints/MO-2026-999999")).status).toBe(404);
      const bad = await t.json("reclamo without DNI", "POST", "/api/v1/complaints", { ...reclamo, reporter: { ...reclamo.reporter, dni: null } });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain("reporter.dni");
      expect((await t.send("categories qu", "/api/v1/complaints/categories?lang=qu")).status).toBe(200);
      return t;
    },
  },
];

/** The demo registry people (db/demo/*.csv), loaded into both builds by the parity suite. */
const LOOKUP_IP = { "cf-connecting-ip": "203.0.113.9" };

export const lookupScenarios: Scenario[] = [
  {
    name: "POST /api/v1/lookup: verified record, same 401 for wrong date and unknown DNI, 400 naming the field, lockout",
    async run(client) {
      const t = new Transcript(client);
      const ok = await t.json("lookup es", "POST", "/api/v1/lookup", { dni: "12345678", birthDate: "1950-04-21", lang: "es" }, LOOKUP_IP);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ person: { name: "M*** Q***" }, enrolments: [{ program: "pension65", status: "activo" }] });
      const wrongDate = await t.json("lookup wrong date", "POST", "/api/v1/lookup", { dni: "45678901", birthDate: "1955-12-09", lang: "qu" }, LOOKUP_IP);
      const unknown = await t.json("lookup unknown dni", "POST", "/api/v1/lookup", { dni: "87654321", birthDate: "1955-12-08", lang: "qu" }, LOOKUP_IP);
      expect(wrongDate.status).toBe(401);
      expect(unknown.body).toBe(wrongDate.body);
      expect((await t.json("lookup no dni", "POST", "/api/v1/lookup", { birthDate: "1950-04-21" }, LOOKUP_IP)).status).toBe(400);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await t.json(`lookup guess ${i}`, "POST", "/api/v1/lookup", { dni: "56789012", birthDate: "1950-01-01" }, LOOKUP_IP)).status);
      expect(statuses.at(-1)).toBe(429);
      return t;
    },
  },
  {
    name: "USSD: my payments after verifying DNI and birth date (es), and status (qu)",
    async run(client) {
      const t = new Transcript(client);
      const es = t.ussd("987000050", "ATUid_parity_lookup_es");
      await es.start();
      for (const p of ["1", "3", "1", "12345678"]) await es.press(p);
      expect((await es.press("21041950")).body).toContain("21 de abril de 1950");
      expect((await es.press("1")).body).toContain("Hola, M*** Q***");
      const pay = await es.press("1");
      expect(pay.body).toContain("Ya puede cobrar S/ 350 del 16/11/2026 al 31/12/2026.");
      const qu = t.ussd("987000051", "ATUid_parity_lookup_qu");
      await qu.start();
      for (const p of ["2", "3", "1", "23456789"]) await qu.press(p);
      await qu.press("15071988");
      expect((await qu.press("1")).body).toContain("R*** M***");
      expect((await qu.press("2")).body).toContain("ACTIVO");
      return t;
    },
  },
];
