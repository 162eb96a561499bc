import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Per-route body caps (issue 14 item 4), in bytes. */
export const BODY_LIMITS = {
  /** USSD and SMS gateway forms: a screen of input, a text message */
  form: 16 * 1024,
  /** chat and the public JSON APIs */
  json: 64 * 1024,
  /** provider webhooks (WhatsApp batches up to 1,000 entries per POST) */
  webhook: 1024 * 1024,
  /** staff console forms (notes, answers) */
  staff: 64 * 1024,
  /** the voice studio's audio upload (a WAV the page converted: 30 s at 8 kHz is ~480 KB; the browser may send 16 kHz) */
  voiceUpload: 2 * 1024 * 1024,
} as const;

export const MAX_JSON_DEPTH = 32;

/**
 * A declared Content-Length over the cap is refused before anything is read (Node's parser never
 * reads past a declared length); a chunked body goes through hono/body-limit, read up to the cap
 * and cut there. `json` answers in the APIs' error shape.
 *
 * Why not hono/body-limit for every request: it asks for `request.body`, and on Node that turns
 * @hono/node-server's light request into a full undici Request with a web stream — ~10 % of a
 * lookup's CPU (profile in docs/notes/issue-23.md). Deciding on the headers keeps the light one,
 * whose `text()`/`json()` read the socket directly.
 */
export function capBody(maxSize: number, shape: "text" | "json"): MiddlewareHandler {
  const onError = (c: Context) =>
    shape === "json"
      ? c.json({ error: "payload_too_large", field: "body", message: `the body is larger than ${maxSize} bytes` }, 413)
      : c.text(`payload too large: at most ${maxSize} bytes`, 413);
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      const size = Number.parseInt(declared, 10);
      return size > maxSize ? onError(c) : next();
    }
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return streamed(c, next);
  };
}

/** Deepest nesting of arrays and objects in a JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123 /* [ { */) {
      if (++depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (ch === 93 || ch === 125) depth--;
  }
  return max;
}

/**
 * JSON bodies nested deeper than MAX_JSON_DEPTH are refused with 400 before any parser or
 * validator recurses into them. The body is read once (capped upstream) and cached for the route.
 */
export function jsonDepthLimit(errorCode: (c: Context) => string = () => "bad_request"): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const text = await c.req.text();
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return c.json({ error: errorCode(c), field: "body", message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }, 400);
    }
    return next();
  };
}
