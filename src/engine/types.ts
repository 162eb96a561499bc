import type { Lang } from "../i18n/langs";
import type { LookupService } from "../services/lookups/types";
import type { ProgramCatalog } from "../services/programs/catalog";
import type { DistrictDirectory } from "../services/districts/directory";
import type { ComplaintsService } from "../services/complaints";
import type { EligibilityService } from "../services/eligibility/service";
import type { NoticeConsentService } from "../services/notices/consent-port";

export type { Lang };
export type { ChannelProfile, Effect, InputKind, Message, Reply, ReplyOption } from "../domain/messages";
import type { ChannelProfile, Effect, InputKind, Message } from "../domain/messages";

/** The part of a session the engine reads and writes. Storage adds ids and timestamps. */
export interface SessionState {
  lang: Lang | null;
  node: string;
  page: number;
  stack: string[];
  data: Record<string, unknown>;
  ended: boolean;
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
  /** consent to payment notices (the offer after a verified lookup, BAJA) */
  notices: NoticeConsentService;
}

export interface StepContext {
  now: number;
  channel: ChannelProfile;
  services: EngineServices;
  /** the person's address (`tel:+51…`) when the channel knows it: a complaint can be answered there */
  urn?: string;
  /**
   * who is asking, for the identity check's per-client failure counts, when that is not the
   * person's address: the web chat's client address (a chat session is free to make anew)
   */
  client?: string;
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
  /** a second line where the channel has room for one (see ReplyOption.detail) */
  detail?: Message;
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
  /** fewer choices per screen than the channel allows (long labels such as district names); may depend on the channel */
  pageSize?: number | ((channel: ChannelProfile) => number);
  /**
   * pages of uneven length (names of very different lengths): the index where each page
   * starts, given the choices and the most a screen may hold; default: equal pages
   */
  pageStarts?(choices: Choice[], maxPerPage: number): number[];
  /** no back/menu line: the main menu, the language choice */
  root?: boolean;
  /** shows a verified person's own data: never resumed in another conversation without verifying again */
  personal?: boolean;
  /**
   * a choice screen that also takes typed words (the district question: typed letters search
   * the name at once instead of "invalid option"); null: not taken, the usual hint
   */
  onText?(text: string, c: NodeContext): Transition | null | Promise<Transition | null>;
}
