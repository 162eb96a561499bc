import type { Lang } from "../../i18n/langs";
import type { SpeechPart } from "../../voice/prompt-bank";
import type { CallPlan, NextStep } from "./call";
import { callStateQuery } from "./state";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/** Where the provider posts the answer to a prompt: the route's URL with the call's state. */
export type ActionUrl = (query: URLSearchParams) => string;
const actionOf = (url: ActionUrl, next: NextStep, silence = false) => url(callStateQuery(next.state, silence));

export interface TwimlOptions {
  /** `<Say voice>` for Spanish (an invalid language/voice pair fails the call: Polly.Mia speaks es-MX) */
  sayVoice: string;
}

/**
 * Twilio has no Quechua or Aymara voice: text for its text-to-speech is read as Mexican Spanish
 * whatever its language (the bank gives audio for Quechua; text only as a last resort).
 */
const TWILIO_SAY_LANGUAGE: Record<Lang, string> = { es: "es-MX", qu: "es-MX", ay: "es-MX" };

function twilioParts(parts: SpeechPart[], options: TwimlOptions): string {
  return parts
    .map((part) => (part.kind === "play" ? `<Play>${xml(part.url)}</Play>` : `<Say language="${TWILIO_SAY_LANGUAGE[part.lang]}" voice="${xml(options.sayVoice)}">${xml(part.text)}</Say>`))
    .join("");
}

/**
 * TwiML: the prompt inside `<Gather input="dtmf">` (Twilio goes on to the next verb when nothing
 * is pressed: a `<Redirect>` back with the silence marked), a `<Record>` for a spoken answer,
 * or the prompt then `<Hangup/>`.
 */
export function renderTwiml(plan: CallPlan, url: ActionUrl, options: TwimlOptions): string {
  const speech = twilioParts(plan.parts, options);
  const next = plan.next;
  if (!next) return `${HEAD}<Response>${speech}<Hangup/></Response>`;
  const silence = `<Redirect method="POST">${xml(actionOf(url, next, true))}</Redirect>`;
  if (next.kind === "record") {
    const action = xml(actionOf(url, next));
    return `${HEAD}<Response>${speech}<Record maxLength="${next.maxLength}" finishOnKey="#" playBeep="true" action="${action}" method="POST"/>${silence}</Response>`;
  }
  const digits = next.numDigits ? ` numDigits="${next.numDigits}"` : "";
  return `${HEAD}<Response><Gather input="dtmf"${digits} timeout="${next.timeout}" finishOnKey="${xml(next.finishOnKey)}" action="${xml(actionOf(url, next))}" method="POST">${speech}</Gather>${silence}</Response>`;
}

/** Twilio's answer when the service does not pick up: not answered, not billed to the caller. */
export const TWIML_REJECT_BUSY = `${HEAD}<Response><Reject reason="busy"/></Response>`;
export const TWIML_EMPTY = `${HEAD}<Response/>`;

function atParts(parts: SpeechPart[]): string {
  // Africa's Talking's <Say> reads English only: text reaches it only when the bank has no audio
  return parts.map((part) => (part.kind === "play" ? `<Play url="${xml(part.url)}"/>` : `<Say voice="woman" playBeep="false">${xml(part.text)}</Say>`)).join("");
}

/**
 * Africa's Talking's XML: the prompt inside `<GetDigits>` (with no key the call moves on to the
 * next action: a `<Redirect>` back with the silence marked), a `<Record>` for a spoken answer, or
 * the prompt alone (the call ends after the last action).
 */
export function renderAfricasTalkingXml(plan: CallPlan, url: ActionUrl): string {
  const speech = atParts(plan.parts);
  const next = plan.next;
  if (!next) return `${HEAD}<Response>${speech}</Response>`;
  const silence = `<Redirect>${xml(actionOf(url, next, true))}</Redirect>`;
  if (next.kind === "record") {
    return `${HEAD}<Response>${speech}<Record finishOnKey="#" maxLength="${next.maxLength}" trimSilence="true" playBeep="true" callbackUrl="${xml(actionOf(url, next))}"/>${silence}</Response>`;
  }
  const digits = next.numDigits ? ` numDigits="${next.numDigits}"` : "";
  return `${HEAD}<Response><GetDigits timeout="${next.timeout}" finishOnKey="${xml(next.finishOnKey)}"${digits} callbackUrl="${xml(actionOf(url, next))}">${speech}</GetDigits>${silence}</Response>`;
}

/** Not answered (free for the caller); it must be the only element. */
export const AT_REJECT = `${HEAD}<Response><Reject/></Response>`;
export const AT_EMPTY = `${HEAD}<Response/>`;
