import { Hono } from "hono";
import { endReply, type ChannelProfile } from "../../domain/messages";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import { telUrn } from "../shared/phone";
import { parseUssdForm } from "./parse";
import { renderUssdScreen, type UssdRenderOptions } from "./render";
import { ussdGatewayAuth, type UssdAuth } from "./auth";

// six choices per screen fit the main menu and the program list in 182 characters in all
// three languages; nodes with long labels (districts) ask for fewer with `pageSize`
// maxDescription: the gateway's input limit leaves about 120 characters for a typed description
export const USSD_PROFILE: ChannelProfile = { name: "ussd", pageSize: 6, maxScreenChars: 182, charset: "gsm7", typing: "keypad", buttons: false, maxDescription: 120, canSendLater: false, notices: "sms" };

export interface UssdDeps {
  handleTurn(turn: Turn): Promise<TurnResult>;
  i18n: Translator;
  logger: Logger;
  /** gateway authentication (absent: open, as in development) */
  auth?: UssdAuth;
  /** USSD_CHARSET / USSD_MAX_CHARS (default gsm7, 182) */
  render?: UssdRenderOptions;
}

/**
 * `POST /channels/ussd`: the gateway's form callback, answered `text/plain` with
 * `CON …` (more to come) or `END …`. A malformed request gets a 400 naming the field.
 */
export function ussdRoutes(deps: UssdDeps): Hono {
  const app = new Hono();
  if (deps.auth) app.use(ussdGatewayAuth(deps.auth));
  app.post("/", async (c) => {
    const parsed = parseUssdForm(await c.req.text());
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    const { request } = parsed;
    const { reply: answer, storeFailed } = await deps.handleTurn({
      channel: USSD_PROFILE,
      urn: telUrn(request.phone),
      sessionKey: request.sessionId,
      history: request.history,
    });
    // nothing of the turn could be stored: END with "we could not save, dial again or call Línea
    // 101" (what the person gave before is stored; a redial offers to continue there)
    const reply = storeFailed ? endReply(answer.lang, answer.messages) : answer;
    const screen = renderUssdScreen(reply, deps.i18n, deps.render ?? {});
    if (screen.truncated) deps.logger.warn({ channel: "ussd", lang: reply.lang, keys: reply.messages.map((m) => m.key) }, "ussd screen truncated");
    return c.text(screen.body);
  });
  return app;
}
