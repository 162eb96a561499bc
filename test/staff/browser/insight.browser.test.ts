import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { complaintCounts, eligibilityCounts, usageCounts } from "../../../src/db/schema";
import { consoleFixture } from "../../helpers/console";
import { REBUILD_INSIGHT_ROLLUPS_SQL } from "../../../src/db/repos/insight-rollups";
import { launchChromium, startServer } from "../../helpers/browser";
import { ARTIFACTS, axeSerious, screenshot } from "../../helpers/artifacts";

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let f: Awaited<ReturnType<typeof consoleFixture>>;

beforeAll(async () => {
  f = await consoleFixture();
  // a few weeks of counts in several departments, so the map and charts have something to show
  const departments = ["01", "03", "05", "08", "12", "15", "20", "21", "25"];
  const rows = departments.flatMap((d, i) =>
    [0, 1, 2, 3].map((w) => ({
      day: `2026-11-0${w * 2 + 1}`,
      program: i % 2 ? "juntos" : "pension65",
      kind: w % 2 ? "denuncia" : "reclamo",
      category: "pago_no_recibido",
      ubigeo: `${d}0101`,
      channel: "ussd",
      lang: i % 3 ? "qu" : "es",
      queue: "payments",
      answerDays: w,
      onTime: w < 3 ? 1 : 0,
      count: 3 + i * 4 + w,
    })),
  );
  await f.deps.db.insert(complaintCounts).values(rows);
  await f.deps.db.insert(usageCounts).values(
    departments.map((d, i) => ({ day: "2026-11-05", channel: i % 2 ? "whatsapp" : "ussd", lang: i % 3 ? "qu" : "ay", section: "eligibility" as const, department: d, outcome: "entered" as const, node: "", count: 10 + i })),
  );
  await f.deps.db.insert(eligibilityCounts).values(departments.map((d, i) => ({ day: "2026-11-05", program: "juntos", outcome: "likely", ubigeo: `${d}0101`, channel: "ussd", count: 2 + i })));
  // the counts were written directly: the page's rollups rebuilt from them (as the migration does)
  for (const s of REBUILD_INSIGHT_ROLLUPS_SQL) f.database.sqlite.exec(s);
  [browser, server] = await Promise.all([launchChromium(), startServer(f.app)]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("insight page and open data in Chromium", () => {
  it("are axe-clean (no serious or critical violation), the map clicks through to provinces, a screenshot of the map is kept", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const cspViolations: string[] = [];
    page.on("console", (m) => m.type() === "error" && cspViolations.push(m.text()));
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel("Correo institucional").fill(f.staff.supervisor.email);
    await page.getByLabel("Contraseña").fill(f.staff.supervisor.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { name: "Bandeja de casos" }).waitFor();

    await page.getByRole("link", { name: "Información para decidir" }).click();
    await page.getByRole("heading", { name: "Información para decidir", level: 1 }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    const map = page.locator('svg[aria-labelledby="map-t map-d"]');
    expect(await map.locator("path").count()).toBe(25);
    mkdirSync(ARTIFACTS, { recursive: true });
    await map.screenshot({ path: join(ARTIFACTS, "insight-map-departments.png") });
    await screenshot(page, "insight-page");

    // the data behind a toggle opens without script
    await page.getByText("Ver los datos de «Uso por idioma»").click();
    await expect(page.getByRole("cell", { name: "quechua" }).isVisible()).resolves.toBe(true);

    // click-through: Cusco's provinces (08)
    await map.locator('path[data-code="08"]').click();
    await page.waitForURL(/dept=08/);
    expect(await page.locator('svg[aria-labelledby="map-t map-d"] path').count()).toBe(13);
    expect(await axeSerious(page)).toEqual([]);
    await page.locator('svg[aria-labelledby="map-t map-d"]').screenshot({ path: join(ARTIFACTS, "insight-map-cusco-provinces.png") });

    // the coverage-gap map and a bad period
    await page.goto(`${server.url}/staff/insight?map=gap`);
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${server.url}/staff/insight?from=2026-11-01&to=2026-10-01`);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("El periodo está al revés");
    expect(await axeSerious(page)).toEqual([]);

    // printable: the print stylesheet hides the console's header and the filters
    await page.emulateMedia({ media: "print" });
    await page.goto(`${server.url}/staff/insight`);
    expect(await page.locator("header.top").isVisible()).toBe(false);
    await screenshot(page, "insight-print");
    await page.emulateMedia({ media: "screen" });

    // the public open data, no login
    const visitor = await browser.newContext();
    const open = await visitor.newPage();
    await open.goto(`${server.url}/`);
    await open.getByRole("link", { name: "Datos abiertos", exact: true }).click();
    await open.getByRole("heading", { name: "Datos abiertos de MIDIS Orienta" }).waitFor();
    expect(await axeSerious(open)).toEqual([]);
    await screenshot(open, "datos");
    expect(cspViolations.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    await visitor.close();
    await context.close();
  }, 90_000);
});
