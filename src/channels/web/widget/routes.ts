import { Hono } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import { isLang } from "../../../i18n/langs";
import type { Translator } from "../../../i18n/translator";
import { WIDGET_SOURCE } from "./widget-bundle";
import { widgetStrings } from "./strings";
import { chatPage } from "./chat-page";

/** `/widget.js` with its labels in the three languages inlined (one request on a slow connection). */
export function widgetScript(i18n: Translator): string {
  // `<` escaped so no label can close a script element if the code is ever inlined in a page
  const strings = JSON.stringify(widgetStrings(i18n)).replace(/</g, "\\u003c");
  return WIDGET_SOURCE.split("__STRINGS__").join(strings);
}

/**
 * `/chat` (and the landing page, which shares the policy): only our own script and API, styles
 * inline (the widget builds its stylesheet in a shadow root), never framed (other sites embed
 * the widget, not the page). Hono's well-kept `secureHeaders` sets the rest (nosniff, HSTS,
 * Referrer-Policy, COOP, CORP same-origin).
 */
export const pageSecurityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  xFrameOptions: "DENY",
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
});

/** `GET /widget.js` and `GET /chat`, compressed (gzip/deflate as the browser accepts) with ETags. */
export function widgetRoutes(deps: { i18n: Translator }): Hono {
  const app = new Hono();
  const script = widgetScript(deps.i18n);
  // Scoped to these two paths: this app is mounted at "/", and a bare `use` would cover every route.
  // On Workers the runtime compresses responses itself (a body we gzip would be gzipped twice).
  const onWorkers = typeof navigator !== "undefined" && navigator.userAgent === "Cloudflare-Workers";
  for (const path of ["/widget.js", "/chat"]) {
    if (!onWorkers) app.use(path, compress());
    app.use(path, etag());
  }
  app.use("/chat", pageSecurityHeaders);
  app.get("/widget.js", (c) =>
    c.body(script, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      // short: a fixed widget reaches every embedding page within minutes; ETag revalidates cheaply
      "Cache-Control": "public, max-age=600",
      "Access-Control-Allow-Origin": "*",
      // any page may load it (a same-origin resource policy would break every embedding page)
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
    }),
  );
  app.get("/chat", (c) => {
    const asked = c.req.query("lang");
    const lang = isLang(asked) ? asked : "es";
    return c.html(chatPage(deps.i18n, lang), 200, { "Cache-Control": "public, max-age=600" });
  });
  return app;
}
