import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { consoleFixture } from "../../helpers/console";
import { axeScan, launchChromium, startServer } from "../../helpers/browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let f: Awaited<ReturnType<typeof consoleFixture>>;
let context: BrowserContext;

beforeAll(async () => {
  f = await consoleFixture();
  [browser, server] = await Promise.all([launchChromium(), startServer(f.app)]);
  // the console's CSP allows no script at all: axe is evaluated through DevTools by the test only
  context = await browser.newContext();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("console accessibility (axe-core)", () => {
  it("has no serious or critical violations on any console page", async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(5_000);
    const found: Record<string, string[]> = {};
    const scan = async (name: string) => {
      const serious = (await axeScan(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
      found[name] = serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    };

    await page.goto(`${server.url}/staff/login`);
    await scan("login");
    await page.getByLabel("Correo institucional").fill("wrong@orienta.test");
    await page.getByLabel("Contraseña").fill("not the password");
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("alert").waitFor();
    await scan("login with an error");

    await page.getByLabel("Correo institucional").fill(f.staff.supervisor.email);
    await page.getByLabel("Contraseña").fill(f.staff.supervisor.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { name: "Bandeja de casos" }).waitFor();
    await scan("queue");
    await page.goto(`${server.url}/staff/complaints?status=all&region=99`);
    await scan("empty queue");
    await page.goto(`${server.url}/staff/complaints/${f.denuncia.code}?reply=forwarded_authority`);
    await scan("complaint (denuncia, supervisor)");
    await page.goto(`${server.url}/staff/complaints/${f.reclamo.code}`);
    await scan("complaint (reclamo)");
    await page.goto(`${server.url}/staff/dashboard`);
    await scan("dashboard");
    await page.goto(`${server.url}/staff/complaints/MO-2026-999999`);
    await scan("not found");

    await page.getByRole("button", { name: "Salir" }).click();
    await page.getByLabel("Correo institucional").fill(f.staff.admin.email);
    await page.getByLabel("Contraseña").fill(f.staff.admin.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { name: "Bandeja de casos" }).waitFor();
    await page.goto(`${server.url}/staff/accounts`);
    await scan("accounts (admin)");

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  }, 90_000); // about a dozen pages, each scanned by axe: slow on a loaded 2-core machine
});
