import { describe, expect, it } from "vitest";
import { dial } from "../../helpers/ussd";
import { DEMO, makeRegistryApp } from "../../helpers/registry";
import { renderUssdScreen, USSD_SCREEN_LIMIT } from "../../../src/channels/ussd/render";
import { USSD_PROFILE } from "../../../src/channels/ussd/routes";
import { LANGS, type Lang } from "../../../src/i18n/langs";
import type { SessionState } from "../../../src/engine/types";

const LANG_KEY: Record<Lang, string> = { es: "1", qu: "2", ay: "3" };

/** a phone that picks its language, opens "my payments and status" and verifies */
async function verified(app: Awaited<ReturnType<typeof makeRegistryApp>>["app"], lang: Lang, person: { dni: string; date: string }, phone = "+51911111111") {
  const ph = dial(app, phone);
  await ph.start();
  await ph.press(LANG_KEY[lang]);
  await ph.press("3"); // main menu: my payments and status
  await ph.press("1"); // I have a DNI
  const afterDni = await ph.press(person.dni);
  // a DNI locked for this phone is said at once
  if (afterDni.body.startsWith("END")) return { ph, menu: afterDni };
  // the date read back in words, then confirmed with 1
  const echo = await ph.press(person.date);
  const menu = echo.body.startsWith("CON") ? await ph.press("1") : echo;
  return { ph, menu };
}

describe("USSD: my payments and my status", () => {
  it("es: a Pensión 65 user learns when and where to collect the payment that is available", async () => {
    const { app } = await makeRegistryApp();
    const { ph, menu } = await verified(app, "es", DEMO.pension65Available);
    expect(menu.body).toContain("Hola, M*** Q***");
    const pay = await ph.press("1");
    expect(pay.body).toContain("Pension 65");
    expect(pay.body).toContain("Ya puede cobrar S/ 350 del 16/11/2026 al 31/12/2026.");
    expect(pay.body).toContain("Donde: Banco de la Nacion, agencia Andahuaylas");
    const last = await ph.press("98");
    expect(last.body).toContain("Ultimo pago:");
    expect(last.body).toContain("S/ 350 del periodo 09/2026: ya lo cobro.");
  });

  it("qu: an active Juntos user sees the status and the next payment", async () => {
    const { app } = await makeRegistryApp();
    const { ph, menu } = await verified(app, "qu", DEMO.juntosActive);
    expect(menu.body).toContain("R*** M***");
    const status = await ph.press("2");
    expect(status.body).toContain("Juntos");
    expect(status.body).toContain("ACTIVO");
    await ph.press("0");
    const pay = await ph.press("1");
    expect(pay.body).toContain("Hamuq pagoyki S/ 200, 14/12/2026");
  });

  it("ay: a suspended Juntos user learns why and what to do", async () => {
    const { app } = await makeRegistryApp();
    const { ph } = await verified(app, "ay", DEMO.juntosSuspended);
    const status = await ph.press("2");
    expect(status.body).toContain("SUSPENDIDO");
    expect(status.body).toContain("CRED");
    const todo = await ph.press("98");
    expect(todo.body).toContain("Kuns luraña");
    const cse = await ph.press("98");
    expect(cse.body).toContain("SISFOH");
  });

  it("es: a suspended Pensión 65 user with an expired CSE is told where to renew it", async () => {
    const { app } = await makeRegistryApp();
    const { ph } = await verified(app, "es", DEMO.pension65Suspended);
    const status = await ph.press("2");
    expect(status.body).toContain("Suspendido desde el 01/08/2026.");
    expect(status.body).toContain("prueba de vida");
    await ph.press("98");
    const cse = await ph.press("98");
    expect(cse.body).toContain("Vencio el 30/06/2025. Pida una nueva en la ULE de su municipio.");
  });

  it("a person in the registry but in no program is offered the eligibility check", async () => {
    const { app } = await makeRegistryApp();
    const { ph } = await verified(app, "es", DEMO.notEnrolled);
    const status = await ph.press("2");
    expect(status.body).toContain("No figura en ningun programa.");
    expect(status.body).toContain("1 ¿Puedo recibir un programa?");
  });

  for (const lang of LANGS) {
    it(`${lang}: a person not in the registry gets the same screen as a wrong date, with how to apply`, async () => {
      const { app } = await makeRegistryApp();
      const unknown = (await verified(app, lang, { dni: "87654321", date: "01011960" }, "+51922222222")).menu.body;
      const wrongDate = (await verified(app, lang, { dni: DEMO.pension65Available.dni, date: "01011960" }, "+51933333333")).menu.body;
      expect(unknown).toBe(wrongDate);
      expect(unknown).toMatch(/^CON /);
      expect(unknown).toMatch(/\n2 /); // the eligibility check
    });
  }

  it("5 failures from one phone lock the DNI for that phone only, with how to get help; 10 from many phones lock it for everyone, for an hour", async () => {
    const { app, clock } = await makeRegistryApp();
    // one phone guessing: "1" on the failure screen asks the date again (the DNI is kept)
    const { ph } = await verified(app, "es", { dni: DEMO.juntosActive.dni, date: "01011960" }, "+51944444440");
    let last = "";
    for (let i = 1; i < 5; i++) {
      await ph.press("1");
      await ph.press("01011960");
      last = (await ph.press("1")).body;
    }
    expect(last).toMatch(/^END Por su seguridad, la consulta de este DNI queda bloqueada 60 minutos/);
    expect(last).toContain("Linea 101");
    // the guesser's phone is locked out of this DNI, even with the right date
    const again = dial(app, "+51944444440");
    await again.start(); // the language is remembered: the main menu
    await again.press("3");
    await again.press("1");
    // said at once, before the date is asked
    expect((await again.press(DEMO.juntosActive.dni)).body).toMatch(/^END .*bloqueada/);
    // the real person, on their own phone, is not
    expect((await verified(app, "es", DEMO.juntosActive, "+51955555555")).menu.body).toContain("Hola, R*** M***");
    // guesses spread over many phones: the DNI's own bound (10 an hour) locks it for everyone
    for (let i = 0; i < 10; i++) last = (await verified(app, "es", { dni: DEMO.juntosActive.dni, date: "01011960" }, `+5194444445${i}`)).menu.body;
    expect(last).toMatch(/^END .*bloqueada 60 minutos/);
    expect((await verified(app, "es", DEMO.juntosActive, "+51955555556")).menu.body).toMatch(/^END .*bloqueada/);
    clock.advance(60 * 60_000);
    expect((await verified(app, "es", DEMO.juntosActive, "+51955555557")).menu.body).toContain("Hola, R*** M***");
  });

  it("slips are forgiven: the date read back in words before any attempt; after a failure the attempts left, and only the date asked again", async () => {
    const { app } = await makeRegistryApp();
    const ph = dial(app, "+51977777777");
    await ph.start();
    await ph.press("1");
    await ph.press("3");
    await ph.press("1");
    await ph.press(DEMO.juntosActive.dni);
    const echo = await ph.press("15071998"); // a slip: 1998 for 1988
    expect(echo.body).toMatch(/^CON Usted escribio: 15 de julio de 1998\. ¿Es correcto\?/);
    // "correct the date": no attempt was spent
    const again = await ph.press("2");
    expect(again.body).toMatch(/fecha de nacimiento/);
    await ph.press("15071999");
    const failed = await ph.press("1");
    expect(failed.body).toContain("Los datos no coinciden");
    expect(failed.body).toContain("Intentos restantes: 4.");
    // 1: only the date again, the DNI kept
    expect((await ph.press("1")).body).toMatch(/fecha de nacimiento/);
    await ph.press(DEMO.juntosActive.date);
    expect((await ph.press("1")).body).toContain("Hola, R*** M***");
  });

  it("qu/ay: the date is read back with the month's name", async () => {
    const { app } = await makeRegistryApp();
    for (const [lang, phone] of [["qu", "+51977777778"], ["ay", "+51977777779"]] as const) {
      const ph = dial(app, phone);
      await ph.start();
      await ph.press(LANG_KEY[lang]);
      await ph.press("3");
      await ph.press("1");
      await ph.press(DEMO.juntosActive.dni);
      const echo = await ph.press(DEMO.juntosActive.date);
      expect(echo.body).toMatch(/15 julio 1988/);
    }
  });

  it("a person without a DNI is sent to RENIEC", async () => {
    const { app } = await makeRegistryApp();
    const ph = dial(app, "+51966666666");
    await ph.start();
    await ph.press("1");
    await ph.press("3");
    const noDni = await ph.press("2");
    expect(noDni.body).toContain("RENIEC");
  });

  it("asks again when the verification is more than 10 minutes old", async () => {
    const { app, clock } = await makeRegistryApp();
    const { ph } = await verified(app, "es", DEMO.pension65Available);
    clock.advance(11 * 60_000);
    const screen = await ph.press("1");
    expect(screen.body).toContain("vuelva a escribir su DNI");
    expect(screen.body).not.toContain("S/ 350");
  });

  // with an error hint above, a full information page may lose the end of its text (as the
  // program pages do), never its options; without a hint every screen fits whole
  it("every screen of every demo person fits one USSD screen in every language", async () => {
    const { ctx } = await makeRegistryApp();
    const context = ctx();
    const stepCtx = { now: context.now(), channel: USSD_PROFILE, services: context.services, urn: "tel:+51900000000" };
    const tooLong: string[] = [];
    const check = (state: SessionState, reply: Awaited<ReturnType<typeof context.engine.render>>) => {
      for (const hint of [null, "common:errors.option"]) {
        const shown = hint ? { ...reply, messages: [{ key: hint }, ...reply.messages] } : reply;
        const screen = renderUssdScreen(shown, context.i18n);
        const page = state.node === "lookup.payments" || state.node === "lookup.status";
        if ((screen.truncated && !(hint && page)) || screen.body.length > USSD_SCREEN_LIMIT) tooLong.push(`${reply.lang} ${state.node}#${state.page}${hint ? " +hint" : ""}: ${screen.body}`);
      }
    };
    for (const lang of LANGS) {
      for (const person of Object.values(DEMO)) {
        for (const choice of ["1", "2"]) {
          let state: SessionState = { ...context.engine.initialState(lang), node: "lookup.dni" };
          for (const input of [person.dni, person.date, choice]) {
            const r = await context.engine.step(state, input, stepCtx);
            state = r.state;
            check(state, r.reply);
          }
          for (let page = 0; page < 6; page++) {
            const r = await context.engine.step(state, "98", stepCtx);
            if (r.state.page === state.page) break;
            state = r.state;
            check(state, r.reply);
          }
        }
      }
    }
    expect(tooLong).toEqual([]);
  });
});
