import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";
import { createTranslator } from "../../src/i18n/translator";
import { ussdStatusPath } from "../../src/staff/helpdesk/receipt";

const FIELDS = { kind: "reclamo", program: "pension65", category: "pago_no_recibido", description: "No cobró.", dni: "41234567", name: "Rosa Quispe Huamán" };

async function receiptFor(env: Record<string, string>, fields: Record<string, string>) {
  const t = makeTestApp({ env: { ...TEST_ENV, ...env } });
  const operator = await addStaff(t.deps, "helpdesk");
  const desk = new StaffBrowser(t.app);
  await desk.login(operator.email, operator.password);
  const res = await desk.submit("/staff/helpdesk/complaint", "/staff/helpdesk/complaint", { ...FIELDS, ...fields });
  expect(res.status).toBe(303);
  const code = /receipt\/(MO-\d{4}-\d{6})/.exec(res.headers.get("location")!)![1];
  return { code, html: await (await desk.get(res.headers.get("location")!)).text() };
}

const column = (html: string, lang: string) => new RegExp(`<section class="receipt-col" lang="${lang}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";

describe("the help desk's receipt", () => {
  it("is in the person's language with the Spanish beside it: name, masked DNI, full dates, code, and every channel's way to check", async () => {
    const { code, html } = await receiptFor({ PUBLIC_USSD_CODE: "*2020#", PUBLIC_SMS_NUMBER: "+51940000101", PUBLIC_WHATSAPP_NUMBER: "+51940000202" }, { lang: "qu" });
    const qu = column(html, "qu");
    const es = column(html, "es");
    const i18n = createTranslator();
    expect(qu).toContain(i18n.t("qu", "complaints:receipt.title"));
    expect(es).toContain("Constancia de registro · MIDIS Orienta");
    expect(html.indexOf('lang="qu"')).toBeLessThan(html.indexOf('lang="es"', html.indexOf("receipt-col")));
    for (const col of [qu, es]) {
      expect(col).toContain("Rosa Quispe Huamán");
      expect(col).toContain("******67");
      expect(col).not.toContain("41234567");
      expect(col).toContain(code);
      // filed 2026-11-23; a 30-business-day deadline in January 2027, the year in full
      expect(col).toContain("23 de noviembre de 2026");
      expect(col).toMatch(/\d{1,2} de enero de 2027/);
      expect(col).not.toMatch(/\d{2}\/\d{2}\/\d{2}\b/);
      expect(col).toContain("*2020#");
      expect(col).toContain(`ESTADO ${code}`);
      expect(col).toContain("+51940000101");
      expect(col).toContain("+51940000202");
      expect(col).toContain("Línea 101");
    }
    const path = ussdStatusPath();
    expect(es).toContain(`marque *2020#, elija ${path.main} (Reclamos y denuncias), luego ${path.sub} (Ver estado de mi caso)`);
    // no phone: answered at the desk, and the receipt says when to come back
    expect(es).toMatch(/Vuelva a esta mesa de ayuda \([^)]+\) desde el \d{1,2} de enero de 2027/);
  });

  it("says honestly which numbers are not configured instead of inventing one", async () => {
    const { html } = await receiptFor({}, { lang: "es" });
    expect(column(html, "qu")).toBe("");
    const es = column(html, "es");
    expect(es).toContain("Por USSD: el código para marcar aún no está configurado");
    expect(es).toContain("el número aún no está configurado, pregunte en la mesa de ayuda");
    expect(es).toContain("Por WhatsApp: el número aún no está configurado");
    expect(es).not.toMatch(/\*\d+#/);
  });

  it("prints only the receipt: the console's header and buttons are hidden in print media", async () => {
    const t = makeTestApp({ env: TEST_ENV });
    const css = await (await t.app.request("/staff/assets/console.css")).text();
    expect(css).toMatch(/@media print\{header\.top,\.skip,\.no-print\{display:none!important\}/);
  });
});
