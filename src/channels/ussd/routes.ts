import { Hono } from "hono";
import { endReply, withFillSamples, type ChannelProfile, type Reply } from "../../domain/messages";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import { telUrn } from "../shared/phone";
import { parseUssdForm } from "./parse";
import { renderUssdScreen, USSD_SCREEN_LIMIT, ussdViews, type UssdRenderOptions, type UssdScreen } from "./render";
import { ussdGatewayAuth, type UssdAuth } from "./auth";

// six choices per screen fit the main menu and the program list in 182 characters in all
// three languages; nodes with long labels (districts) ask for fewer with `pageSize`
// maxDescription: the gateway's input limit leaves about 120 characters for a typed description
export const USSD_PROFILE: ChannelProfile = { name: "ussd", pageSize: 6, maxScreenChars: 182, charset: "gsm7", typing: "keypad", buttons: false, maxDescription: 120, canSendLater: false, notices: "sms" };

/**
 * The profile for the configured screen: at 182 (or more) every reply fits one screen, as the
 * walker checks; at an operator's smaller UCS-2 limit a reply that does not fit is shown over
 * several screens the engine turns with 98 and 0 (`views`), never cut.
 */
export function ussdProfile(i18n: Translator, render: UssdRenderOptions = {}): ChannelProfile {
  const limit = render.maxChars ?? USSD_SCREEN_LIMIT;
  if (limit >= USSD_SCREEN_LIMIT) return USSD_PROFILE;
  // the flows still lay their pages out for 182 (maxScreenChars, as walked); each is then shown
  // over as many of the operator's screens as it takes
  // over with the complaint's code and date at their real length (they are put in after the write)
  return { ...USSD_PROFILE, views: (reply) => ussdViews(withFillSamples(reply), i18n, render).length };
}

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
  const profile = ussdProfile(deps.i18n, deps.render ?? {});
  if (deps.auth) app.use(ussdGatewayAuth(deps.auth));
  app.post("/", async (c) => {
    const parsed = parseUssdForm(await c.req.text());
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    const { request } = parsed;
    const { reply: answer, storeFailed } = await deps.handleTurn({
      channel: profile,
      urn: telUrn(request.phone),
      sessionKey: request.sessionId,
      history: request.history,
    });
    // nothing of the turn could be stored: END with "we could not save, dial again or call Línea
    // 101" (what the person gave before is stored; a redial offers to continue there)
    const reply = storeFailed ? endReply(answer.lang, answer.messages) : answer;
    const screen = storeFailed ? storeFailedScreen(reply, deps.i18n, deps.render ?? {}) : renderUssdScreen(reply, deps.i18n, deps.render ?? {});
    if (screen.truncated) deps.logger.warn({ channel: "ussd", lang: reply.lang, keys: reply.messages.map((m) => m.key) }, "ussd screen truncated");
    return c.text(screen.body);
  });
  return app;
}

/**
 * The END of a turn that could not be stored: nothing is kept, so it cannot be turned with 98.
 * Where the operator's screen is too small for it (UCS-2, ~80), the short notice (not saved, dial
 * again or Línea 101) that fits 70 in every language.
 */
export function storeFailedScreen(reply: Reply, i18n: Translator, render: UssdRenderOptions): UssdScreen {
  const screen = renderUssdScreen(reply, i18n, render);
  return screen.truncated ? renderUssdScreen(endReply(reply.lang, [{ key: "common:save_failed_short" }]), i18n, render) : screen;
}
