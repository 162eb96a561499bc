import { describe, expect, it } from "vitest";
import { makeTestApp } from "./helpers/app";

describe("service", () => {
  it("GET /healthz answers 200 when the database is reachable", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /healthz answers 503 when it is not", async () => {
    const { app, database } = makeTestApp();
    database.close();
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
  });

  it("the developer page says where everything is (it was the landing page's half)", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/desarrollo");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of ["POST /channels/ussd", "npm run ussd", "POST /api/v1/chat", "widget.js", 'href="/datos"', 'href="/datos.csv"', 'href="/healthz"', 'href="/api/openapi.json"']) expect(html).toContain(s);
  });

  it("the landing page is for a person: the chat in their language, Línea 101 to dial, nothing technical (session 8 review)", async () => {
    const { app, ctx } = makeTestApp();
    const { i18n } = ctx();
    for (const lang of ["es", "qu", "ay"] as const) {
      const res = await app.request(`/?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`href="/chat?lang=${lang}">${i18n.t(lang, "web:landing.open_chat").replace(/'/g, "&#39;")}</a>`);
      expect(html).toContain('<a href="tel:101">Línea 101</a>');
      for (const other of ["es", "qu", "ay"].filter((l) => l !== lang)) expect(html).toContain(`href="/?lang=${other}"`);
      for (const technical of ["/channels/", "npm ", "POST", "<code", "/api/", "healthz", "widget.js", "<script"]) expect(html, `${lang}: ${technical}`).not.toContain(technical);
    }
    // no language asked (or an unknown one): Spanish
    expect(await (await app.request("/")).text()).toContain('<html lang="es">');
    expect(await (await app.request("/?lang=xx")).text()).toContain('href="/chat?lang=es"');
  });

  it("every link of the landing and developer pages answers (no URL lost in the move)", async () => {
    const { app } = makeTestApp();
    const links = new Set<string>();
    for (const page of ["/", "/?lang=qu", "/desarrollo"]) {
      for (const m of (await (await app.request(page)).text()).matchAll(/href="(\/[^"]*)"/g)) links.add(m[1].replace(/&amp;/g, "&"));
    }
    expect(links.size).toBeGreaterThan(8);
    for (const link of links) expect([200, 503], link).toContain((await app.request(link)).status); // /healthz: 503 until the first job pass
  });

  it("an unknown path is a JSON 404", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
