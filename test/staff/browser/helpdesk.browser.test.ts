import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { enrolments, payments, persons } from "../../../src/db/schema";
import { consoleFixture } from "../../helpers/console";
import { addStaff } from "../../helpers/staff";
import { launchChromium, signedInPage, startServer } from "../../helpers/browser";
import { axeSerious, screenshot } from "../../helpers/artifacts";

// One browser and one server for the file; each operator gets their own browser context.
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let f: Awaited<ReturnType<typeof consoleFixture>>;
let lima: Awaited<ReturnType<typeof addStaff>>;

beforeAll(async () => {
  f = await consoleFixture();
  await f.deps.db.insert(persons).values([
    { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: null },
    { dni: "43456789", birthDate: "1955-07-07", firstNames: "Julia", lastNames: "Torres Ramos", ubigeo: "150101", phone: null },
  ]);
  await f.deps.db.insert(enrolments).values({ dni: "41234567", program: "pension65", status: "activo", since: "2019-03-01", statusReason: null });
  await f.deps.db.insert(payments).values({ dni: "41234567", program: "pension65", period: "2026-11", amountCents: 35000, status: "disponible", availableFrom: "2026-11-10", availableUntil: "2026-12-10", paymentPoint: "Banco de la Nación, Abancay" });
  lima = await addStaff(f.deps, "helpdesk", "mesa.lima@orienta.test", "150101");
  [browser, server] = await Promise.all([launchChromium(), startServer(f.app)]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// the console's CSP allows no script: axe is injected with CSP bypassed, in the test only
const operator = (email: string, password: string): Promise<Page> => signedInPage(browser, server.url, { email, password }, "Mesa de ayuda", { width: 1024, height: 900 });

async function lookUp(page: Page, dni: string) {
  await page.getByRole("link", { name: "Consultar persona" }).click();
  await page.getByLabel("DNI de la persona").fill(dni);
  await page.getByLabel("Motivo de la consulta").selectOption("pagos");
  await page.getByLabel(/autoriza esta consulta/).check();
  await page.getByRole("button", { name: "Consultar" }).click();
}

describe("the municipal help desk in Chromium", () => {
  it("serves a walk-in visitor end to end: status and payments, eligibility, a complaint, its printed receipt and the SMS", async () => {
    const page = await operator(f.staff.helpdesk.email, f.staff.helpdesk.password);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "helpdesk-home");

    await lookUp(page, "41234567");
    await page.getByRole("heading", { name: "Rosa Quispe Huamán" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("S/ 350.00");
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "helpdesk-person");

    await page.getByRole("link", { name: "Orientación" }).click();
    await page.getByLabel("Edad (años)").fill("70");
    await page.getByLabel("¿Tiene DNI?").selectOption("yes");
    await page.getByLabel("Clasificación SISFOH").selectOption("pobre_extremo");
    await page.getByRole("button", { name: "Ver resultado" }).click();
    await page.getByRole("heading", { name: "Resultado" }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "helpdesk-eligibility");

    await page.getByRole("link", { name: "Consultar persona" }).click();
    await lookUp(page, "41234567");
    await page.getByRole("button", { name: "Registrar un reclamo para esta persona" }).click();
    expect(await page.getByLabel("DNI", { exact: true }).inputValue()).toBe("41234567");
    expect(await page.getByLabel("Nombre", { exact: true }).inputValue()).toBe("Rosa Quispe Huamán");
    await page.getByLabel("Programa").selectOption("pension65");
    await page.getByLabel("Motivo").selectOption("pago_no_recibido");
    await page.getByLabel(/Qué pasó/).fill("No pudo cobrar el pago de noviembre en el Banco de la Nación.");
    await page.getByLabel("Idioma de la persona").selectOption("qu");
    await page.getByLabel("Celular", { exact: true }).fill("987654321");
    await page.getByLabel(/Por SMS/).check();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: "Registrar" }).click();
    await page.getByRole("heading", { name: /Constancia de registro/ }).waitFor();
    const code = (await page.locator(".receipt-col dd.code").first().textContent())!;
    expect(code).toMatch(/^MO-\d{4}-\d{6}$/);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "helpdesk-receipt");
    // printed: the console's banner, navigation and forms are gone, the receipt stays
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.top").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Enviar otra vez" }).isVisible()).toBe(false);
    expect(await page.locator(".receipt").isVisible()).toBe(true);
    await page.pdf({ path: "test-results/browser/helpdesk-receipt.pdf" }).catch(() => undefined);
    await screenshot(page, "helpdesk-receipt-print");
    await page.emulateMedia({ media: "screen" });

    // the filing already sent it: a second SMS only when the operator confirms the person asks
    await page.getByText(/Ya se envió la constancia por SMS/).waitFor();
    await page.getByLabel(/pide que se envíe otra vez/).check();
    await page.getByRole("button", { name: "Enviar otra vez" }).click();
    await page.getByText("SMS en la cola de envío.").waitFor();
    const sms = f.database.sqlite.prepare("select lang, body from outbox where channel = 'sms' and ref = ? order by rowid").all(`complaint:${code}`) as { lang: string; body: string }[];
    expect(sms.length).toBe(2); // the confirmation when filed, and the receipt sent from the desk
    expect(sms.every((m) => m.lang === "qu" && m.body.includes(code))).toBe(true);

    await page.getByRole("link", { name: "Cifras del distrito" }).click();
    await page.getByRole("heading", { name: /Cifras del distrito/ }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "helpdesk-district");
    await page.context().close();
  }, 90_000);

  it("an operator of another district cannot see this district's people or receipts", async () => {
    const page = await operator(lima.email, lima.password);
    await lookUp(page, "41234567");
    await page.getByText(/No se encontró a una persona con ese DNI/).waitFor();
    expect(await page.locator("main").textContent()).not.toContain("Quispe");
    await screenshot(page, "helpdesk-other-district-not-found");
    // their own people, yes
    await lookUp(page, "43456789");
    await page.getByRole("heading", { name: "Julia Torres Ramos" }).waitFor();
    const receipt = await page.goto(`${server.url}/staff/helpdesk/receipt/${f.reclamo.code}`);
    expect(receipt?.status()).toBe(404);
    await page.context().close();
  }, 60_000);
});
