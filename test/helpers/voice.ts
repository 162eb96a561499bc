import { readFileSync } from "node:fs";
import { join } from "node:path";
import twilio from "twilio";
import type { Hono } from "hono";
import type { Translator } from "../../src/i18n/translator";
import { createTranslator } from "../../src/i18n/translator";
import type { PromptBank, SpeechPart } from "../../src/voice/prompt-bank";
import type { Lang } from "../../src/i18n/langs";

export const VOICE_ENV = { TWILIO_AUTH_TOKEN: "12345-voice-token", PUBLIC_BASE_URL: "https://orienta.example.pe" };

/**
 * A say-only bank for the channel's tests: every message as text for the provider's TTS, in
 * Spanish and Quechua; Aymara not offered (no recordings). The real bank (src/voice/) is tested
 * on its own; this one lets the call handling be tested against the PromptBank interface.
 */
export function sayBank(i18n: Translator = createTranslator(), offered: Lang[] = ["es", "qu"]): PromptBank {
  return {
    speak: async (lang, message): Promise<SpeechPart[]> => [{ kind: "say", text: i18n.t(lang, message.key, message.params), lang }],
    offered: async (lang) => offered.includes(lang),
  };
}

export const voiceFixture = (name: string) => readFileSync(join(__dirname, "../channels/voice/fixtures", name), "utf8").trim();

/** What a TwiML / AT answer asks the provider to do, read back for the tests. */
export interface Answer {
  status: number;
  body: string;
  /** the spoken texts, in order */
  said: string[];
  /** Gather action / GetDigits callbackUrl (or the Record's) */
  action: string | null;
  /** the <Redirect> after it: where silence goes */
  redirect: string | null;
  hangup: boolean;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

export function readAnswer(status: number, body: string): Answer {
  const said = [...body.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => unescape(m[1]));
  const action = /<(?:Gather|Record)[^>]*\baction="([^"]*)"/.exec(body)?.[1] ?? /<(?:GetDigits|Record)[^>]*\bcallbackUrl="([^"]*)"/.exec(body)?.[1] ?? null;
  const redirect = /<Redirect[^>]*>([^<]*)<\/Redirect>/.exec(body)?.[1] ?? null;
  return { status, body, said, action: action && unescape(action), redirect: redirect && unescape(redirect), hangup: body.includes("<Hangup/>") || (status === 200 && !action && !body.includes("<Reject")) };
}

/** Posts a Twilio form to a path, signed with twilio-node's own signer (as Twilio signs). */
export async function postTwilioVoice(app: Hono, pathOrUrl: string, form: URLSearchParams, options: { token?: string; signature?: string | null } = {}) {
  const params = Object.fromEntries(form);
  // an action URL as the answer wrote it (absolute, under PUBLIC_BASE_URL) or a path under it
  const url = new URL(pathOrUrl, VOICE_ENV.PUBLIC_BASE_URL);
  const path = url.pathname + url.search;
  const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.token ?? VOICE_ENV.TWILIO_AUTH_TOKEN, url.toString(), params) : options.signature;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  const res = await app.request(path, { method: "POST", headers, body: form.toString() });
  return readAnswer(res.status, await res.text());
}

/** A Twilio call from the documented incoming-call request: follows the action URLs like Twilio does. */
export function twilioCall(app: Hono, fields: Record<string, string> = {}) {
  const base = new URLSearchParams(voiceFixture("twilio-incoming.form"));
  for (const [k, v] of Object.entries(fields)) base.set(k, v);
  let last: Answer | null = null;
  const next = async (path: string, extra: Record<string, string>) => {
    const form = new URLSearchParams(base);
    form.set("CallStatus", "in-progress");
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    last = await postTwilioVoice(app, path, form);
    return last;
  };
  return {
    start: async () => (last = await postTwilioVoice(app, "/channels/voice/twilio", base)),
    press: async (digits: string) => next(last!.action!, { Digits: digits, FinishedOnKey: "" }),
    silence: async () => next(last!.redirect!, {}),
    record: async (url: string) => next(last!.action!, { RecordingUrl: url, RecordingSid: "RE0123456789abcdef0123456789abcdef", RecordingDuration: "12", Digits: "hangup" }),
    get last() {
      return last!;
    },
  };
}

/** An Africa's Talking call: follows callbackUrl / Redirect as the provider does. */
export function atCall(app: Hono, options: { key?: string; sessionId?: string; caller?: string } = {}) {
  const base = new URLSearchParams(voiceFixture("at-incoming.form"));
  if (options.sessionId) base.set("sessionId", options.sessionId);
  if (options.caller) base.set("callerNumber", options.caller);
  let last: Answer | null = null;
  const post = async (url: string, extra: Record<string, string>) => {
    const form = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    const u = new URL(url, "http://localhost");
    const res = await app.request(u.pathname + u.search, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    last = readAnswer(res.status, await res.text());
    return last;
  };
  const first = "/channels/voice/africastalking" + (options.key ? `?key=${options.key}` : "");
  return {
    start: () => post(first, {}),
    press: (digits: string) => post(last!.action!, { dtmfDigits: digits }),
    silence: () => post(last!.redirect!, {}),
    hangUp: () => post(first, { isActive: "0", durationInSeconds: "74", currencyCode: "USD", amount: "0.05" }),
    get last() {
      return last!;
    },
  };
}
