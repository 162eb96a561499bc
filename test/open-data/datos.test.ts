import { describe, expect, it } from "vitest";
import { createComplaintsService } from "../../src/services/complaints";
import { makeTestApp } from "../helpers/app";
import { complaintBody } from "../helpers/console";

describe("GET /datos and /datos.csv (public open data)", () => {
  it("needs no login, shows monthly counts with small cells as <5, no free text; the landing page links to it", async () => {
    const t = makeTestApp();
    const service = createComplaintsService({ db: t.deps.db, now: t.clock.now });
    for (let i = 0; i < 6; i++) await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" });
    await service.file({ body: complaintBody({ program: "pension65", description: "Texto libre que no debe salir" }), channel: "web", actor: "citizen:web" });
    const landing = await (await t.app.request("/")).text();
    expect(landing).toContain('href="/datos"');

    const page = await t.app.request("/datos");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("Texto libre");
    expect(html).toContain("<td>2026-11</td><td>03</td><td>juntos</td><td>reclamo</td><td>pago_no_recibido</td><td>ussd</td><td>qu</td><td>6</td>");
    expect(html).toContain("<td>pension65</td><td>reclamo</td><td>pago_no_recibido</td><td>web</td><td>qu</td><td>&lt;5</td>");

    const csv = await t.app.request("/datos.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toEqual([
      "mes,departamento,programa,tipo,categoria,canal,idioma,casos",
      "2026-11,03,juntos,reclamo,pago_no_recibido,ussd,qu,6",
      "2026-11,03,pension65,reclamo,pago_no_recibido,web,qu,<5",
    ]);
    expect((await t.app.request("/datos.csv?tabla=uso")).status).toBe(200);
  });

  it("a bad period is a Spanish message (400) on the page and the CSV", async () => {
    const t = makeTestApp();
    for (const [q, message] of [
      ["desde=2026-10&hasta=2026-01", "El periodo está al revés"],
      ["desde=2026-13", "no es un mes"],
      ["hasta=2031-01", "después del mes actual"],
      ["desde=2020-01", "No hay datos antes de 2024-01"],
    ]) {
      const page = await t.app.request(`/datos?${q}`);
      expect(page.status, q).toBe(400);
      expect(await page.text()).toContain(message);
      const csv = await t.app.request(`/datos.csv?${q}`);
      expect(csv.status, q).toBe(400);
      expect(await csv.text()).toContain(message);
    }
    expect((await t.app.request("/datos.csv?tabla=personas")).status).toBe(400);
  });
});
