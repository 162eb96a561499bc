import { Hono } from "hono";
import { pageSecurityHeaders } from "../../channels/web/widget/routes";
import { buildOpenApiDocument } from "./document";
import { REFERENCE_CSS, renderReferencePage } from "./reference-page";

/** `GET /api/openapi.json`, `GET /api/docs` (+ its stylesheet): built once, on first request. */
export function openApiRoutes(): Hono {
  const app = new Hono();
  let built: { document: Record<string, unknown>; page: string } | null = null;
  const get = () => (built ??= (() => {
    const document = buildOpenApiDocument();
    return { document, page: renderReferencePage(document) };
  })());
  app.get("/openapi.json", (c) => {
    c.header("Access-Control-Allow-Origin", "*"); // client generators fetch it from anywhere
    c.header("Cache-Control", "public, max-age=300");
    return c.json(get().document);
  });
  app.get("/docs", pageSecurityHeaders, (c) => c.html(get().page));
  app.get("/docs.css", (c) => c.body(REFERENCE_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=300" }));
  return app;
}
