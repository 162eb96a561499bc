import { describe, expect, it } from "vitest";
import { gsm7 } from "../../support/gsm7-expect";
import { makeTestApp } from "../../helpers/app";
import { dial } from "../../helpers/ussd";
import { USSD_SCREEN_LIMIT } from "../../../src/channels/ussd/render";
import { countsOfDay } from "../../../src/db/repos/eligibility-counts";

type Step = { press: string; expect: RegExp[] };

/** Whole self-checks on a basic phone: language, menu, the questions that matter, results, details. */
const conversations: { label: string; steps: Step[] }[] = [
  {
    label: "es: a woman of 70 in extreme poverty, no pension, chooses her district by name",
    steps: [
      { press: "1", expect: [/MIDIS Orienta\. Elija:/] },
      { press: "2", expect: [/¿Puedo recibirlo\?/, /1 Empezar/] },
      { press: "1", expect: [/¿Cuántos años tiene usted\?/] },
      // 70: Contigo (under 65) is out, so no disability question
      { press: "70", expect: [/gestante/] },
      { press: "2", expect: [/menores de 19 años/, /1 Ninguno/, /3 Dos o más/] },
      { press: "1", expect: [/¿Tiene usted DNI\?/] }, // no child questions once nobody is under 19
      { press: "1", expect: [/clasificación SISFOH/, /1 Pobre extremo/, /5 No sé/] },
      { press: "1", expect: [/ONP o AFP/] },
      { press: "2", expect: [/EsSalud/] },
      { press: "2", expect: [/¿En qué distrito vive\?/, /1 Elegir de una lista/, /2 Escribir el nombre/, /3 No sé/] },
      { press: "2", expect: [/primeras letras/] },
      { press: "balsas", expect: [/^CON Resultado:/, /1 Pensión 65: probablemente sí/] },
      { press: "1", expect: [/^CON Pensión 65: probablemente sí \(1\/\d+\)/, /Tiene 65 años o más\./, /98 Más/] },
      { press: "98", expect: [/Pensión 65: probablemente sí \(2\/\d+\)/] },
      { press: "0", expect: [/Pensión 65: probablemente sí \(1\/\d+\)/] },
      { press: "0", expect: [/^CON Resultado:/] },
      { press: "98", expect: [/^CON Resultado:/, /probablemente no/] },
    ],
  },
  {
    label: "qu: a man of 30, no children, no disability, not poor: five questions",
    steps: [
      { press: "2", expect: [/MIDIS Orienta\. Akllay:/] },
      { press: "2", expect: [/¿Chaskiymanchu\?/, /1 Qallariy/] },
      { press: "1", expect: [/¿Hayk'a watayuqmi kanki\?/] },
      { press: "30", expect: [/Sinchi discapacidad/, /3 Mana yachanichu/] },
      { press: "2", expect: [/wiksayuq warmi/] },
      { press: "2", expect: [/19 wata/] },
      { press: "1", expect: [/SISFOH/] },
      { press: "3", expect: [/^CON Tukukuynin:/, /1 Juntos: yaqapascha manam/] },
      { press: "1", expect: [/Juntos: yaqapascha manam \(1\/\d+\)/] },
    ],
  },
  {
    label: "ay: a pregnant woman of 25 without a DNI who does not know her CSE or district",
    steps: [
      { press: "3", expect: [/MIDIS Orienta\. Ajllim:/] },
      { press: "2", expect: [/¿Katuqirismati\?/] },
      { press: "1", expect: [/¿Qawqha maranitasa\?/] },
      { press: "25", expect: [/Sinti discapacidad/] },
      { press: "2", expect: [/usur warmix/] },
      // pregnant: Juntos and Cuna Más need no more household answers; school meals asks its own
      { press: "1", expect: [/markan yatiqañ utar/] },
      { press: "1", expect: [/¿DNInïtati\?/] },
      { press: "2", expect: [/SISFOH/, /5 Janiw yatkti/] },
      { press: "5", expect: [/¿Kawki distritonsa jakasta\?/, /3 Janiw yatkti/] },
      { press: "3", expect: [/^CON Tukuyawi:/, /nayraqat DNI/] },
      { press: "1", expect: [/nayraqat DNI \(1\/\d+\)/, /DNI/] },
    ],
  },
];

describe.each(conversations)("$label", ({ steps }) => {
  it("every screen fits 182 characters, with the outcome and its reasons", async () => {
    const { app, database } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    for (const step of steps) {
      const res = await phone.press(step.press);
      expect(res.status).toBe(200);
      for (const pattern of step.expect) expect(res.body, `after ${step.press}:\n${res.body}`).toMatch(gsm7(pattern));
      expect(res.body.length, res.body).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
    }
    // one anonymous count per program for the finished check, on the ussd channel
    const rows = await countsOfDay(database.db, "2026-11-23");
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.channel === "ussd" && r.count === 1)).toBe(true);
  });
});

describe("the USSD self-check agrees with the API", () => {
  it("the same answers give the same outcomes", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    let screen = "";
    for (const press of ["1", "2", "1", "70", "2", "1", "1", "1", "2", "2", "2", "balsas"]) screen = (await phone.press(press)).body;
    const shown: string[] = [];
    for (let page = 0; page < 5; page++) {
      shown.push(...screen.split("\n").filter((l) => /^\d [^:]+: /.test(l)).map((l) => l.slice(2)));
      if (!screen.includes(gsm7("98 Más"))) break;
      screen = (await phone.press("98")).body;
    }
    const api = await (
      await app.request("/api/v1/eligibility", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ lang: "es", answers: { age: 70, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, household: { pregnant: false, childrenUnder19: 0 }, ubigeo: "010103" } }),
      })
    ).json();
    const label = { likely: "probablemente sí", unlikely: "probablemente no", needs_classification: "primero SISFOH", needs_dni: "primero DNI" } as Record<string, string>;
    const names = { juntos: "Juntos", pension65: "Pensión 65", contigo: "Contigo", cunamas: "Cuna Más", pae: "Alimentación Escolar", hakuwinay: "Haku Wiñay" } as Record<string, string>;
    const fromApi = api.results.map((r: any) => gsm7(`${names[r.program]}: ${label[r.outcome]}`));
    expect([...shown].sort()).toEqual([...fromApi].sort());
  });

  it("0 on the age screen goes back, as its navigation line says", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    for (const press of ["1", "2", "1"]) await phone.press(press);
    expect((await phone.press("0")).body).toMatch(/¿Puedo recibirlo\?/);
  });

  it("an age the keypad cannot mean is re-asked in the person's language", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "987654321");
    await phone.start();
    for (const press of ["1", "2", "1"]) await phone.press(press);
    const res = await phone.press("450");
    expect(res.body).toMatch(/Escriba una edad entre 0 y 120\./);
    expect(res.body).toMatch(/¿Cuantos años tiene usted\?/);
  });
});
