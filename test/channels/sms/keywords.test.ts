import { describe, expect, it } from "vitest";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, texter } from "../../helpers/sms";
import { createTranslator } from "../../../src/i18n/translator";
import { foldToGsm7 } from "../../../src/i18n/gsm7";
import { LANGS, type Lang } from "../../../src/i18n/langs";
import { countSegments, isGsm7 } from "../../../src/i18n/gsm7";
import { registryDemoLoader } from "../../../src/db/demo-registry";
import { silentLogger } from "../../../src/logging/logger";
import { auditLog } from "../../../src/db/schema";

const i18n = createTranslator();
const words = (key: string, lang: Lang) => i18n.t(lang, key).split("|");
/** what a person reads: the locale text folded to GSM-7 */
const read = (lang: Lang, key: string) => foldToGsm7(i18n.t(lang, key));
const langChoice: Record<Lang, string> = { es: "1", qu: "2", ay: "3" };

/** A phone whose language is already chosen (first text: the language question; then the digit). */
async function phoneIn(lang: Lang, env: Record<string, string> = {}, number = "+51987654321") {
  const t = makeTestApp({ env: { ...SMS_ENV, ...env } });
  const phone = texter(t.app, number);
  await phone.send("hola");
  const menu = await phone.send(langChoice[lang]);
  expect(menu).toContain(read(lang, "common:main.title"));
  return { ...phone, t };
}

// every keyword word of every language, tried by a person of every language
const cases = LANGS.flatMap((lang) => LANGS.map((wordsOf) => ({ lang, wordsOf })));

describe.each(cases)("a person speaking $lang texts the $wordsOf keywords", ({ lang, wordsOf }) => {
  it("MENU words open the main menu", async () => {
    for (const word of words("commands:menu", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(word.toLowerCase())).toContain(read(lang, "common:main.title"));
    }
  });

  it("AYUDA words list the SMS commands", async () => {
    for (const word of words("commands:help", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(word)).toBe(read(lang, "sms:help"));
    }
  });

  it("IDIOMA words open the language choice", async () => {
    for (const word of words("commands:language", wordsOf)) {
      const phone = await phoneIn(lang);
      const reply = await phone.send(word);
      expect(reply).toContain(read(lang, "common:language.prompt"));
      expect(await phone.send("1")).toContain(read("es", "common:main.title"));
    }
  });

  it("PAGO words with DNI and birth date check them (unknown here: the same answer as a wrong date); without arguments explain the format", async () => {
    for (const word of words("sms:keywords.payments", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(`${word} 12345678 21041950`)).toBe(`${read(lang, "lookup:failed")}\n${read(lang, "sms:usage.payments")}`);
      expect(await phone.send(word)).toBe(read(lang, "sms:usage.payments"));
      expect(await phone.send(`${word} 1234 21041950`)).toBe(read(lang, "sms:usage.payments"));
    }
  });

  it("PAGO words with a DNI but no date, or a date that does not exist, keep the DNI: the identity check asks the date (it used to answer the format and drop the DNI)", async () => {
    for (const word of words("sms:keywords.payments", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(`${word} 12.345.678`)).toContain(read(lang, "lookup:birth.prompt"));
      // the date typed next is read back (keypad channel), so the DNI was kept
      expect(await phone.send("21041950")).toContain(foldToGsm7(i18n.t(lang, "lookup:birth.echo", { day: 21, month: 4, year: 1950 })));

      const other = await phoneIn(lang);
      const wrong = (await other.send(`${word} 12345678 31021950`))!;
      expect(wrong).toContain(read(lang, "common:errors.date").split(".")[0]);
      expect(wrong).toContain(read(lang, "lookup:birth.prompt"));
    }
  });

  it("ESTADO words with a tracking code answer its status; without one explain the format", async () => {
    for (const word of words("sms:keywords.status", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(`${word} mo-2026-000123`)).toBe(foldToGsm7(i18n.t(lang, "complaints:check.unknown", { code: "MO-2026-000123" })));
      expect(await phone.send(`${word}`)).toBe(read(lang, "sms:usage.status"));
      expect(await phone.send(`${word} 123`)).toBe(read(lang, "sms:usage.status"));
    }
  });

  it("RECLAMO words (with or without a text) open the complaints section of the menu", async () => {
    for (const word of words("sms:keywords.complaint", wordsOf)) {
      for (const text of [`${word} no recibí mi pago de Pensión 65`, word.toLowerCase()]) {
        const phone = await phoneIn(lang);
        await phone.send("1"); // somewhere else in the menus first
        const reply = (await phone.send(text))!;
        expect(reply.startsWith(read(lang, "sms:complaint_intro") + "\n")).toBe(true);
        const section = reply.slice(read(lang, "sms:complaint_intro").length + 1);
        if (phone.t.ctx().engine.nodes.has("complaints.start")) expect(section).not.toContain(read(lang, "common:unavailable"));
        else expect(section).toContain(read(lang, "common:unavailable"));
      }
    }
  });

  it("BAJA/STOP words: one confirmation, then silence until ALTA/START", async () => {
    for (const [i, word] of words("sms:keywords.stop", wordsOf).entries()) {
      const phone = await phoneIn(lang);
      expect(await phone.send(word)).toBe(read(lang, "sms:optout"));
      expect(await phone.send("MENU")).toBeNull();
      expect(await phone.send(word)).toBeNull(); // no second confirmation
      expect(await phone.send("1")).toBeNull();
      const start = words("sms:keywords.start", wordsOf);
      expect(await phone.send(start[i % start.length])).toBe(read(lang, "sms:optin"));
      expect(await phone.send("MENU")).toContain(read(lang, "common:main.title"));
    }
  });

  it("MAS words continue an answer held back by the segment cap", async () => {
    for (const word of words("sms:keywords.more", wordsOf)) {
      const phone = await phoneIn(lang, { SMS_MAX_SEGMENTS: "1" });
      const first = (await phone.send("AYUDA"))!;
      const hint = "\n" + read(lang, "sms:more");
      expect(first.endsWith(hint)).toBe(true);
      const second = (await phone.send(word.toLowerCase()))!;
      const joined = (first.slice(0, -hint.length) + " " + second.replace(hint, "")).replace(/\s+/g, " ");
      expect(joined).toContain(read(lang, "sms:help").replace(/\s+/g, " ").slice(-40));
    }
  });

  it("ALTA/START words from a number that never left get a welcome", async () => {
    for (const word of words("sms:keywords.start", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(word)).toBe(read(lang, "sms:optin"));
    }
  });

  it("exit words end the conversation politely", async () => {
    for (const word of words("commands:exit", wordsOf)) {
      const phone = await phoneIn(lang);
      expect(await phone.send(word)).toBe(read(lang, "common:goodbye"));
    }
  });
});

describe("keywords are case- and accent-insensitive; digits drive the menus", () => {
  it.each([
    ["menú", "common:main.title"],
    ["  Menu  ", "common:main.title"],
    ["ÁYUDA", "sms:help"],
    ["idíoma", "common:language.prompt"],
    // what people type around a word: punctuation, inverted marks, an emoji, full-width letters
    ["¿Ayuda?", "sms:help"],
    ["Idioma.", "common:language.prompt"],
    ["AYUDA 🙏", "sms:help"],
    ["ＡＹＵＤＡ", "sms:help"],
    ["Baja.", "sms:optout"],
    ["stop!", "sms:optout"],
    ["¡Saytaña!", "sms:optout"],
  ])("%s", async (text, key) => {
    const phone = await phoneIn("es");
    expect(await phone.send(text)).toContain(read("es", key));
  });

  it("Pagó 12.345.678 21/04/1950 is understood", async () => {
    const phone = await phoneIn("es");
    await registryDemoLoader.load(phone.t.deps.db, silentLogger);
    expect(await phone.send("Pagó 12.345.678 21/04/1950")).toContain("S/ 350");
  });

  it("a keyword of Quechua reveals the language of a new number", async () => {
    const t = makeTestApp({ env: SMS_ENV });
    const phone = texter(t.app, "+51911222333");
    expect(await phone.send("yanapay")).toBe(read("qu", "sms:help"));
    expect(await phone.send("menu")).toContain(read("qu", "common:main.title"));
  });

  it("digits answer the numbered menus (programs → Pensión 65) and MAS pages on", async () => {
    const phone = await phoneIn("es");
    const list = (await phone.send("1"))!;
    expect(list).toContain("Juntos");
    const pension = list.split("\n").find((l) => /Pension 65/.test(l))!;
    const detail = (await phone.send(pension.split(" ")[0]))!;
    expect(detail).toMatch(/Pension 65/);
  });
});

describe("ESTADO with a real complaint", () => {
  it.each(LANGS)("answers status and deadline in %s, nothing personal", async (lang) => {
    const phone = await phoneIn(lang);
    const ctx = phone.t.ctx();
    const { complaint } = await ctx.services.complaints.file({
      channel: "api",
      actor: "api",
      body: {
        kind: "reclamo",
        program: "pension65",
        category: "pago_no_recibido",
        description: "No recibí el pago de noviembre",
        ubigeo: "030601",
        reporter: { dni: "12345678", name: "Rosa Quispe" },
        contact: { channel: "sms", address: "+51987654321" },
      },
    });
    const reply = (await phone.send(`estado ${complaint.code.toLowerCase()}`))!;
    const [y, m, d] = complaint.deadline.split("-");
    expect(reply).toBe(
      [
        i18n.t(lang, "complaints:check.head", { code: complaint.code }),
        i18n.t(lang, "complaints:status.registrado"),
        // which office has it (issue 16 item 6), then the answer-by date
        i18n.t(lang, "complaints:check.office", { queue: complaint.queue }),
        i18n.t(lang, "complaints:check.deadline", { deadline: `${d}/${m}/${y}` }),
      ]
        .map(foldToGsm7)
        .join("\n"),
    );
    expect(reply).not.toMatch(/check\.result/);
    expect(reply).not.toMatch(/Rosa|12345678/);
  });
});

describe("PAGO with the demo registry (the issue's example)", () => {
  it.each(LANGS)("PAGO 12345678 21041950 in %s: the person's own payments, masked name, within the cap; MAS gives the rest", async (lang) => {
    const phone = await phoneIn(lang);
    await registryDemoLoader.load(phone.t.deps.db, silentLogger);
    const first = (await phone.send("PAGO 12345678 21041950"))!;
    expect(countSegments(first).segments).toBeLessThanOrEqual(2);
    expect(isGsm7(first)).toBe(true);
    let all = first;
    let reply = first;
    for (let i = 0; i < 5 && reply.endsWith(read(lang, "sms:more")); i++) {
      reply = (await phone.send("MAS"))!;
      expect(countSegments(reply).segments).toBeLessThanOrEqual(2);
      all += "\n" + reply;
    }
    expect(all).toContain(read(lang, "programs:pension65.name"));
    expect(all).toContain("S/ 350");
    expect(all).toContain("Andahuaylas");
    expect(all).not.toContain("QUISPE HUAMAN"); // the name is masked
    const audits = await phone.t.deps.db.select().from(auditLog).all();
    expect(audits.map((a) => `${a.action}:${a.outcome}:${a.channel}`)).toContain("lookup.verify:verified:sms");
    expect(JSON.stringify(audits)).not.toContain("12345678");
  });

  it("a wrong birth date gets the same answer as an unknown DNI", async () => {
    const phone = await phoneIn("es");
    await registryDemoLoader.load(phone.t.deps.db, silentLogger);
    const wrong = await phone.send("PAGO 12345678 22041950");
    const unknown = await phone.send("PAGO 87654321 21041950");
    expect(wrong).toBe(unknown);
    expect(wrong).toContain(read("es", "lookup:failed"));
  });
});
