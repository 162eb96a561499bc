import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { consoleFixture } from "../../helpers/console";
import { launchChromium, startServer } from "../../helpers/browser";

// One browser and one server for the file; each test gets its own browser context (cookies).
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let f: Awaited<ReturnType<typeof consoleFixture>>;

beforeAll(async () => {
  f = await consoleFixture();
  [browser, server] = await Promise.all([launchChromium(), startServer(f.app)]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("staff console in Chromium", () => {
  it("logs in, filters the queue, opens a complaint, takes it, answers it and sees the answer in the outbox", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(5_000);

    await page.goto(`${server.url}/staff`);
    await expect.poll(() => page.url()).toContain("/staff/login?next=%2Fstaff");
    await page.getByLabel("Correo institucional").fill(f.staff.agent.email);
    await page.getByLabel("Contraseña").fill(f.staff.agent.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { name: "Bandeja de casos" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(3);

    // filter: Apurímac only
    await page.getByLabel("Región").selectOption({ label: "Apurímac" });
    await page.getByRole("button", { name: "Filtrar" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(page.url()).toContain("region=03");
    await page.getByRole("link", { name: f.reclamo.code }).click();
    await page.getByRole("heading", { name: `Caso ${f.reclamo.code}` }).waitFor();
    expect(await page.locator("main").textContent()).toContain("41234567"); // a reclamo's reporter, for the agent working it

    await page.getByRole("button", { name: "Tomar el caso" }).click();
    await page.getByText("Asignación guardada.").waitFor();

    // a canned reply, shown in the person's language (Quechua), then edited
    await page.getByLabel(/Respuesta modelo/).selectOption("payment_point");
    await page.getByRole("button", { name: "Usar esta respuesta" }).click();
    const quechua = f.ctx().i18n.t("qu", "complaints:replies.payment_point");
    await expect.poll(() => page.getByLabel(/Respuesta a la persona/).inputValue()).toBe(quechua);
    await page.getByLabel(/Respuesta a la persona/).fill(`${quechua} Abancay.`);
    await page.getByLabel("Nuevo estado").selectOption("respondido");
    await page.getByRole("button", { name: "Guardar estado" }).click();
    await page.getByText("Estado guardado.").waitFor();

    const messages = page.locator("#messages tbody tr");
    await expect.poll(() => messages.last().textContent()).toContain(`${quechua} Abancay.`);
    expect(await messages.last().textContent()).toContain("Pendiente");

    // the dispatcher takes it; no SMS provider is configured here, and the page says so plainly
    expect((await f.ctx().dispatchOutbox()).notSent).toBeGreaterThan(0);
    await page.reload();
    expect(await messages.last().textContent()).toContain("No enviado: canal sin proveedor");
    await page.getByRole("alert").filter({ hasText: /no se pudo enviar|no se pudieron enviar/ }).first().waitFor();
    const row = f.database.sqlite.prepare("select lang, status, body from outbox where ref = ? order by rowid desc limit 1").get(`complaint:${f.reclamo.code}`) as { lang: string; status: string; body: string };
    expect(row.lang).toBe("qu");
    expect(row.status).toBe("not_sent");
    expect(row.body).toContain(`${quechua} Abancay.`);
    await context.close();
  });
});
