import type { Lang } from "../i18n/langs";
import type { LookupService } from "../services/lookups/types";
import type { ProgramCatalog } from "../services/programs/catalog";
import type { DistrictDirectory } from "../services/districts/directory";
import type { ComplaintsService } from "../services/complaints";
import type { EligibilityService } from "../services/eligibility/service";

export type { Lang };

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
 * What a turn must change, described by a flow and committed by the conversation runner in the
 * same atomic write as the session (goflow's events): flows never write. Each effect is stored
 * under a key derived from the session and the step, so a retried turn cannot apply it twice.
 */
export type Effect =
  /** file a complaint; its code and answer-by date fill the reply's `fill: "complaint.file"` message */
  | { type: "complaint.file"; body: Record<string, unknown>; lang: Lang }
  /** one finished eligibility self-check, for the anonymous daily counts */
  | { type: "eligibility.counted"; results: { program: string; outcome: string }[]; ubigeo: string | null }
  /** a verified person was shown their payments or status: the audit row */
  | { type: "lookup.shown"; dni: string; what: "payments" | "status" };

export type InputKind = "choice" | "digits" | "dni" | "date" | "text";

export interface ReplyOption {
  /** what the person types (or the button/list id they send back) */
  id: string;
  label: Message;
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
}

/** The part of a session the engine reads and writes. Storage adds ids and timestamps. */
export interface SessionState {
  lang: Lang | null;
  node: string;
  page: number;
  stack: string[];
  data: Record<string, unknown>;
  ended: boolean;
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
}

/**
 * Domain services the flows may call. Each area adds its member here; the engine
 * itself knows none of them.
 */
export interface EngineServices {
  catalog: ProgramCatalog;
  lookups: LookupService;
  districts: DistrictDirectory;
  complaints: ComplaintsService;
  eligibility: EligibilityService;
}

export interface StepContext {
  now: number;
  channel: ChannelProfile;
  services: EngineServices;
  /** the person's address (`tel:+51…`) when the channel knows it: a complaint can be answered there */
  urn?: string;
}

/** What a flow node can see while building its screen or handling input. */
export interface NodeContext {
  state: SessionState;
  lang: Lang;
  page: number;
  ctx: StepContext;
}

export type Transition =
  /** move to a node (pushing the current one on the back stack unless `replace`) */
  | { to: string; data?: Record<string, unknown>; notice?: Message[]; replace?: boolean; effects?: Effect[] }
  /** stay and re-ask, with a hint */
  | { error: Message }
  /** end the conversation with these messages */
  | { end: Message[]; effects?: Effect[] };

export type Target = string | ((c: NodeContext) => Transition | Promise<Transition>);

export interface Choice {
  label: Message;
  go: Target;
}

export interface InputSpec {
  kind: Exclude<InputKind, "choice">;
  maxLength?: number;
  /** `value` is already validated for its kind (dni: 8 digits; date: YYYY-MM-DD) */
  handle(value: string, c: NodeContext): Transition | Promise<Transition>;
}

/**
 * A screen of a flow, declared as data: a prompt, then either numbered choices or one
 * typed input (or neither, for an information screen with only back/menu).
 */
export interface FlowNode {
  id: string;
  prompt(c: NodeContext): Message[] | Promise<Message[]>;
  choices?(c: NodeContext): Choice[] | Promise<Choice[]>;
  input?: InputSpec;
  /** number of content pages (98 turns the page); the prompt reads `c.page` */
  pages?(c: NodeContext): number;
  /** fewer choices per screen than the channel allows (long labels such as district names) */
  pageSize?: number;
  /**
   * pages of uneven length (names of very different lengths): the index where each page
   * starts, given the choices and the most a screen may hold; default: equal pages
   */
  pageStarts?(choices: Choice[], maxPerPage: number): number[];
  /** no back/menu line: the main menu, the language choice */
  root?: boolean;
  /** shows a verified person's own data: never resumed in another conversation without verifying again */
  personal?: boolean;
}
