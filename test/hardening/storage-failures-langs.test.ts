import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { foldToGsm7 } from "../../src/i18n/gsm7";
import { createTranslator } from "../../src/i18n/translator";
import { makeTestApp } from "../helpers/app";
import { postGateway, SMS_ENV, texter } from "../helpers/sms";
import { WebChat, chat } from "../helpers/web";
import { sayBank, twilioCall, VOICE_ENV } from "../helpers/voice";

/**
 * The storage-failure answer (common:save_failed, with Línea 101) in the language the person
 * chose, on the channels storage-failures.test.ts checks in Spanish: an Aymara texter, a Quechua
 * web chat, a Spanish and a Quechua caller.
 */
const i18n = createTranslator();
const readOnly = (database: { sqlite: Database.Database }) => database.sqlite.pragma("query_only = ON");

describe("the storage-failure answer in the person's language", () => {
  it("SMS: an Aymara texter is told in Aymara (GSM-7 folded), with Línea 101", async () => {
    const { app, database } = makeTestApp({ env: SMS_ENV });
    const phone = texter(app, "+51987000021");
    await phone.send("hola");
    expect(await phone.send("3")).toContain(foldToGsm7(i18n.t("ay", "common:main.title")));
    readOnly(database);
    const failed = await phone.send("1");
    expect(failed).toBe(foldToGsm7(i18n.t("ay", "common:save_failed")));
    expect(failed).toContain("Linea 101");
  });

  it("SMS: an opted-out number still hears nothing; the generic gateway answers its JSON with the notice, folded", async () => {
    const { app, database } = makeTestApp({ env: SMS_ENV });
    const out = texter(app, "+51987000022");
    await out.send("hola");
    await out.send("2");
    await out.send("BAJA");
    readOnly(database);
    expect(await out.send("MENU")).toBeNull();
    const body = JSON.stringify({ id: "gw-storage-1", from: "+51987000023", to: "+5111", text: "SIMI" });
    const res = await postGateway(app, body);
    expect(res.status).toBe(200);
    const json = res.json as { reply: string };
    // SIMI is a Quechua word: the notice in Quechua for a number never seen
    expect(json.reply).toBe(foldToGsm7(i18n.t("qu", "common:save_failed")));
  });

  it("web chat: a Quechua conversation gets 503 with the Quechua words", async () => {
    const { app, database } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "qu" });
    readOnly(database);
    const res = await chat(app, { sessionId: web.sessionId, choice: "1" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toBe(i18n.t("qu", "common:save_failed"));
  });

  for (const [lang, digit] of [["es", "1"], ["qu", "2"]] as const) {
    it(`voice: a caller in ${lang} hears it in ${lang}, with Línea 101, and the call ends`, async () => {
      const { app, database } = makeTestApp({ env: VOICE_ENV, voiceBank: sayBank() });
      const call = twilioCall(app, { From: `+5198700003${digit}` });
      await call.start();
      await call.press(digit);
      readOnly(database);
      const failed = await call.press("1");
      expect(failed.status).toBe(200);
      expect(failed.said.join(" ")).toContain(i18n.t(lang, "common:save_failed"));
      expect(failed.hangup).toBe(true);
    });
  }
});
