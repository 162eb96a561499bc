import type { Message, Reply } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { PromptBank, SpeechPart } from "../../voice/prompt-bank";

/**
 * A keypad screen's texts said differently on a call: the help names the call's keys (9 is the
 * menu there), the first language question is replaced by each language's own option, and the
 * complaint's description is spoken, not typed (call:record.prompt).
 */
const SPOKEN_INSTEAD: Record<string, string | null> = {
  "common:help.text": "call:help",
  "common:language.first": null,
  "complaints:description.prompt": "call:record.prompt",
};

/** The description of a complaint is recorded; other typed text cannot be given by keypad. */
export const RECORDED_PROMPT = "complaints:description.prompt";
/** the engine node that asks for it (src/engine/flows/complaints.ts) */
export const VOICE_RECORD_NODE = "complaints.describe";

const LANGUAGE_OPTION = /^common:language\.(es|qu|ay)$/;

/** Messages from the engine that say the last answer was not understood. */
export const isHint = (m: Message) => m.key.startsWith("common:errors.");

export async function speakMessages(bank: PromptBank, lang: Lang, messages: Message[]): Promise<SpeechPart[]> {
  const parts: SpeechPart[] = [];
  for (const message of messages) {
    const instead = message.key in SPOKEN_INSTEAD ? SPOKEN_INSTEAD[message.key] : message.key;
    if (instead === null) continue;
    parts.push(...(await bank.speak(lang, instead === message.key ? message : { key: instead })));
  }
  return parts;
}

/**
 * A reply as speech: its messages, then each option ("para X, marque N"; a language's own option
 * in that language, left out while the bank does not offer it), then what to type and the
 * navigation keys. Keypad digits only.
 */
export async function speakReply(bank: PromptBank, reply: Reply): Promise<SpeechPart[]> {
  const lang = reply.lang;
  const parts = await speakMessages(bank, lang, reply.messages);
  if (reply.end) return parts;
  for (const option of reply.options) {
    const language = LANGUAGE_OPTION.exec(option.label.key)?.[1] as Lang | undefined;
    if (language) {
      if (await bank.offered(language)) parts.push(...(await bank.speak(language, { key: "call:language.option", params: { n: option.id } })));
      continue;
    }
    parts.push(...(await bank.speak(lang, { key: "call:option.lead" })));
    parts.push(...(await bank.speak(lang, option.label)));
    parts.push(...(await bank.speak(lang, { key: "call:option.press", params: { n: option.id } })));
  }
  if (reply.input === "dni" || reply.input === "date" || reply.input === "digits") parts.push(...(await bank.speak(lang, { key: "call:typed.finish" })));
  if (reply.input === "text" && !reply.messages.some((m) => m.key === RECORDED_PROMPT)) parts.push(...(await bank.speak(lang, { key: "call:text_by_phone" })));
  if (reply.nav.more) parts.push(...(await bank.speak(lang, { key: "call:nav.more" })));
  if (reply.nav.back) parts.push(...(await bank.speak(lang, { key: "call:nav.back" })));
  if (reply.nav.home) parts.push(...(await bank.speak(lang, { key: "call:nav.home" })));
  return parts;
}

/** "1 2 3 4" for "1234": digits read one by one. */
export const spacedDigits = (digits: string) => [...digits].join(" ");
