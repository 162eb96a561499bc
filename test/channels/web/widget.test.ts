import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWidget } from "../../../src/channels/web/widget/build";
import { WIDGET_SOURCE } from "../../../src/channels/web/widget/widget-bundle";
import { createTranslator } from "../../../src/i18n/translator";
import { makeTestApp } from "../../helpers/app";

const i18n = createTranslator();
// a few KB: the budget the issue sets for a cheap phone on a slow connection
const GZIP_BUDGET = 6 * 1024;

describe("GET /widget.js", () => {
  it("the committed bundle is the minified source (run `npm run widget:build` after editing widget.js)", async () => {
    const source = readFileSync(new URL("../../../src/channels/web/widget/widget.js", import.meta.url), "utf8");
    expect(WIDGET_SOURCE).toBe(await buildWidget(source));
  });

  it("serves JavaScript with the labels of the three languages, gzipped within the budget, revalidated by ETag", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/javascript");
    const body = await res.text();
    for (const lang of ["es", "qu", "ay"] as const) expect(body).toContain(JSON.stringify(i18n.t(lang, "web:widget.input_label")));
    expect(body).not.toContain("__STRINGS__");
    expect(gzipSync(body, { level: 6 }).length).toBeLessThan(GZIP_BUDGET);

    const zipped = await app.request("/widget.js", { headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const again = await app.request("/widget.js", { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("only the widget and the chat page are compressed by its middleware (the USSD answer is not)", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/healthz", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBeNull();
  });
});

describe("GET /chat", () => {
  it.each(["es", "qu", "ay"] as const)("is the full-page chat in %s", async (lang) => {
    const { app } = makeTestApp();
    const html = await (await app.request(`/chat?lang=${lang}`)).text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${i18n.t(lang, "web:page.title")}</h1>`);
    expect(html).toContain(`data-lang="${lang}"`);
  });

  it("an unknown language falls back to Spanish", async () => {
    const { app } = makeTestApp();
    expect(await (await app.request("/chat?lang=xx")).text()).toContain('<html lang="es">');
  });

  it("the landing page links to it", async () => {
    const { app } = makeTestApp();
    expect(await (await app.request("/")).text()).toContain('href="/chat?lang=es"');
  });
});
