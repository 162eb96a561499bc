import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import type { Frame, Page } from "playwright-core";
import { createTranslator } from "../../src/i18n/translator";
import { useEmbeddingSite } from "../helpers/browser";
import { axeSerious, screenshot } from "../helpers/artifacts";

/**
 * Issue 16 in real Chromium at 360 px, under Content-Security-Policies (the service's own /chat
 * policy, and a strict one on the embedding site): the self-check's results as one list with
 * each program openable, Línea 101 as a tel: link, the latest message in view after a reload,
 * a closed widget staying closed, and a widget that works where storage is refused.
 */
const i18n = createTranslator();
const t = (key: string) => i18n.t("es", key);
const W = "[data-midis-orienta]";

const env = useEmbeddingSite((serviceUrl) => {
  const site = new Hono();
  // a municipal site with a strict policy of its own: only the service's script and API
  const csp = `default-src 'none'; script-src ${serviceUrl}; connect-src ${serviceUrl}; style-src 'unsafe-inline'; frame-src 'self'`;
  const page = (body: string) => `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Municipalidad</title></head><body><main><h1>Municipalidad Provincial de Abancay</h1>${body}</main></body></html>`;
  const widget = `<script src="${serviceUrl}/widget.js" data-lang="es"></script>`;
  site.get("/", (c) => c.html(page(`<p>Trámites.</p>${widget}`), 200, { "Content-Security-Policy": csp }));
  site.get("/otra", (c) => c.html(page(`<p>Otra página del mismo sitio.</p>${widget}`), 200, { "Content-Security-Policy": csp }));
  // a sandboxed frame without allow-same-origin: the browser refuses sessionStorage and localStorage
  site.get("/sandbox", (c) => c.html(page(`<iframe sandbox="allow-scripts" src="/inner" title="Chat" style="width:340px;height:640px;border:0"></iframe>`), 200, { "Content-Security-Policy": csp }));
  site.get("/inner", (c) => c.html(page(`${widget}`), 200, { "Content-Security-Policy": csp }));
  return site;
});

async function phone(): Promise<{ page: Page; cspErrors: string[] }> {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return { page, cspErrors };
}

async function press(page: Page | Frame, label: string) {
  const before = await page.locator(`${W} .msg`).count();
  await page.locator(`${W} .opt`, { hasText: label }).first().click();
  // answered: the person's line and the service's reply are both on screen
  await page.waitForFunction(([sel, n]) => (document.querySelector(sel)?.shadowRoot?.querySelectorAll(".msg").length ?? 0) >= n, [W, before + 2] as const);
}

async function type(page: Page, text: string) {
  const before = await page.locator(`${W} .msg`).count();
  await page.locator(`${W} input`).fill(text);
  await page.keyboard.press("Enter");
  await page.waitForFunction(([sel, n]) => (document.querySelector(sel)?.shadowRoot?.querySelectorAll(".msg").length ?? 0) >= n, [W, before + 2] as const);
}

/** a woman of 70 in extreme poverty: Pensión 65 likely, Contigo out, every outcome on one screen */
async function selfCheck(page: Page) {
  await press(page, t("common:main.eligibility"));
  await press(page, t("eligibility:begin"));
  await type(page, "70");
  await press(page, t("eligibility:no")); // pregnant
  await press(page, t("eligibility:count.none")); // nobody under 19
  await press(page, t("eligibility:yes")); // DNI
  await press(page, t("eligibility:cse.pobre_extremo"));
  await press(page, t("eligibility:no")); // ONP/AFP
  await press(page, t("eligibility:no")); // EsSalud
  await press(page, t("districts:picker.unknown"));
}

const lastBot = (page: Page) => page.locator(`${W} .msg.bot`).last();

/** the conversation log scrolled to its end, and there was something to scroll */
const logAtEnd = (page: Page | Frame) =>
  page.evaluate((sel) => {
    const log = document.querySelector(sel)!.shadowRoot!.querySelector(".log") as HTMLElement;
    return { overflows: log.scrollHeight > log.clientHeight + 20, atEnd: log.scrollTop + log.clientHeight >= log.scrollHeight - 4 };
  }, W);

describe("the chat shaped for a screen with buttons", () => {
  it("/chat: results are one message listing every program; each opens in one message; taps stay in the transcript; Línea 101 is a tel: link", async () => {
    const { page, cspErrors } = await phone();
    await page.goto(`${env.app.url}/chat?lang=es`);
    await lastBot(page).waitFor();
    await selfCheck(page);

    const results = (await lastBot(page).textContent()) ?? "";
    const programs = ["Pensión 65", "Juntos", "Contigo", "Cuna Más", "Alimentación Escolar", "Haku Wiñay"];
    for (const name of programs) expect(results).toMatch(new RegExp(`• ${name}: `));
    expect(results).toContain("• Pensión 65: probablemente sí");
    const buttons = await page.locator(`${W} .opt`).allTextContents();
    expect(buttons).toHaveLength(programs.length + 2); // every program, then Atrás and Menú: no "Más"
    expect(buttons).toContain("Pensión 65: probablemente sí");
    await screenshot(page, "issue16-results");

    await press(page, "Pensión 65: probablemente sí");
    // what the person tapped, in words
    expect(await page.locator(`${W} .msg.me`).last().textContent()).toContain("Pensión 65: probablemente sí");
    const detail = lastBot(page);
    const text = (await detail.textContent()) ?? "";
    expect(text).toMatch(/Pensión 65: probablemente sí\s+Por qué:/);
    expect(text).toContain("Qué recibe:");
    expect(text).toContain("Qué hacer:");
    expect(await page.locator(`${W} .opt`).allTextContents()).toEqual([t("common:nav.back"), t("common:nav.home")]);
    // the free line is a link to dial, built as an element (its text is the service's words)
    const link = detail.locator('a[href="tel:101"]');
    expect(await link.count()).toBeGreaterThan(0);
    expect(await link.first().textContent()).toBe("Línea 101");
    expect(await page.locator(`${W} .foot a[href="tel:101"]`).textContent()).toBe("Línea 101");
    await screenshot(page, "issue16-detail");
    expect(await axeSerious(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // a reload: the transcript keeps the list, the tapped label and the link, the latest message in view
    await page.reload();
    await page.locator(`${W} .opt`).first().waitFor();
    expect(await page.locator(`${W} .msg.me`).last().textContent()).toContain("Pensión 65: probablemente sí");
    expect(await page.locator(`${W} .msg.bot`, { hasText: "• Haku Wiñay" }).count()).toBe(1);
    expect(await lastBot(page).locator('a[href="tel:101"]').count()).toBeGreaterThan(0);
    expect(await logAtEnd(page)).toEqual({ overflows: true, atEnd: true });
    expect(cspErrors).toEqual([]);
    await page.context().close();
  }, 90_000);
});

describe("the floating widget on a site with its own strict policy", () => {
  it("a restored conversation opens scrolled to the latest message", async () => {
    const { page, cspErrors } = await phone();
    await page.goto(env.host.url);
    await page.locator(`${W} .launch`).click();
    await lastBot(page).waitFor();
    await selfCheck(page);
    expect(await logAtEnd(page)).toEqual({ overflows: true, atEnd: true });
    await page.reload();
    await page.locator(`${W} .opt`).first().waitFor();
    expect(await page.locator(`${W} .panel`).isVisible()).toBe(true);
    expect(await logAtEnd(page)).toEqual({ overflows: true, atEnd: true });
    await screenshot(page, "issue16-widget-reloaded");
    expect(cspErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it("closed stays closed on a reload and on the site's other pages, until the person opens it", async () => {
    const { page } = await phone();
    await page.goto(env.host.url);
    await page.locator(`${W} .launch`).click();
    await lastBot(page).waitFor();
    await press(page, t("common:main.programs"));
    await page.locator(`${W} header button`).click(); // ×
    expect(await page.locator(`${W} .panel`).isHidden()).toBe(true);

    await page.reload();
    await page.locator(`${W} .launch`).waitFor();
    expect(await page.locator(`${W} .panel`).isHidden()).toBe(true);
    await page.goto(`${env.host.url}/otra`);
    await page.locator(`${W} .launch`).waitFor();
    expect(await page.locator(`${W} .panel`).isHidden()).toBe(true);

    // opened again: the same conversation, and from then on it opens on every page
    await page.locator(`${W} .launch`).click();
    await page.locator(`${W} .msg.bot`, { hasText: t("programs:list.title") }).waitFor();
    await page.goto(env.host.url);
    await page.locator(`${W} .opt`).first().waitFor();
    expect(await page.locator(`${W} .panel`).isVisible()).toBe(true);
    await page.context().close();
  }, 60_000);

  it("a sandboxed frame that refuses storage still gets a working widget", async () => {
    const { page, cspErrors } = await phone();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${env.host.url}/sandbox`);
    const frame = page.frames().find((f) => f.url().endsWith("/inner"))!;
    await frame.locator(`${W} .launch`).waitFor();
    // the condition under test: this frame's storage is refused by the browser
    expect(await frame.evaluate(() => { try { void window.sessionStorage; return "allowed"; } catch { return "refused"; } })).toBe("refused");
    await frame.locator(`${W} .launch`).click();
    await frame.locator(`${W} .msg.bot`, { hasText: t("common:main.title") }).waitFor();
    await press(frame, t("common:main.programs"));
    await frame.locator(`${W} .msg.bot`, { hasText: t("programs:list.title") }).waitFor();
    await press(frame, "Pensión 65");
    expect(await frame.locator(`${W} .msg.me`).allTextContents()).toEqual([expect.stringContaining(t("common:main.programs")), expect.stringContaining("Pensión 65")]);
    // closing and opening again keeps the conversation for the page's life
    await frame.locator(`${W} header button`).click();
    await frame.locator(`${W} .launch`).click();
    expect(await frame.locator(`${W} .msg.me`).count()).toBe(2);
    expect(errors).toEqual([]);
    expect(cspErrors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
