import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { classifications, enrolments, payments, persons } from "../../../src/db/schema";
import { consoleFixture } from "../../helpers/console";
import { launchChromium, signedInPage, startServer } from "../../helpers/browser";
import { axeSerious, screenshot } from "../../helpers/artifacts";

// One browser and one server for the file; each person gets their own browser context.
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let f: Awaited<ReturnType<typeof consoleFixture>>;

beforeAll(async () => {
  f = await consoleFixture();
  await f.deps.db.insert(persons).values([
    { dni: "41234567", birthDate: "1950-04-21", firstNames: "Rosa", lastNames: "Quispe Huamán", ubigeo: "030101", phone: null },
    { dni: "44556677", birthDate: "1947-08-15", firstNames: "Teodora", lastNames: "Ccahuana Quispe", ubigeo: "030101", phone: null },
  ]);
  await f.deps.db.insert(enrolments).values({ dni: "41234567", program: "juntos", status: "suspendido", since: "2021-05-01", statusReason: "cred_incumplido" });
  await f.deps.db.insert(classifications).values({ dni: "41234567", level: "pobre_extremo", validUntil: "2028-01-31" });
  await f.deps.db.insert(payments).values([
    { dni: "41234567", program: "juntos", period: "2026-09", amountCents: 20000, status: "cobrado", availableFrom: "2026-09-10", availableUntil: "2026-10-10", paymentPoint: "Banco de la Nación, Abancay" },
    { dni: "41234567", program: "juntos", period: "2026-11", amountCents: 20000, status: "no_cobrado", availableFrom: "2026-11-10", availableUntil: "2026-12-10", paymentPoint: "Banco de la Nación, Abancay" },
  ]);
  for (let i = 0; i < 4; i++) await f.file({ description: `Reclamo de prueba ${i}`, reporter: { dni: `4200000${i}`, name: `Persona ${i}` }, contact: { channel: "desk" } });
  [browser, server] = await Promise.all([launchChromium(), startServer(f.app)]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (email: string, password: string, heading: string): Promise<Page> => signedInPage(browser, server.url, { email, password }, heading);

const codesOnPage = async (page: Page) => (await page.locator("tbody a[href^='/staff/complaints/MO-']").allTextContents()).map((t) => t.trim());

describe("issue 19 in Chromium", () => {
  it("a supervisor searches from the header, filters what is due, and bulk-assigns; a refused bulk change changes nothing", async () => {
    const page = await signIn(f.staff.supervisor.email, f.staff.supervisor.password, "Bandeja de casos");
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-queue");

    // the search box in the header: a DNI with dots
    await page.getByRole("search", { name: "Buscar un caso" }).getByLabel("Buscar caso").fill("41.234.567");
    await page.getByRole("search", { name: "Buscar un caso" }).getByRole("button", { name: "Buscar" }).click();
    await expect.poll(() => codesOnPage(page)).toEqual([f.reclamo.code]);
    expect(await page.locator("#count").textContent()).toContain("1 caso");
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-search");

    // LIKE metacharacters find nothing rather than everything
    await page.getByLabel("Buscar (código, DNI, celular o nombre)").fill("%");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await page.getByText("Ningún caso coincide con la búsqueda").waitFor();

    // vence en ≤ 7 días: nothing yet (30 business days), then everything open
    await page.getByLabel("Buscar (código, DNI, celular o nombre)").fill("");
    await page.getByLabel("Vence").selectOption("7");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await page.getByText("No hay casos con estos filtros.").waitFor();
    await page.getByLabel("Vence").selectOption("");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await expect.poll(() => codesOnPage(page).then((c) => c.length)).toBe(7);

    // bulk: tick two, assign to the agent
    const [first, second] = await codesOnPage(page);
    await page.getByLabel(`Elegir ${first}`).check();
    await page.getByLabel(`Elegir ${second}`).check();
    await page.getByLabel("Asignar a").selectOption({ label: "quality_agent test" });
    await page.getByRole("button", { name: "Asignar los elegidos" }).click();
    await page.getByText("Casos asignados.").waitFor();
    const assigned = f.database.sqlite.prepare("select code from complaints where assignee_id = ? order by code").all(f.staff.agent.id) as { code: string }[];
    expect(assigned.map((r) => r.code).sort()).toEqual([first, second].sort());

    // refused whole: one of the ticked cases is closed (improcedente)
    f.database.sqlite.prepare("update complaints set status = 'improcedente' where code = ?").run(f.consulta.code);
    await page.getByLabel("Estado", { exact: true }).selectOption("all");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await page.getByLabel(`Elegir ${f.consulta.code}`).check();
    await page.getByLabel(`Elegir ${f.reclamo.code}`).check();
    await page.getByLabel("Nuevo estado").selectOption("derivado");
    await page.getByRole("button", { name: "Cambiar estado de los elegidos" }).click();
    await page.getByText(/No se cambió ningún caso/).waitFor();
    expect(await page.locator("#queue-error").textContent()).toContain(f.consulta.code);
    expect(f.database.sqlite.prepare("select status from complaints where code = ?").get(f.reclamo.code)).toEqual({ status: "registrado" });
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-bulk-refused");
    await page.context().close();
  }, 90_000);

  it("an agent sees the registry beside a payment complaint, with the payment it is about, and walks to the next case", async () => {
    const page = await signIn(f.staff.agent.email, f.staff.agent.password, "Bandeja de casos");
    await page.getByRole("link", { name: f.reclamo.code }).click();
    await page.getByRole("heading", { name: `Caso ${f.reclamo.code}` }).waitFor();
    const registry = page.getByRole("region", { name: "La persona en el padrón" });
    await registry.waitFor();
    expect(await registry.textContent()).toContain("cred_incumplido");
    expect(await registry.textContent()).toContain("Pobre extremo");
    await registry.getByRole("link", { name: "Juntos 2026-11" }).click();
    await expect.poll(() => page.url()).toContain("#pago-juntos-2026-11");
    expect(await page.locator("#pago-juntos-2026-11").textContent()).toContain("No cobrado");
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-case-registry");
    // next case by its access key (no script): the link carries accesskey="s"
    const next = page.locator('a[accesskey="s"]');
    expect(await next.getAttribute("rel")).toBe("next");
    await next.click();
    await page.getByRole("heading", { name: /^Caso MO-/ }).waitFor();
    expect(page.url()).not.toContain(f.reclamo.code);
    await page.locator('a[accesskey="a"]').click();
    await page.getByRole("heading", { name: `Caso ${f.reclamo.code}` }).waitFor();
    const audits = f.database.sqlite.prepare("select count(*) as n from audit_log where action = 'complaint.registry_context' and actor = ?").get(`staff:${f.staff.agent.id}`) as { n: number };
    expect(audits.n).toBeGreaterThanOrEqual(2);
    await page.context().close();
  }, 90_000);

  it("a help desk files a reclamo for a person without a phone and prints the bilingual receipt", async () => {
    const page = await signIn(f.staff.helpdesk.email, f.staff.helpdesk.password, "Mesa de ayuda");
    await page.getByRole("link", { name: "Consultar persona" }).click();
    await page.getByLabel("DNI de la persona").fill("44556677");
    await page.getByLabel("Motivo de la consulta").selectOption("reclamo");
    await page.getByLabel(/autoriza esta consulta/).check();
    await page.getByRole("button", { name: "Consultar" }).click();
    await page.getByRole("heading", { name: "Teodora Ccahuana Quispe" }).waitFor();
    await page.getByRole("button", { name: "Registrar un reclamo para esta persona" }).click();
    expect(await page.getByLabel("Nombre", { exact: true }).inputValue()).toBe("Teodora Ccahuana Quispe");
    expect(await page.getByLabel("Celular", { exact: true }).inputValue()).toBe("");
    // no phone: the desk is chosen already
    expect(await page.getByLabel(/En esta mesa de ayuda/).isChecked()).toBe(true);
    await page.getByLabel("Programa").selectOption("pension65");
    // a category of another kind first: refused in Spanish, naming the field
    await page.getByLabel("Tipo").selectOption("denuncia");
    await page.getByLabel("Motivo", { exact: true }).selectOption({ label: "No recibí mi pago" });
    await page.getByLabel(/Qué pasó/).fill("No le pagaron la pensión de noviembre.");
    await page.getByLabel("Idioma de la persona").selectOption("qu");
    await page.getByRole("button", { name: "Registrar" }).click();
    await page.getByText(/Revise «Motivo»: «No recibí mi pago» no es un motivo de denuncia/).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-helpdesk-refused");
    await page.getByLabel("Tipo").selectOption("reclamo");
    await page.getByRole("button", { name: "Registrar" }).click();

    await page.getByText("Reclamo registrado.").waitFor();
    const quechua = page.locator('section.receipt-col[lang="qu"]');
    const spanish = page.locator('section.receipt-col[lang="es"]');
    expect(await quechua.textContent()).toContain("Teodora Ccahuana Quispe");
    expect(await spanish.textContent()).toContain("******77");
    expect(await spanish.textContent()).toMatch(/Vuelva a esta mesa de ayuda .* desde el \d{1,2} de enero de 2027/);
    expect(await spanish.textContent()).toContain("23 de noviembre de 2026");
    expect(await page.getByText("No hay celular registrado para este caso").isVisible()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-receipt");

    // printed: both columns side by side, the console gone
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.top").isVisible()).toBe(false);
    expect(await page.getByText("No hay celular registrado para este caso").isVisible()).toBe(false);
    const [qBox, sBox] = [await quechua.boundingBox(), await spanish.boundingBox()];
    expect(qBox && sBox && qBox.x < sBox.x && Math.abs(qBox.y - sBox.y) < 5).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, "issue19-receipt-print");
    await page.pdf({ path: "test-results/browser/issue19-receipt.pdf" }).catch(() => undefined);
    await page.context().close();
  }, 90_000);
});
