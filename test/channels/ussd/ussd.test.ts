import { readFileSync } from "node:fs";
import { gsm7 } from "../../support/gsm7-expect";
import { describe, expect, it } from "vitest";
import { makeTestApp } from "../../helpers/app";
import { dial, postUssd, ussdForm } from "../../helpers/ussd";
import { USSD_SCREEN_LIMIT } from "../../../src/channels/ussd/render";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("USSD gateway contract", () => {
  const cases = [
    { label: "first dial shows the trilingual language choice", file: "first-dial.form", status: 200, contains: ["CON ", "1 Español", "2 Runasimi", "3 Aymar aru"] },
    { label: "missing sessionId is a 400 naming the field", file: "missing-session.form", status: 400, contains: ["sessionId"] },
    { label: "an invalid phone number is a 400 naming the field", file: "bad-phone.form", status: 400, contains: ["phoneNumber"] },
    { label: "a JSON body is not a gateway form", file: "json-body.form", status: 400, contains: ["sessionId"] },
  ];
  it.each(cases)("$label", async ({ file, status, contains }) => {
    const { app } = makeTestApp();
    const res = await postUssd(app, fixture(file));
    expect(res.status).toBe(status);
    for (const text of contains) expect(res.body).toContain(text);
  });

  it("answers text/plain", async () => {
    const { app } = makeTestApp();
    const res = await postUssd(app, fixture("first-dial.form"));
    expect(res.type).toMatch(/^text\/plain/);
  });

  it("a session the gateway replays in one request (1*1*2) lands on Pensión 65 in Spanish", async () => {
    const { app } = makeTestApp();
    await postUssd(app, fixture("first-dial.form"));
    const res = await postUssd(app, fixture("programs-pension65.form"));
    expect(res.body).toMatch(/^CON Pension 65 \(1\/3\)\nS\/ 350 cada 2 meses/);
  });
});

type Step = { press: string; expect: RegExp[] };

// whole sessions: language → program information → paging → back → main menu → language change → end
const sessions: { lang: string; steps: Step[] }[] = [
  {
    lang: "es",
    steps: [
      { press: "1", expect: [/^CON MIDIS Orienta\. Elija:/, /1 Programas sociales/, /5 Idioma/] },
      { press: "1", expect: [/Programas\. Elija uno:/, /2 Pensión 65/, /5 Alimentación Escolar/, /0 Atrás 00 Menú/] },
      { press: "2", expect: [/^CON Pensión 65 \(1\/3\)/, /S\/ 350 cada 2 meses/, /vigente desde 05\/2025/, /98 Más/] },
      { press: "98", expect: [/Pensión 65 \(2\/3\)/, /65 años o más/] },
      { press: "98", expect: [/Pensión 65 \(3\/3\)/, /ULE/] },
      { press: "0", expect: [/Pensión 65 \(2\/3\)/] },
      { press: "00", expect: [/MIDIS Orienta\. Elija:/] },
      { press: "9", expect: [/Elija su idioma:/, /2 Runasimi/] },
      { press: "2", expect: [/MIDIS Orienta\. Akllay:/] },
      { press: "9", expect: [/Simiykita akllay:/] },
      { press: "1", expect: [/MIDIS Orienta\. Elija:/] },
    ],
  },
  {
    lang: "qu",
    steps: [
      { press: "2", expect: [/^CON MIDIS Orienta\. Akllay:/, /1 Programakuna/] },
      { press: "1", expect: [/Programakuna\. Hukta akllay:/, /5 Yachaywasi mikhuy/, /0 Qhipaman 00 Menú/] },
      { press: "1", expect: [/^CON Juntos \(1\/3\)/, /Sapa iskay killa S\/ 200/, /98 Aswan/] },
      { press: "98", expect: [/Juntos \(2\/3\)/] },
      { press: "0", expect: [/Juntos \(1\/3\)/] },
      { press: "0", expect: [/Programakuna\. Hukta akllay:/] },
      { press: "00", expect: [/MIDIS Orienta\. Akllay:/] },
      { press: "5", expect: [/Simiykita akllay:/] },
      { press: "3", expect: [/MIDIS Orienta\. Ajllim:/] },
    ],
  },
  {
    lang: "ay",
    steps: [
      { press: "3", expect: [/^CON MIDIS Orienta\. Ajllim:/, /1 Programanaka/] },
      { press: "1", expect: [/Programanaka\. Maya ajllim:/, /0 Qhiparu 00 Menú/] },
      { press: "4", expect: [/^CON Cuna Más \(1\/3\)/, /98 Juk'ampi/] },
      { press: "98", expect: [/Cuna Más \(2\/3\)/] },
      { press: "98", expect: [/Cuna Más \(3\/3\)/] },
      { press: "00", expect: [/MIDIS Orienta\. Ajllim:/] },
      { press: "6", expect: [/Mä jakhu ch'iqt'am/, /Línea 101/] },
      { press: "0", expect: [/MIDIS Orienta\. Ajllim:/] },
    ],
  },
];

describe.each(sessions)("a whole USSD session in $lang", ({ steps }) => {
  it("walks the menus and every screen fits 182 characters", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    const first = await phone.start();
    expect(first.body).toContain("1 Español");
    for (const step of steps) {
      const res = await phone.press(step.press);
      expect(res.status).toBe(200);
      for (const pattern of step.expect) expect(res.body, `after ${step.press}`).toMatch(gsm7(pattern));
      expect(res.body.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
    }
  });
});

describe("language is remembered for the number", () => {
  it("a second dial from the same phone skips the language choice", async () => {
    const { app } = makeTestApp();
    const a = dial(app, "+51 987 654 321");
    await a.start();
    await a.press("2");
    const b = dial(app, "987654321"); // same number, other format
    const res = await b.start();
    expect(res.body).toMatch(/^CON MIDIS Orienta\. Akllay:/);
  });
});

describe("bad input gets a clear screen and keeps the session", () => {
  const badInputs = [
    { label: "letters where a digit is expected", input: "abc", expect: /Opción no válida/ },
    { label: "an unknown option", input: "999", expect: /Opción no válida/ },
    { label: "an empty input", input: "", expect: /No recibimos nada/ },
    { label: "a 500-character input", input: "7".repeat(500), expect: /Opción no válida/ },
    { label: "emoji", input: "👍🏽", expect: /Opción no válida/ },
  ];
  it.each(badInputs)("$label", async ({ input, expect: pattern }) => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    await phone.press("1"); // Español
    await phone.press("1"); // programs
    const res = await phone.press(input);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(gsm7(pattern));
    expect(res.body).toContain("Programas. Elija uno:"); // still on the same screen
    expect(res.body.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
    const next = await phone.press("3");
    expect(next.body).toMatch(/Contigo \(1\/3\)/);
  });

  it("in Quechua the hint is in Quechua", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    await phone.press("2");
    const res = await phone.press("x");
    expect(res.body).toMatch(/Mana allinchu/);
  });

  it("an unknown sessionId in the middle of a menu starts cleanly and says so", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    await phone.press("1");
    const res = await postUssd(app, ussdForm({ sessionId: "never-seen", phoneNumber: "987654321", text: "1*1*4" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^CON Su sesion anterior se cerro/);
    expect(res.body).toContain("MIDIS Orienta. Elija:");
    const next = await postUssd(app, ussdForm({ sessionId: "never-seen", phoneNumber: "987654321", text: "1*1*4*1" }));
    expect(next.body).toContain("Programas. Elija uno:");
  });

  it("a gateway retry of the same request shows the same screen without applying it twice", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321", "retry-1");
    await phone.start();
    await phone.press("1");
    const once = await postUssd(app, ussdForm({ sessionId: "retry-1", phoneNumber: "987654321", text: "1*1" }));
    const twice = await postUssd(app, ussdForm({ sessionId: "retry-1", phoneNumber: "987654321", text: "1*1" }));
    expect(twice.body).toBe(once.body);
    expect(twice.body).toContain("Programas. Elija uno:");
  });

  it("two phones interleaving requests never mix sessions, even with the same sessionId", async () => {
    const { app } = makeTestApp();
    const a = dial(app, "987654321", "shared-id");
    const b = dial(app, "912345678", "shared-id");
    await a.start();
    await b.start();
    await a.press("1"); // es
    await b.press("3"); // ay
    const ra = await a.press("1");
    const rb = await b.press("1");
    expect(ra.body).toContain("Programas. Elija uno:");
    expect(rb.body).toContain("Programanaka. Maya ajllim:");
  });

  it("SALIR ends the session with END", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    await phone.press("1");
    const res = await phone.press("SALIR");
    expect(res.body).toMatch(/^END Gracias por usar MIDIS Orienta/);
  });
});

describe("resume", () => {
  /** the same phone dials, presses `keys`, and the call ends there (the person walks away) */
  async function dialAndLeave(app: ReturnType<typeof makeTestApp>["app"], keys: string[]) {
    const call = dial(app, "987654321");
    await call.start();
    for (const key of keys) await call.press(key);
  }

  it("a person who returns within a day is offered to continue where they were", async () => {
    const { app, clock } = makeTestApp();
    await dialAndLeave(app, ["1", "1", "2", "98"]); // Spanish → programs → Pensión 65, page 2
    clock.advance(3 * 3600_000);
    const second = dial(app, "987654321");
    const offer = await second.start();
    expect(offer.body).toMatch(/¿Continuar donde se quedo\?/);
    const resumed = await second.press("1");
    expect(resumed.body).toMatch(/Pension 65 \(2\/3\)/);
    const back = await second.press("0");
    expect(back.body).toMatch(/Pension 65 \(1\/3\)/);
  });

  it("a call that drops on the offer itself keeps the place: the next dial offers it again", async () => {
    const { app, clock } = makeTestApp();
    await dialAndLeave(app, ["1", "1", "2", "98"]); // Spanish → programs → Pensión 65, page 2
    clock.advance(3600_000);
    const dropped = dial(app, "987654321");
    expect((await dropped.start()).body).toMatch(/¿Continuar donde se quedo\?/); // the network drops the call here
    clock.advance(60_000);
    const again = dial(app, "987654321");
    expect((await again.start()).body).toMatch(/¿Continuar donde se quedo\?/);
    expect((await again.press("1")).body).toMatch(/Pension 65 \(2\/3\)/);
  });

  it("an offer left unanswered does not stretch the day: counted from where the person left", async () => {
    const { app, clock } = makeTestApp();
    await dialAndLeave(app, ["1", "1"]); // Spanish → programs
    clock.advance(20 * 3600_000);
    expect((await dial(app, "987654321").start()).body).toMatch(/¿Continuar donde se quedo\?/);
    clock.advance(5 * 3600_000);
    expect((await dial(app, "987654321").start()).body).toContain("MIDIS Orienta. Elija:");
  });

  it("declining the offer goes to the main menu; after a day there is no offer", async () => {
    const { app, clock } = makeTestApp();
    await dialAndLeave(app, ["1", "1"]); // Spanish → programs
    const second = dial(app, "987654321");
    await second.start();
    expect((await second.press("2")).body).toContain("MIDIS Orienta. Elija:");
    const third = dial(app, "987654321");
    await third.start();
    await third.press("1");
    await third.press("1");
    clock.advance(25 * 3600_000);
    const later = dial(app, "987654321");
    expect((await later.start()).body).toContain("MIDIS Orienta. Elija:");
  });
});
