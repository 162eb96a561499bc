import { afterEach, describe, expect, it } from "vitest";
import { LANGS, type Lang } from "../../src/i18n/langs";
import { foldToGsm7 } from "../../src/i18n/gsm7";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";
import { startFakeGraph } from "../helpers/fake-graph";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { texter, SMS_ENV } from "../helpers/sms";
import { WebChat } from "../helpers/web";
import { postWebhook, textWebhook, whatsappEnv } from "../helpers/whatsapp";

// Issue 16 items 1–2: the words the service teaches work where it teaches them. The "case
// registered" notice says "envíe ESTADO MO-…" (in every language); it is read on SMS or WhatsApp,
// and the same words work in the web chat. Keywords also work before a language is chosen.

let graph: Awaited<ReturnType<typeof startFakeGraph>> | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

async function fileOne(app: ReturnType<typeof makeTestApp>["app"]): Promise<string> {
  const res = await app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) });
  return ((await res.json()) as { code: string }).code;
}

/** the instruction of the "registered" notice as the person reads it: the keyword and the code */
function taught(t: ReturnType<typeof makeTestApp>, lang: Lang, code: string): string {
  const notice = t.ctx().i18n.t(lang, "complaints:notify.filed", { code, deadline: "8 de enero de 2027" });
  // the last "<word> <code>" of the notice: "… envíe ESTADO MO-2026-000001", "… ESTADO MO-… apachimuy"
  const m = [...notice.matchAll(/(\S+) (MO-\d{4}-\d{6})/g)].pop();
  expect(m, `no instruction in the ${lang} notice: ${notice}`).toBeDefined();
  return `${m![1]} ${m![2]}`;
}

describe("the words the notices teach work on the channel the notice is read on", () => {
  for (const lang of LANGS) {
    it(`${lang}: the notice's "ESTADO <code>" answers the case's status on SMS, WhatsApp and the web chat`, async () => {
      graph = await startFakeGraph();
      const t = makeTestApp({ env: { ...SMS_ENV, ...whatsappEnv(graph.url) } });
      const code = await fileOne(t.app);
      const instruction = taught(t, lang, code);

      // SMS: the keyword's one-message answer
      const sms = await texter(t.app, "+51987111222").send(instruction);
      expect(foldToGsm7(sms ?? "")).toContain(`Caso ${code}`);

      // WhatsApp, from a number we have not heard: the language first, then the status
      const ask = textWebhook({ id: `wamid.EST${lang}1`, from: "51987333444", text: instruction, timestamp: t.clock.now() });
      expect((await postWebhook(t.app, ask)).status).toBe(200);
      const pick = textWebhook({ id: `wamid.EST${lang}2`, from: "51987333444", buttonId: String(LANGS.indexOf(lang) + 1), timestamp: t.clock.now() + 1000 });
      t.clock.advance(1000);
      expect((await postWebhook(t.app, pick)).status).toBe(200);
      await t.ctx().dispatchOutbox();
      const texts = graph.requests.map((r) => JSON.stringify(r.body));
      expect(texts.some((x) => x.includes(`Caso ${code}`))).toBe(true);
      expect(texts.some((x) => /Opci[oó]n no v[aá]lida/.test(x))).toBe(false);

      // the web chat, in that language
      const web = new WebChat(t.app);
      await web.send({ lang });
      expect((await web.send({ text: instruction })).reply.text).toContain(`Caso ${code}`);
    });
  }

  it("'estado 2026000001' (lower case, the code as digits) and an unknown code answer on the status screen", async () => {
    const t = makeTestApp();
    const code = await fileOne(t.app);
    const web = new WebChat(t.app);
    await web.send({ lang: "es" });
    expect((await web.send({ text: `estado ${code.replace(/\D/g, "")}` })).reply.text).toContain(`Caso ${code}`);
    expect((await web.send({ text: "ESTADO MO-2026-000999" })).reply.text).toMatch(/No encontramos el caso/);
  });

  // README "USSD channel": the keywords work "also as the very first message and before a language
  // is chosen" on every text channel, the web chat included: a chat opened with `{ text: "ESTADO …" }`
  // (no session id yet) answered the main menu or the language question and dropped the keyword
  for (const lang of LANGS) {
    it(`${lang}: the web chat's very first request may be the keyword, with or without \`lang\``, async () => {
      const t = makeTestApp();
      const code = await fileOne(t.app);
      const instruction = taught(t, lang, code);
      const withLang = new WebChat(t.app);
      expect((await withLang.send({ lang, text: instruction })).reply.text).toContain(`Caso ${code}`);
      // without `lang`: the language is asked first, then the keyword continues
      const noLang = new WebChat(t.app);
      const ask = await noLang.send({ text: instruction });
      expect(ask.reply.text).toBe(t.ctx().i18n.t("es", "common:language.first"));
      expect((await noLang.send({ choice: String(LANGS.indexOf(lang) + 1) })).reply.text).toContain(`Caso ${code}`);
    });
  }

  it("the web chat's first request: RECLAMO opens the complaints section, PAGO <DNI> asks the date; other text is not applied", async () => {
    const t = makeTestApp();
    const reclamo = await new WebChat(t.app).send({ lang: "es", text: "RECLAMO no me llega el pago de marzo" });
    expect(reclamo.reply.text).toContain(t.ctx().i18n.t("es", "complaints:start.title"));
    expect(reclamo.reply.text).not.toContain(t.ctx().i18n.t("es", "common:restarted"));
    const pago = await new WebChat(t.app).send({ lang: "es", text: "PAGO 12345678" });
    expect(pago.reply.text).toBe(t.ctx().i18n.t("es", "lookup:birth.prompt"));
    expect(pago.reply.input).toBe("date");
    // a first request whose text is no keyword opens the conversation as before, nothing applied
    const plain = await new WebChat(t.app).send({ lang: "es", text: "1" });
    expect(plain.reply.text).toBe(t.ctx().i18n.t("es", "common:main.title"));
  });

  it("PAGO <DNI> <date> in the chat goes straight to the person's own menu; PAGO <DNI> asks only the date", async () => {
    const { app } = await makeRegistryApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    expect((await web.send({ text: `PAGO ${DEMO.pension65Available.dni} ${DEMO.pension65Available.date}` })).reply.text).toContain("M*** Q***");
    const other = new WebChat(app);
    await other.send({ lang: "es" });
    const asked = await other.send({ text: `pago ${DEMO.juntosActive.dni}` });
    expect(asked.reply.input).toBe("date");
  });

  it("inside a typed description the words are just words: 'pago no llega…' stays the description", async () => {
    const t = makeTestApp();
    const web = new WebChat(t.app);
    await web.send({ lang: "es" });
    // RECLAMO: new case, reclamo, Pensión 65, payment not received, the district typed by name
    for (const text of ["RECLAMO", "1", "1", "2", "1"]) await web.send({ text });
    let screen = await web.send({ text: "Abancay" });
    if (screen.reply.input !== "text") screen = await web.press("Abancay (Abancay)");
    expect(screen.reply.text).toMatch(/Cuente en pocas palabras/);
    // "pago …" is the description, not PAGO: the reclamo goes on to the reporter's DNI
    const after = await web.send({ text: "pago no llega desde octubre" });
    expect(after.reply.input).toBe("dni");
    expect(after.reply.text).toMatch(/Para un reclamo necesitamos su DNI/);
  });
});
