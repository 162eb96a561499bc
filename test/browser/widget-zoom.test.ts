import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import type { Page } from "playwright-core";
import { createTranslator } from "../../src/i18n/translator";
import { useEmbeddingSite } from "../helpers/browser";
import { screenshot } from "../helpers/artifacts";

/**
 * The widget at 200 % zoom on a 360 × 740 phone: the page is 180 × 370 CSS pixels. Before, the
 * floating panel kept its fixed sections (header, options, text box, footer) and gave the
 * conversation what was left: 24 px, so the service's message could not be read (2 px of it
 * showed) and the text box was 33 px wide. Now a short panel scrolls as one piece, the latest
 * message is brought into view after each answer, and the send button goes under the text box.
 */
const i18n = createTranslator();
const W = "[data-midis-orienta]";

const env = useEmbeddingSite((serviceUrl) =>
  new Hono().get("/", (c) =>
    c.html(
      `<!doctype html><html lang="qu"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Municipalidad</title></head><body><main><h1>Municipalidad</h1></main><script src="${serviceUrl}/widget.js" data-lang="qu" data-open="true"></script></body></html>`,
    ),
  ),
);

async function open(width: number, height: number, scale: number, url: string): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(`${W} .msg.bot`).first().waitFor();
  await page.locator(`${W} .opt`).first().waitFor();
  return page;
}

/** how much of the latest service message is on screen (inside the panel and the viewport), and the text box's width */
function measure(page: Page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)!.shadowRoot!;
    const panel = root.querySelector(".panel") as HTMLElement;
    const log = root.querySelector(".log") as HTMLElement;
    const last = [...root.querySelectorAll(".msg.bot")].pop() as HTMLElement;
    const input = root.querySelector("input") as HTMLElement;
    const send = root.querySelector("form button") as HTMLElement;
    const p = panel.getBoundingClientRect();
    const l = log.getBoundingClientRect();
    const m = last.getBoundingClientRect();
    const top = Math.max(m.top, p.top, l.top, 0);
    const bottom = Math.min(m.bottom, p.bottom, l.bottom, window.innerHeight);
    return {
      text: last.textContent ?? "",
      shown: Math.max(0, bottom - top) / m.height,
      inputWidth: input.getBoundingClientRect().width,
      sendBelowInput: send.getBoundingClientRect().top >= input.getBoundingClientRect().bottom - 1,
    };
  }, W);
}

describe("the widget at 200 % zoom (a 360 × 740 phone: 180 × 370 CSS px)", () => {
  for (const where of ["floating widget", "/chat"] as const) {
    it(`${where}: the service's message can be read, before and after an answer, and the text box is usable`, async () => {
      const page = await open(180, 370, 2, where === "/chat" ? `${env.app.url}/chat?lang=qu` : `${env.host.url}/`);
      const first = await measure(page);
      expect(first.text).toContain(i18n.t("qu", "common:main.title"));
      expect(first.shown).toBeGreaterThan(0.95);
      expect(first.inputWidth).toBeGreaterThanOrEqual(120);
      expect(first.sendBelowInput).toBe(true);

      // keyboard: the first option focused, Enter answers; the next message is in view
      const before = await page.locator(`${W} .msg`).count();
      await page.locator(`${W} .opt`).first().focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(([sel, n]) => (document.querySelector(sel)?.shadowRoot?.querySelectorAll(".msg").length ?? 0) >= n, [W, before + 2] as const);
      await page.waitForTimeout(300);
      const next = await measure(page);
      expect(next.text).toContain(i18n.t("qu", "programs:list.title").slice(0, 12));
      expect(next.shown).toBeGreaterThan(0.95);
      await screenshot(page, `widget-zoom-200-${where === "/chat" ? "chat" : "float"}`);
    });
  }

  it("the home page (each language) and the developer page reflow at 180 px: no sideways scrolling (the widget's sample tag wraps)", async () => {
    const context = await env.browser.newContext({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    for (const path of ["/", "/?lang=qu", "/?lang=ay", "/desarrollo"]) {
      await page.goto(`${env.app.url}${path}`);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, path).toBeLessThanOrEqual(client);
    }
  });

  it("at 100 % on the same phone nothing changes: the log scrolls inside the panel, the send button beside the text box", async () => {
    const page = await open(360, 740, 1, `${env.host.url}/`);
    const m = await measure(page);
    expect(m.shown).toBeGreaterThan(0.95);
    expect(m.sendBelowInput).toBe(false);
    const panelScrolls = await page.evaluate((sel) => {
      const panel = document.querySelector(sel)!.shadowRoot!.querySelector(".panel") as HTMLElement;
      return getComputedStyle(panel).overflowY;
    }, W);
    expect(panelScrolls).not.toBe("auto");
  });
});
