import type { Lang } from "../i18n/langs";

/**
 * The neutral vocabulary shared by the engine, the conversation runner, the services and the
 * channels: text as locale keys, the engine's answer, the effects a turn asks for, and what a
 * channel can do. The engine re-exports it; nothing here imports the engine, services or db.
 */

/** A piece of text as a locale key with parameters; channels translate and shape it. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
  /**
   * the params come from an effect's outcome, known only once the turn is committed (a new
   * complaint's tracking code): the conversation runner fills them in after the write
   */
  fill?: Effect["type"];
}

/**
 * A reply whose `fill` messages (a new complaint's code and answer-by date, put in by the runner
 * after the write) carry values of the length the real ones will have (`MO-AAAA-NNNNNN`,
 * DD/MM/AAAA): for measuring a reply before its write, as the engine does to know over how many
 * of an operator's small screens it goes. Measured on the placeholders, the closing screen of a
 * complaint was one screen at 80 and cut once the code was in.
 */
export function withFillSamples(reply: Reply): Reply {
  if (!reply.messages.some((m) => m.fill === "complaint.file")) return reply;
  return {
    ...reply,
    messages: reply.messages.map((m) => (m.fill === "complaint.file" && typeof m.params?.code !== "string" ? { key: m.key, params: { ...m.params, code: "MO-0000-000000", deadline: "00/00/0000" } } : m)),
  };
}

/**
 * What a turn must change, described by a flow and committed by the conversation runner in the
 * same atomic write as the session (goflow's events): flows never write. Each effect is stored
 * under a key derived from the session and the step, so a retried turn cannot apply it twice.
 */
export type Effect =
  /** file a complaint; its code and answer-by date fill the reply's `fill: "complaint.file"` message */
  | { type: "complaint.file"; body: Record<string, unknown>; lang: Lang; recording?: string }
  /** one finished eligibility self-check, for the anonymous daily counts */
  | { type: "eligibility.counted"; results: { program: string; outcome: string }[]; ubigeo: string | null }
  /**
   * the person entered a section of the menu, completed it (saw what it gives), or left it
   * without that (`node`: the screen left): the anonymous usage counts (no phone, DNI or session)
   */
  | { type: "usage.counted"; section: UsageSection; outcome: "entered" | "completed" | "abandoned"; node?: string }
  /**
   * an identity check (`lookups.check`, a read): its audit row and failure counts, or the
   * clearing of earlier failures, written with the session; guarded at write time, so an attempt
   * that a concurrent one locked out meanwhile is not recorded and the turn runs again
   */
  | { type: "lookup.attempt"; dni: string; client: string; attempt: "verified" | "failed" | "refused" }
  /** a verified person was shown their payments or status: the audit row */
  | { type: "lookup.shown"; dni: string; what: "payments" | "status" }
  /** the reply to a case's satisfaction question (1 Bien 2 Regular 3 Mal, maybe a word): stored with the case once */
  | { type: "satisfaction.answer"; complaintId: string; code: string; rating: "bien" | "regular" | "mal"; comment: string | null }
  /**
   * a verified person said yes to payment notices on this number (the offer's text version, the
   * time and the language are stored with it, audited)
   */
  | { type: "consent.given"; dni: string; channel: "sms" | "whatsapp"; address: string; lang: Lang }
  /**
   * payment notices end at once: one person's on this number (the menu), or every consent on the
   * number the message came from (BAJA/STOP: `address` omitted, the runner knows the number)
   */
  | { type: "consent.revoked"; via: "keyword" | "menu"; dni?: string; address?: string };

/** The sections of the main menu whose use is counted (db/schema/usage-counts.ts stores them). */
export type UsageSection = "programs" | "eligibility" | "lookups" | "complaints" | "help";

export type InputKind = "choice" | "digits" | "dni" | "date" | "text";

export interface ReplyOption {
  /** what the person types (or the button/list id they send back) */
  id: string;
  label: Message;
  /**
   * a second line for channels that show one under the label (a WhatsApp list row's
   * description: "probablemente sí" under "Juntos"); others show it after the label
   */
  detail?: Message;
}

/** The engine's channel-neutral answer; each channel renders it its own way. */
export interface Reply {
  lang: Lang;
  messages: Message[];
  options: ReplyOption[];
  /** what the engine expects next; null when the conversation ended */
  input: InputKind | null;
  nav: { more: boolean; back: boolean; home: boolean };
  end: boolean;
  /**
   * a reply longer than the channel's screen (`ChannelProfile.views`): the screen of it being
   * shown, of how many; 98 shows the next, 0 the one before
   */
  view?: { index: number; count: number };
}

/** What a channel tells the engine about itself (never how to format). */
export interface ChannelProfile {
  /** the channel's name, for storage and audit only: no flow or engine decision reads it */
  name: string;
  /** choices per screen before paging with 98 */
  pageSize: number;
  /** most characters of one screen after rendering (USSD 182; message channels: a message) */
  maxScreenChars: number;
  /** the characters the screen can carry */
  charset: "gsm7" | "ucs2";
  /** how the person answers: a phone keypad, a keyboard, or nothing typed (voice: DTMF) */
  typing: "keypad" | "keyboard" | "none";
  /** options can be tapped (WhatsApp buttons and lists, the widget's buttons) */
  buttons: boolean;
  /** the longest description a person can give in one input (the USSD gateway leaves ~120) */
  maxDescription: number;
  /** the service can write to the person later on this channel (not USSD, a live session) */
  canSendLater: boolean;
  /**
   * the channel payment notices to this person's number go by, when the channel knows the number
   * (USSD and SMS: SMS; WhatsApp: WhatsApp); absent: notices cannot be offered here (the web chat)
   */
  notices?: "sms" | "whatsapp";
  /**
   * a channel whose screen can be smaller than a reply (USSD at an operator's UCS-2 limit, ~80):
   * how many screens this reply takes there. The engine then turns them with 98 (and 0 back)
   * before its own pages, so nothing is cut; absent: every reply fits one screen
   */
  views?(reply: Reply): number;
}


/** A closing screen: these messages, no options, nothing more expected. */
export function endReply(lang: Lang, messages: Message[]): Reply {
  return { lang, messages, options: [], input: null, nav: { more: false, back: false, home: false }, end: true };
}
