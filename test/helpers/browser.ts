import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { makeTestApp } from "./app";

/**
 * Debian's Chromium driven by playwright-core (no browser download). Playwright gives every
 * launch a fresh temporary profile (its own --user-data-dir), so no state leaks between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Serves the app on a random loopback port for the browser. */
export async function startServer(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

export interface EmbeddingSite {
  /** the service under test */
  app: { url: string; close(): Promise<void> };
  /** a site on another origin that embeds it (as a municipal site) */
  host: { url: string; close(): Promise<void> };
  browser: Browser;
}

/**
 * For a file's widget tests: the service, a site on another origin built by `site(serviceUrl)`,
 * and one Chromium — started before the file's tests, closed after them.
 */
export function useEmbeddingSite(site: (serviceUrl: string) => Hono): EmbeddingSite {
  const started = {} as EmbeddingSite;
  beforeAll(async () => {
    started.app = await startServer(makeTestApp().app);
    started.host = await startServer(site(started.app.url));
    started.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.host?.close();
    await started.app?.close();
  });
  return started;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page. It is evaluated through the DevTools protocol rather than added as a
 * script tag, so pages keep their real Content-Security-Policy while they are tested.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/** Opens the console's login page and submits the form (the caller waits for what it expects next). */
export async function submitLogin(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/staff/login`);
  await page.getByLabel("Correo institucional").fill(who.email);
  await page.getByLabel("Contraseña").fill(who.password);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

/** A page in a fresh browser context (its own cookies), signed in, once `heading` is shown. */
export async function signedInPage(browser: Browser, baseUrl: string, who: { email: string; password: string }, heading: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await submitLogin(page, baseUrl, who);
  await page.getByRole("heading", { name: heading }).waitFor();
  return page;
}
