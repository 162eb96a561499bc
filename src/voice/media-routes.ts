import { Hono } from "hono";
import { isLang } from "../i18n/langs";
import type { MediaStore } from "./prompt-bank";
import { safeMediaPath } from "./media-store";

/**
 * `GET /media/voice/<lang>/<segment>.<digest>.<ext>`: the prompt bank's audio, for the voice
 * providers to fetch (Twilio caches `<Play>` URLs; Africa's Talking fetches each time). Names
 * are content-addressed, so answers are cached for a year as immutable.
 */
export function mediaRoutes(deps: { media: MediaStore }): Hono {
  const app = new Hono();
  app.get("/voice/:lang/:file", async (c) => {
    const { lang, file } = c.req.param();
    const path = isLang(lang) && /\.(wav|mp3)$/.test(file) ? safeMediaPath(`voice/${lang}/${file}`) : null;
    const found = path ? await deps.media.get(path) : null;
    if (!found) return c.json({ error: "not_found", message: "no such audio" }, 404, { "Cache-Control": "no-store" });
    return c.body(found.bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": found.contentType,
      "Content-Length": String(found.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    });
  });
  return app;
}
