import type { ChannelProfile, Message } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import type { Logger } from "../../logging/logger";
import type { Turn, TurnResult } from "../../conversation/run-turn";
import type { SmsStore } from "../../services/sms/store";
import { COMPLAINT_TEXT_KEY } from "../../engine/flows/complaints";
import { telUrn } from "../shared/phone";
import { parseSmsCommand, type KeywordTable, type SmsCommand } from "./commands";
import type { InboundSms } from "./parse";
import { renderSmsMessages, renderSmsReply, shapeSms } from "./render";

// an SMS of two segments holds a six-option menu with room to spare in all three languages
export const SMS_PROFILE: ChannelProfile = { name: "sms", pageSize: 6, maxScreenChars: 459, charset: "gsm7", typing: "keypad", buttons: false, maxDescription: 1000, canSendLater: true, notices: "sms" };

/**
 * The services behind PAGO, ESTADO and RECLAMO. Each is optional: until an area is wired, its
 * keyword gets the honest "not available yet, call Línea 101" in the person's language.
 */
export interface SmsKeywordServices {
  payments?(query: { urn: string; dni: string; birthDate: string; lang: Lang }): Promise<Message[]>;
  complaintStatus?(query: { urn: string; code: string; lang: Lang }): Promise<Message[]>;
}

export interface SmsDeps {
  handleTurn(turn: Turn): Promise<TurnResult>;
  i18n: Translator;
  logger: Logger;
  store: SmsStore;
  keywords: KeywordTable;
  services: SmsKeywordServices;
  maxSegments: number;
  now: () => number;
  /**
   * Is the person's SMS conversation on a screen where text is typed (a complaint's description)?
   * There a keyword is just a word ("Pago no llega desde marzo" is a description, not PAGO).
   */
  typingText?(urn: string): Promise<boolean>;
}

export interface SmsAnswer {
  /** the text to send back (already folded and capped), or null for silence */
  text: string | null;
  lang: Lang | null;
  duplicate: boolean;
  /** the text is the confirmation of a BAJA (the one message an opted-out number still gets) */
  optOut?: boolean;
}

const UNAVAILABLE: Message[] = [{ key: "common:unavailable" }];

/**
 * One inbound SMS → the answer to send back. Order matters: a repeated delivery is dropped
 * first; an opted-out number hears nothing except the answer to ALTA/START; MAS continues a
 * capped answer; keywords run their service; anything else is a turn of the menu conversation.
 */
export async function handleInboundSms(deps: SmsDeps, sms: InboundSms): Promise<SmsAnswer> {
  try {
    return await handle(deps, sms);
  } catch (error) {
    if (!deps.store.isStorageFailure(error)) throw error;
    // nothing was stored, not even the message id (a redelivery is handled afresh): the notice
    // with Línea 101 in the language known for the number (a read may still work) or the one its
    // keyword reveals, folded like every SMS; an opted-out number still hears nothing
    const known = await deps.store.knownContact(telUrn(sms.from)).catch(() => null);
    if (known?.optedOut) return { text: null, lang: known.lang, duplicate: false };
    const lang = known?.lang ?? parseSmsCommand(sms.text, deps.keywords, deps.now()).lang ?? "es";
    return { text: shapeSms(deps.i18n.t(lang, "common:save_failed"), lang, deps.maxSegments, deps.i18n).text, lang, duplicate: false };
  }
}

async function handle(deps: SmsDeps, sms: InboundSms): Promise<SmsAnswer> {
  if (!(await deps.store.claimInbound(sms.provider, sms.messageId))) return { text: null, lang: null, duplicate: true };
  const urn = telUrn(sms.from);
  const contact = await deps.store.contact(urn);
  // replies and notices go back by the gateway the person wrote to (Africa's Talking or Twilio)
  if (contact.gateway !== sms.provider) await deps.store.setGateway(contact.id, sms.provider);
  const parsed = parseSmsCommand(sms.text, deps.keywords, deps.now());
  const { lang: revealed } = parsed;
  const command = await asWordsWhileTyping(deps, urn, sms.text, parsed.command);
  const lang: Lang = contact.lang ?? revealed ?? "es";
  if (!contact.lang && revealed) await deps.store.setLang(contact.id, revealed);

  const answer = (text: string | null, as: Lang = lang): SmsAnswer => ({ text, lang: as, duplicate: false });
  const say = async (messages: Message[], as: Lang = lang) => answer(await capAndHold(deps, urn, renderSmsMessages(as, messages, deps.i18n), as), as);

  if (contact.optedOut) {
    if (command.kind !== "start" && sms.carrier !== "start") return answer(null);
    await deps.store.setOptOut(contact, urn, false);
    return say([{ key: "sms:optin" }]);
  }
  // the gateway itself took this as an opt-out (Twilio's CANCEL, QUIT…): it blocks the number now
  if (command.kind === "stop" || sms.carrier === "stop") {
    await deps.store.setOptOut(contact, urn, true);
    // the one message an opted-out number still gets; never capped away
    return { ...answer(shapeSms(deps.i18n.t(lang, "sms:optout"), lang, deps.maxSegments, deps.i18n).text), optOut: true };
  }
  if (command.kind === "more") {
    const held = await deps.store.takeContinuation(urn);
    if (held) return answer(await capAndHold(deps, urn, held.text, held.lang), held.lang);
    // nothing held back: MAS means the engine's "more" (98) on the current screen
    return conversationTurn(deps, urn, "98");
  }
  if (sms.media > 0 && sms.text.trim() === "") return say([{ key: "sms:media" }]);
  if (command.kind === "complaint" && !contact.lang) await deps.store.setLang(contact.id, lang); // the menu needs a language
  return runCommand(deps, urn, lang, command, say);
}

/**
 * On a screen where the person types a text, the keywords are words of that text (as the engine
 * treats them): the message is a turn. Only BAJA/STOP alone still unsubscribes, and MAS alone
 * still continues a held-back answer (both are one word, never a description).
 */
async function asWordsWhileTyping(deps: SmsDeps, urn: string, text: string, command: SmsCommand): Promise<SmsCommand> {
  if (command.kind === "turn" || command.kind === "more" || !deps.typingText) return command;
  const oneWord = !/\s/.test(text.trim());
  if (command.kind === "stop" && oneWord) return command;
  return (await deps.typingText(urn)) ? { kind: "turn", text: text.trim() } : command;
}

async function runCommand(
  deps: SmsDeps,
  urn: string,
  lang: Lang,
  command: SmsCommand,
  say: (messages: Message[]) => Promise<SmsAnswer>,
): Promise<SmsAnswer> {
  const { services } = deps;
  switch (command.kind) {
    case "help":
      return say([{ key: "sms:help" }]);
    case "start":
      // ALTA from a number that never left: welcome it all the same
      return say([{ key: "sms:optin" }]);
    case "usage":
      return say([{ key: `sms:usage.${command.of}` }]);
    case "payments":
      return say(services.payments ? await services.payments({ urn, dni: command.dni, birthDate: command.birthDate, lang }) : UNAVAILABLE);
    case "status":
      return say(services.complaintStatus ? await services.complaintStatus({ urn, code: command.code, lang }) : UNAVAILABLE);
    case "complaint":
      return enterComplaints(deps, urn, lang, command.text);
    case "language":
      // a message after a silence opens a fresh conversation, which shows its first screen and
      // ignores the text: open it first, so IDIOMA always reaches the language choice
      await deps.handleTurn({ channel: SMS_PROFILE, urn });
      return conversationTurn(deps, urn, command.text);
    case "turn":
      return conversationTurn(deps, urn, command.text);
    default:
      return { text: null, lang, duplicate: false };
  }
}

/**
 * RECLAMO: straight into the complaints section, whatever screen was showing, with the text after
 * the keyword kept as the complaint's description (asked for no more). A number with no language
 * yet is asked it first; the entry and its text wait for the answer.
 */
async function enterComplaints(deps: SmsDeps, urn: string, lang: Lang, given: string): Promise<SmsAnswer> {
  const entry = { enter: "complaints.start", seed: { [COMPLAINT_TEXT_KEY]: given.trim() || undefined } };
  const { reply } = await deps.handleTurn({ channel: SMS_PROFILE, urn, entry });
  const askingLanguage = reply.messages.some((m) => m.key === "common:language.first");
  const intro = askingLanguage ? "" : renderSmsMessages(reply.lang, [{ key: "sms:complaint_intro" }], deps.i18n) + "\n";
  return { text: await capAndHold(deps, urn, intro + renderSmsReply(reply, deps.i18n), reply.lang), lang: reply.lang, duplicate: false };
}

async function conversationTurn(deps: SmsDeps, urn: string, text: string): Promise<SmsAnswer> {
  const { reply } = await deps.handleTurn({ channel: SMS_PROFILE, urn, text });
  return { text: await capAndHold(deps, urn, renderSmsReply(reply, deps.i18n), reply.lang), lang: reply.lang, duplicate: false };
}

/** Shapes the text for SMS; what the cap holds back is kept for MAS (and any older rest is dropped). */
async function capAndHold(deps: SmsDeps, urn: string, text: string, lang: Lang): Promise<string> {
  const capped = shapeSms(text, lang, deps.maxSegments, deps.i18n);
  await deps.store.saveContinuation(urn, capped.rest === null ? null : { lang, text: capped.rest });
  return capped.text;
}
