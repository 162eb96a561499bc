import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/translator";
import { renderWebReply } from "../../../src/channels/web/render";
import { newWebSessionId, isWebSessionId } from "../../../src/channels/web/session-id";
import { makeTestApp } from "../../helpers/app";
import { chat, WebChat, type ChatResponse } from "../../helpers/web";

const i18n = createTranslator();
const t = (lang: "es" | "qu" | "ay", key: string) => i18n.t(lang, key);

describe("POST /api/v1/chat", () => {
  it("starts a conversation with the language question and a fresh unguessable session id", async () => {
    const { app } = makeTestApp();
    const res = await chat(app, {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as ChatResponse;
    expect(body.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.reply).toEqual({
      text: t("es", "common:language.first"),
      options: [
        { id: "1", label: t("es", "common:language.es") },
        { id: "2", label: t("es", "common:language.qu") },
        { id: "3", label: t("es", "common:language.ay") },
      ],
      links: [],
      input: null,
      end: false,
    });
    const other = (await (await chat(app, {})).json()) as ChatResponse;
    expect(other.sessionId).not.toBe(body.sessionId);
  });

  it("an empty body is a first request too", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/api/v1/chat", { method: "POST" });
    expect(res.status).toBe(200);
  });

  it.each(["es", "qu", "ay"] as const)("`lang: %s` starts at the main menu in that language", async (lang) => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    const first = await web.send({ lang });
    expect(first.lang).toBe(lang);
    expect(first.reply.text).toBe(t(lang, "common:main.title"));
    expect(first.reply.options.map((o) => o.label)).toEqual(
      ["programs", "eligibility", "status", "complaints", "language", "help"].map((k) => t(lang, `common:main.${k}`)),
    );
    // then the programs list, with the navigation as buttons (ids the engine understands)
    const list = await web.press(t(lang, "common:main.programs"));
    expect(list.reply.text).toBe(t(lang, "programs:list.title"));
    expect(list.reply.options.slice(-2)).toEqual([
      { id: "0", label: t(lang, "common:nav.back") },
      { id: "00", label: t(lang, "common:nav.home") },
    ]);
    const back = await web.press(t(lang, "common:nav.back"));
    expect(back.reply.text).toBe(t(lang, "common:main.title"));
  });

  it("choosing a language by button works as on the keypad, and `lang` switches an ongoing conversation", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send();
    const menu = await web.press(t("es", "common:language.qu"));
    expect(menu.lang).toBe("qu");
    expect(menu.reply.text).toBe(t("qu", "common:main.title"));
    await web.press(t("qu", "common:main.programs"));
    const switched = await web.send({ lang: "ay" });
    expect(switched.lang).toBe("ay");
    expect(switched.reply.text).toBe(t("ay", "programs:list.title"));
    // a switch and an answer in the same request: the answer is applied in the new language
    const detail = await web.send({ lang: "es", choice: "1" });
    expect(detail.lang).toBe("es");
    expect(detail.reply.options.at(-1)).toEqual({ id: "00", label: t("es", "common:nav.home") });
  });

  it("typed text reaches the engine like a keypad answer; a bad answer re-asks with a hint", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    const wrong = await web.send({ text: "hola" });
    // a screen of buttons: the hint says to tap one or type its number (not "marque", the keypad's word)
    expect(wrong.reply.text).toBe(`${t("es", "common:errors.option_buttons")}\n\n${t("es", "common:main.title")}`);
    expect(t("es", "common:errors.option_buttons")).toMatch(/Toque/);
    const typed = await web.send({ text: "1" });
    expect(typed.reply.text).toBe(t("es", "programs:list.title"));
  });

  it("an empty answer on a screen of buttons is told to tap or type, not to press a key (session 8 review)", async () => {
    const { app } = makeTestApp();
    for (const lang of ["es", "qu", "ay"] as const) {
      const web = new WebChat(app);
      await web.send({ lang });
      const empty = await web.send({ text: "   " });
      expect(empty.reply.text).toBe(`${t(lang, "common:errors.empty_buttons")}\n\n${t(lang, "common:main.title")}`);
    }
    expect(t("es", "common:errors.empty_buttons")).toMatch(/^No recibimos nada\. Toque/);
    expect(t("es", "common:errors.empty_buttons")).not.toMatch(/Marque/);
  });

  it("a request without input shows the same screen again (a retry after a lost answer)", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    const list = await web.send({ choice: "1" });
    const again = await web.send();
    expect(again).toEqual(list);
  });

  it("a retried input (same `seq`) is not applied twice; the next `seq` is", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    const list = await web.send({ choice: "1", seq: 0 });
    expect(list.reply.text).toBe(t("es", "programs:list.title"));
    // the answer was lost on a slow connection; the widget sends the same input again
    const retry = await web.send({ choice: "1", seq: 0 });
    expect(retry.reply).toEqual(list.reply);
    const detail = await web.send({ choice: "1", seq: 1 });
    expect(detail.reply.text).not.toBe(list.reply.text);
    expect(detail.reply.options.at(-1)?.id).toBe("00");
  });

  it("SALIR ends the conversation: no options, input null, end true; the next message starts at the menu", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    const bye = await web.send({ text: "salir" });
    expect(bye.reply).toEqual({ text: t("es", "common:goodbye"), options: [], links: [{ text: "Línea 101", href: "tel:101" }], input: null, end: true });
    const again = await web.send({ text: "hola" });
    expect(again.sessionId).toBe(bye.sessionId);
    expect(again.reply.end).toBe(false);
  });

  it("a session id this service did not issue starts a new conversation (and says so) without applying the input", async () => {
    const { app, deps } = makeTestApp();
    const forged = "A".repeat(43);
    const res = await chat(app, { sessionId: forged, choice: "1", lang: "es" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ChatResponse;
    expect(body.sessionId).not.toBe(forged);
    expect(body.reply.text).toBe(`${t("es", "common:restarted")}\n\n${t("es", "common:main.title")}`);
    // ids from another deployment (another secret) are not accepted either
    const foreign = await newWebSessionId("another-secret-of-16+chars");
    expect(await isWebSessionId(deps.config.appSecret, foreign)).toBe(false);
  });

  it.each([
    ["{not json", "body"],
    ["[1,2]", "body"],
    [JSON.stringify({ text: 5 }), "text"],
    [JSON.stringify({ text: "x".repeat(2001) }), "text"],
    [JSON.stringify({ choice: "uno" }), "choice"],
    [JSON.stringify({ text: "1", choice: "1" }), "choice"],
    [JSON.stringify({ lang: "en" }), "lang"],
    [JSON.stringify({ sessionId: "abc" }), "sessionId"],
    [JSON.stringify({ sessionId: 12 }), "sessionId"],
    [JSON.stringify({ seq: -1 }), "seq"],
    [JSON.stringify({ seq: "1" }), "seq"],
  ])("bad request %s → 400 naming %s", async (body, field) => {
    const { app } = makeTestApp();
    const res = await chat(app, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "bad_request", field });
  });

  it("null fields count as absent", async () => {
    const { app } = makeTestApp();
    const res = await chat(app, { sessionId: null, text: null, choice: null, lang: null });
    expect(res.status).toBe(200);
  });

  it("answers the browser's CORS preflight from a page on another site", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/api/v1/chat", {
      method: "OPTIONS",
      headers: { origin: "https://www.muniabancay.gob.pe", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
  });

  it("only the configured origins when WEB_ALLOWED_ORIGINS is set", async () => {
    const { app } = makeTestApp({ env: { WEB_ALLOWED_ORIGINS: "https://www.gob.pe, https://www.muniabancay.gob.pe" } });
    const ok = await chat(app, {}, { origin: "https://www.gob.pe" });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://www.gob.pe");
    const other = await chat(app, {}, { origin: "https://evil.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("renderWebReply", () => {
  const base = { lang: "es" as const, messages: [{ key: "common:main.title" }], options: [], nav: { more: true, back: false, home: false }, end: false };
  it.each([
    ["choice", null],
    ["dni", "dni"],
    ["date", "date"],
    ["digits", "digits"],
    ["text", "text"],
  ] as const)("engine input %s → contract input %s", (kind, expected) => {
    const web = renderWebReply({ ...base, input: kind }, i18n);
    expect(web.input).toBe(expected);
    expect(web.options).toEqual([{ id: "98", label: t("es", "common:nav.more") }]);
  });
});

describe("POST /api/v1/chat: per-client limit", () => {
  it("answers 429 in the person's language after CHAT_RATE_LIMIT_PER_MINUTE requests from one address; other addresses go on", async () => {
    const { app } = makeTestApp({ env: { CHAT_RATE_LIMIT_PER_MINUTE: "5" } });
    const from = (ip: string, body: unknown) => chat(app, body, { "cf-connecting-ip": ip });
    for (let i = 0; i < 5; i++) expect((await from("203.0.113.7", { lang: "qu" })).status).toBe(200);
    const limited = await from("203.0.113.7", { lang: "qu", text: "1" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    const body = (await limited.json()) as { error: string; message: string };
    expect(body.error).toBe("rate_limited");
    expect(body.message).toContain("Línea 101");
    expect(body.message).toContain("minutota suyay");
    expect((await from("198.51.100.20", { lang: "es" })).status).toBe(200);
  });
});
