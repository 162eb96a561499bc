import { Hono } from "hono";
import { cors } from "hono/cors";
import { isLang } from "../../i18n/langs";
import { perClientLimit } from "../shared/per-client-limit";
import { clientAddress, clientLimitKey } from "../shared/client-address";
import type { ChannelProfile } from "../../domain/messages";
import type { Translator } from "../../i18n/translator";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import { parseChatBody } from "./parse";
import { renderWebReply } from "./render";
import { isWebSessionId, newWebSessionId } from "./session-id";

// a screen has room for more buttons than a keypad menu; paging (98) still exists for long lists
export const WEB_PROFILE: ChannelProfile = { name: "web", pageSize: 8, maxScreenChars: 4096, charset: "ucs2", typing: "keyboard", buttons: true, maxDescription: 1000, canSendLater: false };

export interface WebChatDeps {
  handleTurn(turn: Turn): Promise<TurnResult>;
  i18n: Translator;
  secret: string;
  /** origins allowed to call the API from a browser (the pages embedding the widget); ["*"] = any */
  allowedOrigins: string[];
  /** requests per minute from one client address (0: no limit) */
  rateLimitPerMinute: number;
}

/**
 * `POST /api/v1/chat`: `{ sessionId?, text?, choice?, lang? }` → `{ sessionId, lang, reply }`.
 * A request without a (valid) session id starts a new conversation under a fresh id; `lang` starts
 * it in that language (no language question) or switches an ongoing one.
 */
export function webChatRoutes(deps: WebChatDeps): Hono {
  const app = new Hono();
  const any = deps.allowedOrigins.includes("*");
  app.use(
    cors({
      origin: any ? "*" : deps.allowedOrigins,
      allowMethods: ["POST", "OPTIONS"],
      allowHeaders: ["Content-Type"],
      maxAge: 86400,
    }),
  );
  // A flood from one address would fill the sessions table; a person types a few messages a
  // minute, and a municipal office behind one address has a handful of people. Counted per
  // process (hono-rate-limiter's memory store): on Workers each isolate counts on its own, so
  // put Cloudflare's rate limiting in front there.
  if (deps.rateLimitPerMinute > 0) {
    app.post(
      "/",
      perClientLimit({
        windowMs: 60_000,
        limit: deps.rateLimitPerMinute,
        refuse: async (c) => {
          const asked = ((await c.req.json().catch(() => null)) as { lang?: unknown } | null)?.lang;
          const lang = isLang(asked) ? asked : "es";
          return c.json({ error: "rate_limited", message: deps.i18n.t(lang, "web:rate_limited") }, 429);
        },
      }),
    );
  }
  app.post("/", async (c) => {
    const parsed = parseChatBody(await c.req.text());
    if (!parsed.ok) return c.json({ error: "bad_request", field: parsed.field, message: parsed.message }, 400);
    const { request } = parsed;
    const known = request.sessionId !== null && (await isWebSessionId(deps.secret, request.sessionId));
    const sessionId = known ? request.sessionId! : await newWebSessionId(deps.secret);
    const { reply, storeFailed } = await deps.handleTurn({
      channel: WEB_PROFILE,
      urn: `web:${sessionId}`,
      // identity-check failures count against the address, not the session (a new one is free)
      client: clientAddress(c) === "unknown" ? undefined : `web:${clientLimitKey(c)}`,
      sessionKey: sessionId,
      // an answer typed into a conversation we did not issue is not applied: it starts anew
      text: known ? request.input : undefined,
      // a first request (no id at all) may be a keyword the notices teach: it opens its section
      opening: request.sessionId === null ? request.input : undefined,
      lang: request.lang ?? undefined,
      restarted: request.sessionId !== null && !known,
      seq: request.seq ?? undefined,
    });
    const rendered = renderWebReply(reply, deps.i18n);
    // nothing of the turn was stored: 503 (the widget keeps what was typed and offers to send it
    // again), with the reason in the person's language and the screen they are on
    if (storeFailed) return c.json({ error: "storage_unavailable", message: rendered.text, sessionId, lang: reply.lang, reply: rendered }, 503, { "Retry-After": "5" });
    return c.json({ sessionId, lang: reply.lang, reply: rendered });
  });
  return app;
}
