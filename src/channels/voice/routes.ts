import { Hono, type Context } from "hono";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import type { Logger } from "../../logging/logger";
import type { Translator } from "../../i18n/translator";
import type { PromptBank } from "../../voice/prompt-bank";
import { ussdGatewayAuth, type UssdAuth } from "../ussd/auth";
import { signedTwilioForm } from "../shared/twilio-form";
import { answerCall, type CallPlan } from "./call";
import { parseAfricasTalkingCall, parseTwilioCall, type CallEvent } from "./parse";
import { AT_EMPTY, AT_REJECT, renderAfricasTalkingXml, renderTwiml, TWIML_EMPTY, TWIML_REJECT_BUSY } from "./render";
import type { CallbackProvider } from "../../services/voice-callback/ref";
import { callStateQuery, readCallState, type Sealer } from "./state";
import { telUrn } from "../shared/phone";
import type { Lang } from "../../i18n/langs";

export interface VoiceTwilioConfig {
  authToken: string;
  sharedKey: string | null;
  /** the externally visible base URL Twilio calls (its signature covers the full URL) */
  publicBaseUrl: string;
  /** `<Say voice>` for Spanish text-to-speech */
  sayVoice: string;
}

export interface VoiceAfricasTalkingConfig {
  /** the callback key (`?key=` / X-Callback-Key) and/or the provider's source addresses, as for USSD */
  auth: UssdAuth;
  /** base of the callback URLs written into the XML; null: the request's own origin */
  publicBaseUrl: string | null;
}

export interface VoiceDeps {
  handleTurn(turn: Turn): Promise<TurnResult>;
  /** null: no prompt bank yet, the voice routes answer 503 */
  bank: PromptBank | null;
  sealer: Sealer;
  i18n: Translator;
  logger: Logger;
  twilio: VoiceTwilioConfig | null;
  africastalking: VoiceAfricasTalkingConfig | null;
  /**
   * VOICE_CALLBACK=on: a new inbound call asks for a callback; "queued"/"already": it is rejected
   * unanswered (free for the caller) and called back through the outbox; otherwise answered
   */
  requestCallback?(call: { provider: CallbackProvider; phone: string; callId: string }): Promise<"queued" | "already" | "capped" | "quiet">;
  /** a spoken description's recording queued for fetching (see call.ts) */
  storeRecording?(recording: { provider: CallbackProvider; url: string }): Promise<string | null>;
  /** told when a callback went into the outbox (Node: the dispatcher runs at once) */
  onOutboxEnqueued?: () => void | Promise<unknown>;
  /**
   * Is this call's conversation waiting for a spoken description (the `<Record>` prompt)? Its
   * language and the keypresses applied so far; null otherwise. Africa's Talking sends its final
   * notification to the number's callback URL, without the state our prompt's URL carried.
   */
  recordPromptPending?(call: { urn: string; callId: string }): Promise<{ lang: Lang; seq: number } | null>;
}

const XML = { "content-type": "text/xml; charset=utf-8" };

/** The prompt bank's audio (`/media/voice/…`) as absolute URLs: the provider fetches them itself. */
function absoluteMedia(plan: CallPlan, origin: string): CallPlan {
  return { ...plan, parts: plan.parts.map((part) => (part.kind === "play" && part.url.startsWith("/") ? { ...part, url: origin + part.url } : part)) };
}
const TWILIO_PATH = "/channels/voice/twilio";
const AT_PATH = "/channels/voice/africastalking";

/**
 * `POST /channels/voice/twilio`: an incoming call and every `<Gather>`/`<Record>` action, signed
 * (`X-Twilio-Signature`, checked as for SMS before anything is read), answered with TwiML.
 * `POST /channels/voice/twilio/status`: the call's status callbacks.
 * `POST /channels/voice/africastalking`: every step of a call and its final notification
 * (`isActive=0`), authenticated like the USSD callback, answered with Africa's Talking's XML.
 * Error policy: a bad signature or key is 403 and nothing is stored; a request missing the call's
 * id is 400; keys no keypad sends count as a wrong key (a live call never gets an error page).
 */
export function voiceRoutes(deps: VoiceDeps): Hono {
  const app = new Hono();

  /** A person's first request of an inbound call, when callbacks are on: rejected if a callback is queued. */
  async function calledBack(event: CallEvent, query: URLSearchParams, direction: string | null): Promise<boolean> {
    if (!deps.requestCallback || !event.caller || event.digits !== null || query.has("e") || direction?.toLowerCase() !== "inbound") return false;
    const decision = await deps.requestCallback({ provider: event.provider, phone: event.caller, callId: event.callId });
    deps.logger.info({ channel: "voice", provider: event.provider, decision }, "missed-call callback");
    if (decision === "queued") await deps.onOutboxEnqueued?.();
    return decision === "queued" || decision === "already";
  }

  /**
   * A call over with a recording for the prompt that asked for one (the person said their piece
   * and hung up instead of pressing #): the description is stored as if the call went on, so a
   * redial offers to continue from it; nothing is said, the call is gone.
   */
  async function keepLastRecording(event: CallEvent, query: URLSearchParams): Promise<void> {
    const state = readCallState(query);
    if (!event.recordingUrl || state.expect !== "record" || state.silence || !deps.bank) return;
    await answerCall({ handleTurn: deps.handleTurn, bank: deps.bank, sealer: deps.sealer, i18n: deps.i18n, storeRecording: deps.storeRecording }, event, state);
    deps.logger.info({ channel: "voice", provider: event.provider }, "call ended on a spoken description: kept");
  }

  function ended(event: CallEvent): void {
    deps.logger.info({ channel: "voice", provider: event.provider, seconds: event.durationSeconds, status: event.raw.get("CallStatus") ?? undefined }, "call ended");
  }

  /** A signed Twilio request's call event, or the answer to give instead (503 unconfigured, 403, 400). */
  async function twilioCallEvent(c: Context): Promise<{ twilio: VoiceTwilioConfig; form: URLSearchParams; event: CallEvent } | Response> {
    const twilio = deps.twilio;
    if (!twilio) return c.text("voice via twilio is not configured", 503);
    const form = await signedTwilioForm(c, twilio, { logger: deps.logger, channel: "voice" });
    if (form instanceof Response) return form;
    const parsed = parseTwilioCall(form);
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    return { twilio, form, event: parsed.event };
  }

  app.post("/twilio", async (c) => {
    const request = await twilioCallEvent(c);
    if (request instanceof Response) return request;
    const { twilio, form, event } = request;
    const query = new URL(c.req.url).searchParams;
    if (!event.active) {
      // hung up at the end of a spoken description: Twilio still posts the <Record> action, with
      // the recording, Digits=hangup and CallStatus=completed; the description is kept
      await keepLastRecording(event, query);
      ended(event);
      return c.body(TWIML_EMPTY, 200, XML);
    }
    if (await calledBack(event, query, form.get("Direction"))) return c.body(TWIML_REJECT_BUSY, 200, XML);
    if (!deps.bank) return c.text("voice prompts are not configured", 503);
    const plan = await answerCall({ handleTurn: deps.handleTurn, bank: deps.bank, sealer: deps.sealer, i18n: deps.i18n, storeRecording: deps.storeRecording }, event, readCallState(query));
    // absolute URLs under PUBLIC_BASE_URL: a root-relative one would lose a proxy's path prefix
    // (https://host/orienta → https://host/channels/…), and Twilio signs the URL it calls
    const base = twilio.publicBaseUrl;
    return c.body(renderTwiml(absoluteMedia(plan, base), (q) => `${base}${TWILIO_PATH}?${q}`, { sayVoice: twilio.sayVoice }), 200, XML);
  });

  app.post("/twilio/status", async (c) => {
    const request = await twilioCallEvent(c);
    if (request instanceof Response) return request;
    if (!request.event.active) ended(request.event);
    return c.body(TWIML_EMPTY, 200, XML);
  });

  const at = new Hono();
  if (deps.africastalking) at.use(ussdGatewayAuth(deps.africastalking.auth));
  at.post("/", async (c) => {
    const config = deps.africastalking;
    if (!config) return c.text("voice via africastalking is not configured", 503);
    const form = new URLSearchParams(await c.req.text());
    const parsed = parseAfricasTalkingCall(form);
    if (!parsed.ok) return c.text(`bad request: ${parsed.field}: ${parsed.message}`, 400);
    const requested = new URL(c.req.url);
    if (!parsed.event.active) {
      // hung up during <Record>: AT's final notification (isActive=0) carries the recordingUrl and
      // goes to the number's callback URL, without our prompt's state; the call's session says
      // whether the description was being asked for (and once kept, it no longer is: a second
      // notification for the same recording applies nothing)
      let query = requested.searchParams;
      if (!query.has("e") && parsed.event.recordingUrl && deps.recordPromptPending) {
        const urn = parsed.event.caller ? telUrn(parsed.event.caller) : `voice:${parsed.event.callId}`;
        const pending = await deps.recordPromptPending({ urn, callId: parsed.event.callId });
        if (pending) query = callStateQuery({ expect: "record", misses: 0, lang: pending.lang, pending: null, seq: pending.seq });
      }
      await keepLastRecording(parsed.event, query);
      ended(parsed.event);
      return c.body(AT_EMPTY, 200, XML);
    }
    if (await calledBack(parsed.event, requested.searchParams, form.get("direction"))) return c.body(AT_REJECT, 200, XML);
    if (!deps.bank) return c.text("voice prompts are not configured", 503);
    const plan = await answerCall({ handleTurn: deps.handleTurn, bank: deps.bank, sealer: deps.sealer, i18n: deps.i18n, storeRecording: deps.storeRecording }, parsed.event, readCallState(requested.searchParams));
    // Africa's Talking wants absolute URLs (callbacks and the audio it fetches to play); the key
    // travels in the callbacks as in the one it called
    const origin = config.publicBaseUrl ?? requested.origin;
    const base = origin + AT_PATH;
    const key = requested.searchParams.get("key");
    return c.body(renderAfricasTalkingXml(absoluteMedia(plan, origin), (q) => { if (key) q.set("key", key); return `${base}?${q}`; }), 200, XML);
  });
  app.route("/africastalking", at);
  return app;
}
