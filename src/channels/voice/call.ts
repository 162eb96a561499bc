import type { Turn, TurnResult } from "../../conversation/run-turn";
import type { Message, Reply } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import type { PromptBank, SpeechPart } from "../../voice/prompt-bank";
import { telUrn } from "../shared/phone";
import type { CallEvent } from "./parse";
import { RECORDING_KEY } from "../../engine/flows/complaints";
import { VOICE_PROFILE } from "./profile";
import { isHint, RECORDED_PROMPT, spacedDigits, speakMessages, speakReply } from "./speech";
import type { CallState, Expect, Sealer } from "./state";

export interface CallDeps {
  handleTurn(turn: Turn): Promise<TurnResult>;
  /**
   * A spoken description: the recording queued for fetching into the media store; its media
   * path, or null when the URL is not the provider's own (refused, nothing fetched)
   */
  storeRecording?(recording: { provider: CallEvent["provider"]; url: string }): Promise<string | null>;
  bank: PromptBank;
  sealer: Sealer;
  i18n: Translator;
}

/** What to collect after the prompt; null: hang up once it is spoken. */
export type NextStep =
  | { kind: "gather"; numDigits?: number; finishOnKey: string; timeout: number; state: Omit<CallState, "silence"> }
  | { kind: "record"; maxLength: number; state: Omit<CallState, "silence"> };

/** The answer to one request of a call, neutral: the providers' renderers turn it into TwiML / XML. */
export interface CallPlan {
  parts: SpeechPart[];
  next: NextStep | null;
}

/** prompts in a row not understood (silence or a wrong key) before Línea 101 is offered and the call ends */
export const MAX_MISSES = 2;
/** keys for one menu choice: a single key, the answer comes at once */
const CHOICE: Pick<Extract<NextStep, { kind: "gather" }>, "numDigits" | "finishOnKey" | "timeout"> = { numDigits: 1, finishOnKey: "#", timeout: 6 };
/** typed answers: ended by # (or by the count of digits), with time between keys for an older person */
const TYPED = { finishOnKey: "#", timeout: 10 };
const TYPED_LENGTH: Partial<Record<Expect, number>> = { dni: 8, date: 8 };
/** information pages read one after another in one answer, at most this many */
const MAX_PAGES = 10;
/** a spoken description: up to a minute */
export const RECORD_SECONDS = 60;

/** DTMF → what the engine reads: 9 is the menu on a call (00 cannot be pressed in one key), * more choices. */
export function keypadToInput(keys: string): string {
  const pressed = keys.replace(/#+$/, "");
  if (pressed === "9") return "00";
  if (pressed === "*") return "98";
  return pressed;
}

/**
 * One request of a call: the keys pressed for the last prompt (or its silence) applied to the
 * conversation through the same turn runner as every channel, and the next prompt planned.
 * A silence or a wrong key repeats the prompt once with a hint; the second in a row offers
 * Línea 101 and ends the call. Typed digits are read back before they are used.
 */
export async function answerCall(deps: CallDeps, event: CallEvent, state: CallState): Promise<CallPlan> {
  // a withheld number still gets a conversation, bound to this call alone
  const urn = event.caller ? telUrn(event.caller) : `voice:${event.callId}`;
  // every keypress applied in this request is numbered from the count the prompt was planned at,
  // so the same action sent again is recognised as a retry by the turn runner
  let seq = state.seq ?? 0;
  const turn = (text?: string, lang?: Lang, data?: Record<string, unknown>) =>
    deps.handleTurn({ channel: VOICE_PROFILE, urn, sessionKey: event.callId, ...(text !== undefined ? { text, seq: seq++ } : {}), ...(lang ? { lang } : {}), ...(data ? { data } : {}) });
  const plan = await planCall(deps, event, state, turn);
  return plan.next ? { ...plan, next: { ...plan.next, state: { ...plan.next.state, seq } } } : plan;
}

async function planCall(deps: CallDeps, event: CallEvent, state: CallState, turn: (text?: string, lang?: Lang, data?: Record<string, unknown>) => Promise<TurnResult>): Promise<CallPlan> {

  if (state.silence) {
    const misses = state.misses + 1;
    if (misses >= MAX_MISSES) return goodbye(deps, [state.lang ?? "es"], [{ key: "call:silence" }]);
    if (state.expect === "lang") return languageNotOffered(deps, state.lang ?? "ay", misses, [{ key: "call:silence" }]);
    return screen(deps, turn, await turn(), misses, [{ key: "call:silence" }]);
  }
  // a recording comes without keys from Africa's Talking (only `recordingUrl`; Twilio adds
  // Digits=# or hangup): it is the answer to the <Record> prompt, not a request with nothing pressed
  const recorded = state.expect === "record" && event.recordingUrl !== null;
  if (event.digits === null && !recorded) return screen(deps, turn, await turn(), 0);

  const keys = event.digits ?? "";
  // the # the typed prompt asked for ("al terminar, marque numeral"), pressed after the 8th digit
  // had already sent the DNI or date (numDigits): it lands on the next prompt alone. It is not a
  // wrong key there: that prompt is said again, no miss counted
  if (keys === "#" && state.expect === "choice") return screen(deps, turn, await turn(), state.misses);
  if (keys === "#" && state.expect === "confirm") {
    const pending = state.pending ? await deps.sealer.open(state.pending, event.callId) : null;
    if (pending !== null) return readBack(deps, event.callId, state.lang ?? "es", pending, state.misses);
  }
  switch (state.expect) {
    case "lang": {
      if (keys === "1" || keys === "2") return screen(deps, turn, await turn(undefined, keys === "1" ? "es" : "qu"), 0);
      if (keys === "3") return goodbye(deps, ["es", "qu"]);
      const misses = state.misses + 1;
      return misses >= MAX_MISSES ? goodbye(deps, ["es", "qu"], [{ key: "common:errors.option" }]) : languageNotOffered(deps, state.lang ?? "ay", misses, [{ key: "common:errors.option" }]);
    }
    case "confirm": {
      const pending = state.pending ? await deps.sealer.open(state.pending, event.callId) : null;
      if (keys === "1" && pending !== null) return screen(deps, turn, await turn(pending), 0);
      if (keys === "2" || pending === null) return screen(deps, turn, await turn(), 0);
      const misses = state.misses + 1;
      if (misses >= MAX_MISSES) return goodbye(deps, [state.lang ?? "es"], [{ key: "common:errors.option" }]);
      return readBack(deps, event.callId, state.lang ?? "es", pending, misses, [{ key: "common:errors.option" }]);
    }
    case "record": {
      // a spoken description: the complaint says it was told by phone
      if (event.recordingUrl) {
        const mediaPath = deps.storeRecording ? await deps.storeRecording({ provider: event.provider, url: event.recordingUrl }) : null;
        // not the provider's recording (or nowhere to keep it): asked again, nothing kept
        if (!mediaPath) return screen(deps, turn, await turn(), state.misses + 1, [{ key: "call:record.empty" }]);
        const described = await turn(deps.i18n.t(state.lang ?? "es", "call:record.description"), undefined, { [RECORDING_KEY]: mediaPath });
        return screen(deps, turn, described, 0, [{ key: "call:record.saved" }]);
      }
      return screen(deps, turn, await turn(keypadToInput(keys)), state.misses);
    }
    case "dni":
    case "digits": {
      const typed = keys.replace(/#+$/, "");
      // navigation keys are navigation; anything else is read back before it is used
      if (/^\d{2,}$/.test(typed)) return readBack(deps, event.callId, state.lang ?? "es", typed, state.misses);
      return screen(deps, turn, await turn(keypadToInput(keys)), state.misses);
    }
    default:
      // a menu, a date (the flow reads it back in words itself), a spoken answer's keys
      return screen(deps, turn, await turn(keypadToInput(keys)), state.misses);
  }
}

/** The turn's reply as the next prompt; `misses` counts on when the reply carries a hint. */
async function screen(deps: CallDeps, turn: (text?: string) => Promise<TurnResult>, result: TurnResult, previousMisses: number, notices: Message[] = []): Promise<CallPlan> {
  let reply = result.reply;
  if (result.storeFailed) return { parts: await speakMessages(deps.bank, reply.lang, reply.messages), next: null };
  if (!(await deps.bank.offered(reply.lang))) return languageNotOffered(deps, reply.lang, 0);
  const misses = notices.length > 0 ? previousMisses : reply.messages.some(isHint) ? previousMisses + 1 : 0;
  if (misses >= MAX_MISSES) return goodbye(deps, [reply.lang], reply.messages.filter(isHint));

  // pages are read one after another: no "98" on a call
  const pages: Message[] = [];
  for (let page = 0; page < MAX_PAGES && reply.nav.more && reply.options.length === 0 && reply.input === "choice" && !reply.end; page++) {
    pages.push(...reply.messages);
    const next = await turn("98");
    if (next.storeFailed) break;
    reply = { ...next.reply, messages: next.reply.messages.filter((m) => !isHint(m)) };
  }
  const spoken: Reply = { ...reply, messages: [...notices, ...pages, ...reply.messages] };
  const parts = await speakReply(deps.bank, spoken);
  if (reply.end) return { parts, next: null };
  const state = { misses, lang: reply.lang, pending: null };
  if (reply.input === "text" && reply.messages.some((m) => m.key === RECORDED_PROMPT)) return { parts, next: { kind: "record", maxLength: RECORD_SECONDS, state: { ...state, expect: "record" } } };
  if (reply.input === "dni" || reply.input === "date" || reply.input === "digits") {
    return { parts, next: { kind: "gather", ...TYPED, numDigits: TYPED_LENGTH[reply.input], state: { ...state, expect: reply.input } } };
  }
  return { parts, next: { kind: "gather", ...CHOICE, state: { ...state, expect: "choice" } } };
}

/** "You pressed 1 2 3 4 5 6 7 8: 1 if it is right, 2 to type it again", the digits sealed into the next action. */
async function readBack(deps: CallDeps, callId: string, lang: Lang, digits: string, misses: number, notices: Message[] = []): Promise<CallPlan> {
  const parts = await speakMessages(deps.bank, lang, [...notices, { key: "call:readback", params: { digits: spacedDigits(digits) } }]);
  return { parts, next: { kind: "gather", ...CHOICE, state: { expect: "confirm", misses, lang, pending: await deps.sealer.seal(digits, callId) } } };
}

/**
 * A language the bank cannot speak yet (Aymara until its prompts exist; Quechua until its drafts
 * or recordings do), chosen in the menu or remembered from another channel: said in Spanish and
 * Quechua (when Quechua is spoken), with Spanish, Quechua (when spoken) or Línea 101.
 */
async function languageNotOffered(deps: CallDeps, lang: Lang, misses: number, notices: Message[] = []): Promise<CallPlan> {
  const spoken: Lang[] = lang !== "qu" && (await deps.bank.offered("qu")) ? ["es", "qu"] : ["es"];
  const coming = lang === "qu" ? "call:quechua_coming" : "call:aymara.coming";
  const parts: SpeechPart[] = [];
  for (const l of spoken) parts.push(...(await speakMessages(deps.bank, l, [...notices, { key: coming }])));
  parts.push(...(await deps.bank.speak("es", { key: "call:language.option", params: { n: 1 } })));
  if (spoken.includes("qu")) parts.push(...(await deps.bank.speak("qu", { key: "call:language.option", params: { n: 2 } })));
  for (const l of spoken) parts.push(...(await deps.bank.speak(l, { key: "call:aymara.line" })));
  return { parts, next: { kind: "gather", ...CHOICE, state: { expect: "lang", misses, lang, pending: null } } };
}

/** Línea 101 offered, then the call ends politely. */
async function goodbye(deps: CallDeps, langs: Lang[], notices: Message[] = []): Promise<CallPlan> {
  const parts: SpeechPart[] = [];
  for (const lang of langs) parts.push(...(await speakMessages(deps.bank, lang, [...notices, { key: "call:goodbye_help" }])));
  return { parts, next: null };
}
