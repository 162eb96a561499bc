import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createKeyedHash } from "../../../src/services/lookups/keyed-hash";
import { grantConsent } from "../../../src/services/notices/consent";
import { launchChromium, signedInPage, startServer } from "../../helpers/browser";
import { axeSerious, screenshot } from "../../helpers/artifacts";
import { DEMO, makeRegistryApp } from "../../helpers/registry";
import { addStaff, TEST_ENV } from "../../helpers/staff";

// Issue 21 item 3 in Chromium: a supervisor writes a broadcast, sees its figures, saves it; an
// admin (another person) approves it. Both screens axe-clean.
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let t: Awaited<ReturnType<typeof makeRegistryApp>>;
let author: Awaited<ReturnType<typeof addStaff>>;
let approver: Awaited<ReturnType<typeof addStaff>>;

beforeAll(async () => {
  t = await makeRegistryApp({ ...TEST_ENV, BROADCAST_PRICE_SMS_SEGMENT: "0.05" });
  const consent = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
  await grantConsent(consent, { dni: DEMO.pension65Available.dni, channel: "sms", address: "+51987654321", lang: "qu", via: "sms", actor: "citizen:sms" });
  await grantConsent(consent, { dni: DEMO.inEvaluation.dni, channel: "sms", address: "+51954321098", lang: "es", via: "sms", actor: "citizen:sms" });
  author = await addStaff(t.deps, "quality_supervisor", "supervisora@orienta.test");
  approver = await addStaff(t.deps, "admin", "admin@orienta.test");
  [browser, server] = await Promise.all([launchChromium(), startServer(t.app)]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (email: string, password: string): Promise<Page> => signedInPage(browser, server.url, { email, password }, "Bandeja de casos");

describe("broadcasts in Chromium", () => {
  it("a supervisor writes and saves a broadcast; she cannot approve it; an admin does", async () => {
    const page = await signIn(author.email, author.password);
    await page.getByRole("navigation", { name: "Secciones de la consola" }).getByRole("link", { name: "Mensajes masivos" }).click();
    await page.getByRole("link", { name: "Escribir un mensaje nuevo" }).click();
    await page.getByLabel("Nombre interno (no se envía)").fill("Carrito pagador Abancay");
    await page.getByLabel(/^Lugar/).fill("03");
    await page.getByRole("group", { name: "Idiomas" }).getByLabel("aimara").uncheck();
    await page.getByLabel("Texto en castellano").fill("El carrito pagador llega a la plaza de Abancay el 12 de diciembre, de 8:00 a 14:00.");
    await page.getByLabel("Texto en quechua").fill("Qullqi apaq carrito Abancay plazaman chayamunqa 12 diciembre p'unchaw, 8:00 manta 14:00 kama.");
    await page.getByRole("button", { name: "Calcular destinatarios y costo" }).click();
    await page.getByText("2 destinatarios").waitFor();
    expect(await page.getByText(/Costo estimado: SMS S\/ 0.10/).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "broadcast-form");

    await page.getByRole("button", { name: "Guardar para aprobación" }).click();
    await page.getByRole("heading", { name: "Mensaje masivo: Carrito pagador Abancay" }).waitFor();
    expect(await page.locator("#status").textContent()).toBe("Espera aprobación");
    expect(await page.getByRole("button", { name: "Aprobar el envío" }).count()).toBe(0);
    await page.getByText("otra persona de supervisión o administración debe aprobarlo").waitFor();
    expect(await axeSerious(page)).toEqual([]);
    const url = page.url();

    const admin = await signIn(approver.email, approver.password);
    await admin.goto(`${server.url}/staff/broadcasts`);
    await admin.getByRole("link", { name: "Carrito pagador Abancay" }).click();
    await admin.getByRole("button", { name: "Aprobar el envío" }).click();
    await admin.getByRole("status").filter({ hasText: "Mensaje aprobado" }).waitFor();
    expect(await admin.locator("#status").textContent()).toBe("Aprobado, programado");
    expect(admin.url().split("?")[0]).toBe(url.split("?")[0]);
    expect(await axeSerious(admin)).toEqual([]);
    await screenshot(admin, "broadcast-approved");
  }, 60_000);
});
