import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import type { Page } from "playwright-core";
import { createTranslator } from "../../src/i18n/translator";
import type { Lang } from "../../src/i18n/langs";
import { useEmbeddingSite } from "../helpers/browser";
import { axeSerious, screenshot } from "../helpers/artifacts";

// One browser for the file; the app and a host page on another origin (as a municipal site).
const i18n = createTranslator();
const t = (lang: Lang, key: string) => i18n.t(lang, key);
const W = "[data-midis-orienta]";

const env = useEmbeddingSite((serviceUrl) => {
  const site = new Hono();
  site.get("/", (c) => {
    const lang = c.req.query("lang") ?? "es";
    const color = c.req.query("color");
    return c.html(`<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Municipalidad de Abancay</title></head>
<body><main><h1>Municipalidad Provincial de Abancay</h1><p>Trámites y programas sociales.</p></main>
<script src="${serviceUrl}/widget.js" data-lang="${lang}"${color ? ` data-color="${color}"` : ""}></script></body></html>`);
  });
  return site;
});

async function phone(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: false });
  return context.newPage();
}

/** what has the keyboard focus inside the widget */
function focused(page: Page) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return el ? { tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent ?? "", label: el.getAttribute("aria-label") } : null;
  }, W);
}

async function waitForFocus(page: Page, cls: string) {
  await page.waitForFunction(
    ([sel, c]) => (document.querySelector(sel)?.shadowRoot?.activeElement as HTMLElement | null)?.classList.contains(c) ?? false,
    [W, cls] as const,
  );
}

async function botSays(page: Page, text: string) {
  await page.locator(`${W} .msg.bot`, { hasText: text.split("\n")[0] }).last().waitFor();
}

/** Tab until the widget's text box has the focus (a keyboard user's way there) */
async function tabToInput(page: Page) {
  for (let i = 0; i < 40; i++) {
    if ((await focused(page))?.tag === "input") return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the text box is not reachable with Tab");
}

describe("the embeddable widget, in real Chromium on a 360-pixel screen", () => {
  it.each([
    ["es", undefined],
    ["qu", "#ffd100"],
    ["ay", "#7a1f5c"],
  ] as const)("a whole conversation in %s with the keyboard only (colour %s)", async (lang, color) => {
    const page = await phone();
    await page.goto(`${env.host.url}/?lang=${lang}${color ? `&color=${encodeURIComponent(color)}` : ""}`);
    // the launcher is the page's first stop for Tab, labelled in the person's language
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", cls: "launch", label: t(lang, "web:widget.open") });
    await screenshot(page, `widget-${lang}-closed`);
    await page.keyboard.press("Enter");
    // data-lang: no language question, the main menu in that language, focus on the first option
    await botSays(page, t(lang, "common:main.title"));
    await waitForFocus(page, "opt");
    expect((await focused(page))?.text).toBe(t(lang, "common:main.programs"));
    await screenshot(page, `widget-${lang}-menu`);
    await page.keyboard.press("Enter");
    await botSays(page, t(lang, "programs:list.title"));
    await waitForFocus(page, "opt");
    await page.keyboard.press("Enter"); // the first program
    await page.locator(`${W} .msg.me`).nth(1).waitFor();
    await waitForFocus(page, "opt");
    await screenshot(page, `widget-${lang}-program`);
    const afterProgram = await page.locator(`${W} .msg.bot`).count();
    expect(afterProgram).toBe(3);
    // a command typed in the text box, in the person's language
    await tabToInput(page);
    await page.keyboard.type(i18n.t(lang, "commands:exit").split("|")[0]);
    await page.keyboard.press("Enter");
    await botSays(page, t(lang, "common:goodbye"));
    expect(await page.locator(`${W} .opt`).count()).toBe(0);
    // the widget's own labels are in the language too
    expect(await page.locator(`${W} label`).textContent()).toBe(t(lang, "web:widget.input_label"));
    expect(await page.locator(`${W} .w`).getAttribute("lang")).toBe(lang);
    // nothing scrolls sideways on a 360-pixel screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const violations = await axeSerious(page);
    expect(violations).toEqual([]);
    // Escape closes the panel and gives the focus back to the launcher
    await page.keyboard.press("Escape");
    expect((await focused(page))?.cls).toBe("launch");
    await page.context().close();
  }, 60_000);

  it("a reload keeps the conversation (same session, no new request) and it goes on from there", async () => {
    const page = await phone();
    let requests = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/chat") && r.method() === "POST") requests++;
    });
    await page.goto(`${env.host.url}/?lang=es`);
    await page.locator(`${W} .launch`).click();
    await botSays(page, t("es", "common:main.title"));
    await page.locator(`${W} .opt`, { hasText: t("es", "common:main.programs") }).click();
    await botSays(page, t("es", "programs:list.title"));
    const before = await page.locator(`${W} .msg`).allTextContents();
    const sent = requests;

    await page.reload();
    await page.locator(`${W} .opt`).first().waitFor();
    expect(await page.locator(`${W} .msg`).allTextContents()).toEqual(before);
    expect(requests).toBe(sent);
    // the panel is open again but the page keeps its own focus
    expect(await focused(page)).toBeNull();
    await screenshot(page, "widget-es-after-reload");
    await page.locator(`${W} .opt`, { hasText: t("es", "common:nav.back") }).click();
    await page.locator(`${W} .msg.bot`).nth(2).waitFor();
    expect(await page.locator(`${W} .msg.bot`).last().textContent()).toContain(t("es", "common:main.title"));
    await page.context().close();
  }, 60_000);

  it("a very long text (a pasted complaint) never throws the conversation away", async () => {
    const page = await phone();
    const sessions: (string | undefined)[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/chat") && r.method() === "POST") sessions.push((r.postDataJSON() as { sessionId?: string }).sessionId);
    });
    await page.goto(`${env.host.url}/?lang=qu`);
    await page.locator(`${W} .launch`).click();
    await botSays(page, t("qu", "common:main.title"));
    await page.locator(`${W} .opt`, { hasText: t("qu", "common:main.programs") }).click();
    await botSays(page, t("qu", "programs:list.title"));
    await page.locator(`${W} input`).fill("a".repeat(2100));
    await page.keyboard.press("Enter");
    // the service's own answer, in Quechua, on the same screen of the same conversation
    await botSays(page, t("qu", "common:errors.option_buttons"));
    await page.locator(`${W} .opt`, { hasText: t("qu", "common:nav.back") }).click();
    await page.locator(`${W} .msg.bot`).nth(3).waitFor();
    expect(await page.locator(`${W} .msg.bot`).last().textContent()).toContain(t("qu", "common:main.title"));
    const ids = sessions.slice(1);
    expect(ids.length).toBe(3);
    expect(new Set(ids).size).toBe(1);
    await page.context().close();
  }, 60_000);

  it("an answer lost on a slow connection is retried and applied once", async () => {
    const page = await phone();
    let dropped = false;
    await page.route("**/api/v1/chat", async (route) => {
      const body = route.request().postDataJSON() as { choice?: string };
      if (body.choice === "1" && !dropped) {
        dropped = true;
        await route.fetch(); // the service got it and answered...
        return route.abort("connectionreset"); // ...but the answer never arrived
      }
      return route.continue();
    });
    await page.goto(`${env.host.url}/?lang=es`);
    await page.locator(`${W} .launch`).click();
    await botSays(page, t("es", "common:main.title"));
    await page.locator(`${W} .opt`).first().click();
    await page.locator(`${W} .status`, { hasText: t("es", "web:widget.retrying") }).waitFor();
    await botSays(page, t("es", "programs:list.title"));
    // one line for what the person pressed, one answer: the program list, not a program's page
    expect(await page.locator(`${W} .msg.me`).count()).toBe(1);
    expect(await page.locator(`${W} .msg.bot`).last().textContent()).toContain(t("es", "programs:list.title"));
    expect(dropped).toBe(true);
    await page.context().close();
  }, 60_000);

  it("/chat is the full-page version: keyboard conversation, other languages linked, no serious accessibility problems", async () => {
    const page = await phone();
    await page.goto(`${env.app.url}/chat?lang=ay`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ay");
    await botSays(page, t("ay", "common:main.title"));
    // the page does not grab the focus; Tab reaches the options after the language links
    expect(await focused(page)).toBeNull();
    for (let i = 0; i < 10 && (await focused(page))?.cls !== "opt"; i++) await page.keyboard.press("Tab");
    expect((await focused(page))?.text).toBe(t("ay", "common:main.programs"));
    await page.keyboard.press("Enter");
    await botSays(page, t("ay", "programs:list.title"));
    await screenshot(page, "chat-page-ay");
    expect(await axeSerious(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('a[hreflang="qu"]').click();
    await page.waitForURL(/lang=qu/);
    // the same conversation goes on in Quechua: the current screen again, in the new language
    await botSays(page, t("qu", "programs:list.title"));
    expect(await page.locator(`${W} .msg.bot`).first().textContent()).toContain(t("ay", "common:main.title"));
    expect(await page.locator(`${W} .w`).getAttribute("lang")).toBe("qu");
    await page.context().close();
  }, 60_000);
});
