import { usageEffects } from "./usage";
import { validateInput } from "./inputs";
import { foldKeyword } from "./text";
import type { Choice, Effect, FlowNode, Message, NodeContext, Reply, SessionState, StepContext, Target, Transition } from "./types";
import type { Lang } from "../i18n/langs";
import { endReply } from "../domain/messages";

/** Node ids the engine itself relies on. */
export const NODES = {
  language: "language",
  main: "main",
  help: "help",
  resume: "resume",
  unavailable: "unavailable",
} as const;

/** Pseudo-targets a transition may name. */
export const BACK = "__back";
export const RESUME = "__resume";

/** Words that work on every screen, in every language (folded: upper case, no accents). */
export interface Keywords {
  menu: string[];
  help: string[];
  language: string[];
  exit: string[];
  /** words for `0` and `98` (ATRAS, MAS…): navigation on every screen, also where text is typed */
  back?: string[];
  more?: string[];
  /** BAJA/STOP and their qu/ay words: payment notices to this number end at once, the screen stays */
  stop?: string[];
}

export interface StepResult {
  state: SessionState;
  reply: Reply;
  /** what the turn must change: the conversation runner commits these with the session */
  effects: Effect[];
}

/** Where a conversation is entered from outside the menus (a keyword, a notice's reply, voice). */
export interface Entry {
  /** a node id, e.g. `complaints.start` */
  enter: string;
  /** answers the flow takes instead of asking for them (`{ complaintText }`) */
  seed?: Record<string, unknown>;
  /** answers to give the entered screens one after another, as if typed (`PAGO 12345678 21041950`) */
  inputs?: string[];
  /** what entering changes by itself (BAJA as a first message: the consents end), also before a language is chosen */
  effects?: Effect[];
  /** shown above the entered screen */
  notice?: Message[];
}

/**
 * A word that opens a flow from any screen of a text channel, with what follows it: `ESTADO
 * MO-2026-000123`, `PAGO 12345678`, `RECLAMO no me llega el pago` (and their qu/ay words). The
 * same words the SMS keywords and the notices teach, so what a notice says works where it is read.
 */
export interface KeywordEntry {
  words: string[];
  /** the entry for what followed the word (its original spelling), or null when it cannot be used */
  entry(rest: string): Entry | null;
}

/** session data key: an entry waiting for the language to be chosen first */
export const PENDING_ENTRY = "__entry";
/** session data key: the closing screen, shown again to a retry after the conversation ended */
export const END_SCREEN = "__end";
/** which screen of a reply longer than the channel's screen is showing (ChannelProfile.views) */
export const VIEW = "__view";
/**
 * the hint or notice shown above a reply turned over several screens: kept with the state so 98
 * and 0 (and a gateway retry) turn the reply that was shown, hint included, not the one without it
 */
export const VIEW_NOTICES = "__viewNotices";

/**
 * A session's data without what belongs to the screen showing (which of a turned reply's screens,
 * its hint): any new answer starts from the reply's first screen, and a redial after a lost
 * session showed the old hint above the offer to go on.
 */
export function screenless(data: Record<string, unknown>): Record<string, unknown> {
  const { [VIEW]: _view, [VIEW_NOTICES]: _notices, ...rest } = data;
  return rest;
}

const viewIndex = (state: SessionState): number => (typeof state.data[VIEW] === "number" ? (state.data[VIEW] as number) : 0);

export interface Engine {
  /** the screen for the current state (a new session, a gateway retry, a resumed conversation) */
  render(state: SessionState, ctx: StepContext, notices?: Message[]): Promise<Reply>;
  /** applies one input and returns the new state and the screen to show */
  step(state: SessionState, input: string, ctx: StepContext): Promise<StepResult>;
  /** opens the conversation at an entry point (asking the language first when it is unknown) */
  enter(state: SessionState, entry: Entry, ctx: StepContext): Promise<StepResult>;
  /** a fresh conversation for a person whose language is (or is not yet) known */
  initialState(lang: Lang | null): SessionState;
  /** the entry a keyword message asks for (`ESTADO MO-2026-000123`), or null: a first message that is a keyword */
  entryFor(text: string): Entry | null;
  nodes: ReadonlyMap<string, FlowNode>;
}

const MAX_STACK = 20;
const MORE = "98";

export function createEngine(options: { nodes: FlowNode[]; keywords: Keywords; entries?: KeywordEntry[] }): Engine {
  const nodes = new Map<string, FlowNode>();
  for (const node of options.nodes) {
    if (nodes.has(node.id)) throw new Error(`duplicate flow node: ${node.id}`);
    nodes.set(node.id, node);
  }
  for (const id of [NODES.language, NODES.main, NODES.help, NODES.unavailable, NODES.resume]) {
    if (!nodes.has(id)) throw new Error(`missing core flow node: ${id}`);
  }
  const keywords = {
    menu: new Set(options.keywords.menu.map(foldKeyword)),
    help: new Set(options.keywords.help.map(foldKeyword)),
    language: new Set(options.keywords.language.map(foldKeyword)),
    exit: new Set(options.keywords.exit.map(foldKeyword)),
    back: new Set((options.keywords.back ?? []).map(foldKeyword)),
    more: new Set((options.keywords.more ?? []).map(foldKeyword)),
    stop: new Set((options.keywords.stop ?? []).map(foldKeyword)),
  };
  const STOPPED: Entry = { enter: NODES.main, effects: [{ type: "consent.revoked", via: "keyword" }], notice: [{ key: "notices:revoked" }] };
  const entryWords = new Map<string, KeywordEntry>();
  for (const e of options.entries ?? []) for (const w of e.words) if (foldKeyword(w)) entryWords.set(foldKeyword(w), e);

  /** `ESTADO MO-2026-000123` and the like: the entry it asks for, or null */
  function keywordEntry(input: string): Entry | null {
    const match = /^(\S+)\s*([\s\S]*)$/.exec(input);
    const e = match ? entryWords.get(foldKeyword(match[1])) : undefined;
    return e ? e.entry(match![2].trim()) : null;
  }

  const nodeOf = (state: SessionState): FlowNode =>
    state.lang === null ? nodes.get(NODES.language)! : nodes.get(state.node) ?? nodes.get(NODES.unavailable)!;

  const contextOf = (state: SessionState, ctx: StepContext): NodeContext => ({
    state,
    lang: state.lang ?? "es",
    page: state.page,
    ctx,
  });

  async function pageOfChoices(node: FlowNode, c: NodeContext): Promise<{ slice: Choice[]; more: boolean }> {
    if (!node.choices) return { slice: [], more: false };
    const all = await node.choices(c);
    const own = typeof node.pageSize === "function" ? node.pageSize(c.ctx.channel) : node.pageSize;
    const size = Math.max(1, Math.min(c.ctx.channel.pageSize, own ?? Infinity));
    if (node.pageStarts) {
      const starts = node.pageStarts(all, size);
      const page = Math.min(c.page, Math.max(0, starts.length - 1));
      const from = starts[page] ?? 0;
      return { slice: all.slice(from, Math.min(from + size, starts[page + 1] ?? all.length)), more: page < starts.length - 1 };
    }
    const lastPage = Math.max(0, Math.ceil(all.length / size) - 1);
    const page = Math.min(c.page, lastPage);
    return { slice: all.slice(page * size, page * size + size), more: page < lastPage };
  }

  function hasMorePages(node: FlowNode, c: NodeContext): boolean {
    return node.pages ? c.page < node.pages(c) - 1 : false;
  }

  /**
   * The reply for a state; on a channel whose screen is smaller than the reply
   * (`ChannelProfile.views`), which of its screens is showing (`VIEW`, turned by `turnView`).
   */
  async function render(state: SessionState, ctx: StepContext, notices: Message[] = []): Promise<Reply> {
    if (!ctx.channel.views) return layout(state, ctx, notices);
    const kept = (state.data[VIEW_NOTICES] as Message[] | undefined) ?? [];
    const reply = withView(await layout(state, ctx, notices.length ? notices : kept), state, ctx);
    // a hint above a reply over several screens (a mistyped key, a wrong DNI): 98 goes on to the
    // rest of that reply; without the hint kept it turned the reply without it, skipping its
    // first screen (a menu's options 1 and 2) or, on a typed answer's screen, never left the hint
    if (notices.length && reply.view) state.data[VIEW_NOTICES] = notices;
    return reply;
  }

  function withView(reply: Reply, state: SessionState, ctx: StepContext): Reply {
    const count = ctx.channel.views ? ctx.channel.views(reply) : 1;
    if (count <= 1) return reply;
    return { ...reply, view: { index: Math.min(Math.max(0, viewIndex(state)), count - 1), count } };
  }

  /**
   * 98 on a screen of a reply that has another screen after it shows that screen; 0 (back) on any
   * but the first, the one before. Same state otherwise: the person's answer may be typed on any
   * of them (the options keep their numbers). On the last screen 98 is the engine's own "more".
   */
  async function turnView(previous: SessionState, rawInput: string, ctx: StepContext): Promise<StepResult | null> {
    if (!ctx.channel.views) return null;
    const folded = foldKeyword(rawInput.trim());
    const takesDigits = !previous.ended && previous.lang !== null && nodeOf(previous).input?.kind === "digits";
    const more = rawInput.trim() === MORE || keywords.more.has(folded);
    const back = (rawInput.trim() === "0" && !takesDigits) || keywords.back.has(folded);
    if (!more && !(back && viewIndex(previous) > 0)) return null;
    const shown = await render(previous, ctx);
    if (!shown.view) return null;
    const next = more ? shown.view.index + 1 : shown.view.index - 1;
    if (next >= shown.view.count) return null;
    const state: SessionState = structuredClone(previous);
    state.data[VIEW] = next;
    return { state, reply: await render(state, ctx), effects: [] };
  }

  async function layout(state: SessionState, ctx: StepContext, notices: Message[]): Promise<Reply> {
    const closing = state.ended ? (state.data[END_SCREEN] as Message[] | undefined) : undefined;
    if (closing) return endReply(state.lang ?? "es", [...notices, ...closing]);
    const node = nodeOf(state);
    const c = contextOf(state, ctx);
    const lang = c.lang;
    const prompt = await node.prompt(c);
    const { slice, more: moreChoices } = await pageOfChoices(node, c);
    const more = moreChoices || hasMorePages(node, c);
    return {
      lang,
      messages: [...notices, ...prompt],
      options: slice.map((choice, i) => ({ id: String(i + 1), label: choice.label, ...(choice.detail ? { detail: choice.detail } : {}) })),
      input: node.input ? node.input.kind : "choice",
      nav: { more, back: !node.root, home: !node.root },
      end: false,
    };
  }

  function goTo(state: SessionState, target: string, push: boolean): void {
    if (push && target !== state.node) {
      state.stack.push(state.node);
      if (state.stack.length > MAX_STACK) state.stack.shift();
    }
    state.node = target;
    state.page = 0;
  }

  function goBack(state: SessionState): void {
    if (state.page > 0) {
      state.page -= 1;
      return;
    }
    const previous = state.stack.pop();
    state.node = previous ?? NODES.main;
    state.page = 0;
  }

  function goHome(state: SessionState): void {
    state.stack = [];
    state.node = NODES.main;
    state.page = 0;
  }

  async function resolve(target: Target, c: NodeContext): Promise<Transition> {
    return typeof target === "string" ? { to: target } : target(c);
  }

  async function apply(state: SessionState, t: Transition, ctx: StepContext): Promise<StepResult> {
    if ("error" in t) return { state, reply: await render(state, ctx, [t.error]), effects: [] };
    const effects = t.effects ?? [];
    if ("end" in t) {
      state.ended = true;
      state.data[END_SCREEN] = t.end;
      return { state, reply: withView(endReply(state.lang ?? "es", t.end), state, ctx), effects };
    }
    if (t.data) state.data = { ...state.data, ...t.data };
    if (t.to === BACK) goBack(state);
    else if (t.to === RESUME) {
      const saved = state.data.__resume as Pick<SessionState, "node" | "page" | "stack"> | undefined;
      delete state.data.__resume;
      if (saved && nodes.has(saved.node)) {
        state.node = saved.node;
        state.page = saved.page;
        state.stack = saved.stack;
      } else goHome(state);
    } else goTo(state, t.to, !t.replace);
    return { state, reply: await render(state, ctx, t.notice ?? []), effects };
  }

  async function step(previous: SessionState, rawInput: string, ctx: StepContext): Promise<StepResult> {
    const turned = await turnView(previous, rawInput, ctx);
    if (turned) return turned;
    const state: SessionState = structuredClone(previous);
    state.data = screenless(state.data);
    if (state.ended) {
      state.ended = false;
      delete state.data[END_SCREEN];
      goHome(state);
    }
    if (state.lang === null) state.node = NODES.language;
    const node = nodeOf(state);
    const c = contextOf(state, ctx);
    const folded = foldKeyword(rawInput.trim());
    // navigation words are navigation, also on a screen where text is typed (never an answer)
    const input = keywords.more.has(folded) ? MORE : rawInput.trim();
    const takesDigits = node.input?.kind === "digits";
    const typesText = node.input?.kind === "text";

    // a keyword that opens a flow (also before the language is known: it is asked, then the
    // entry continues with what the keyword carried); never inside a typed text, where "pago"
    // is just a word of the person's description
    if (node.input?.kind !== "text") {
      const asked = keywordEntry(input);
      if (asked && nodes.has(asked.enter)) return enter(previous, asked, ctx);
    }

    // BAJA/STOP on any screen but a typed text: the notices end now, the person stays where they were
    if (node.input?.kind !== "text" && keywords.stop.has(folded)) {
      return { state, reply: await render(state, ctx, STOPPED.notice), effects: STOPPED.effects! };
    }

    // Global commands first: they work on every screen, so nobody gets stuck.
    if (state.lang === null && (keywords.menu.has(folded) || keywords.help.has(folded) || keywords.language.has(folded))) {
      // nothing can be shown before the language is known: its question is the answer, not an error
      return { state, reply: await render(state, ctx), effects: [] };
    }
    if (state.lang !== null) {
      if (input === "00" || keywords.menu.has(folded)) {
        goHome(state);
        return { state, reply: await render(state, ctx), effects: [] };
      }
      if ((input === "0" && !takesDigits) || keywords.back.has(folded)) {
        goBack(state);
        return { state, reply: await render(state, ctx), effects: [] };
      }
      if ((input === "9" && !takesDigits) || keywords.language.has(folded)) {
        if (state.node !== NODES.language) goTo(state, NODES.language, true);
        return { state, reply: await render(state, ctx), effects: [] };
      }
      if (keywords.help.has(folded)) {
        goTo(state, NODES.help, true);
        return { state, reply: await render(state, ctx), effects: [] };
      }
      if (keywords.exit.has(folded)) {
        state.ended = true;
        return { state, reply: endReply(state.lang, [{ key: "common:goodbye" }]), effects: [] };
      }
    }

    if (input === MORE) {
      const { more } = await pageOfChoices(node, c);
      if (more || hasMorePages(node, c)) {
        state.page += 1;
        return { state, reply: await render(state, ctx), effects: [] };
      }
      // "more" where there is no more, on a screen that asks for text (or the word MAS anywhere): not the person's answer
      // 98 or MAS on a screen of choices whose last page is showing: "there is no more" (it was
      // "invalid option, press a number", and MAS was told to "write your answer")
      if (!node.input) return { state, reply: await render(state, ctx, [{ key: "common:errors.last_page" }]), effects: [] };
      if (typesText || keywords.more.has(folded)) return { state, reply: await render(state, ctx, [{ key: "common:errors.no_more" }]), effects: [] };
    }

    if (node.input) {
      const checked = validateInput(node.input.kind, rawInput, node.input.maxLength, ctx.now);
      if (!checked.ok) return { state, reply: await render(state, ctx, [checked.hint]), effects: [] };
      return apply(state, await node.input.handle(checked.value, c), ctx);
    }

    const { slice } = await pageOfChoices(node, c);
    const index = /^\d{1,2}$/.test(input) ? Number(input) - 1 : -1;
    const choice = slice[index];
    if (!choice && node.onText && /\p{L}/u.test(input)) {
      const typed = await node.onText(input, c);
      if (typed) return apply(state, typed, ctx);
    }
    if (!choice) {
      // where the options are buttons (WhatsApp, the web chat) the hint says to tap one or type its
      // number, also for an empty answer; "marque" is the keypad's (and a call's) wording
      const buttons = ctx.channel.buttons;
      const hint: Message =
        input === "" ? { key: buttons ? "common:errors.empty_buttons" : "common:errors.empty" } : { key: buttons ? "common:errors.option_buttons" : "common:errors.option" };
      return { state, reply: await render(state, ctx, [hint]), effects: [] };
    }
    const result = await apply(state, await resolve(choice.go, c), ctx);
    const pending = result.state.data[PENDING_ENTRY] as Entry | undefined;
    // the language was the one thing missing: now go where the keyword meant
    if (pending && result.state.lang !== null && !result.state.ended) return enterNow(result.state, pending, ctx);
    return result;
  }

  async function enter(previous: SessionState, requested: Entry, ctx: StepContext): Promise<StepResult> {
    const state: SessionState = structuredClone(previous);
    state.ended = false;
    delete state.data[END_SCREEN];
    state.data = screenless(state.data);
    // a section not registered here: the honest "not available yet — Línea 101" screen
    const entry = nodes.has(requested.enter) ? requested : { enter: NODES.unavailable };
    if (state.lang === null) {
      // the language first; the entry (and what it carries) waits for the answer, but what it
      // changes by itself (BAJA) happens now
      state.node = NODES.language;
      const { effects = [], notice = [], ...waiting } = entry;
      if (waiting.enter !== NODES.main || waiting.seed || waiting.inputs) state.data = { ...state.data, [PENDING_ENTRY]: waiting };
      return { state, reply: await render(state, ctx, notice), effects };
    }
    return enterNow(state, entry, ctx);
  }

  async function enterNow(state: SessionState, entry: Entry, ctx: StepContext): Promise<StepResult> {
    delete state.data[PENDING_ENTRY];
    state.data = { ...state.data, ...(entry.seed ?? {}) };
    state.stack = [NODES.main];
    state.node = entry.enter;
    state.page = 0;
    let result: StepResult = { state, reply: await render(state, ctx, entry.notice ?? []), effects: entry.effects ?? [] };
    // what the keyword carried, answered screen by screen; a wrong answer stops there with its hint
    for (const input of entry.inputs ?? []) {
      const before = result.state.node;
      const next = await step(result.state, input, ctx);
      result = { ...next, effects: [...result.effects, ...next.effects] };
      if (next.state.node === before || next.state.ended) break;
    }
    return result;
  }

  function initialState(lang: Lang | null): SessionState {
    return { lang, node: lang ? NODES.main : NODES.language, page: 0, stack: [], data: {}, ended: false };
  }

  const entryFor = (text: string): Entry | null => {
    if (keywords.stop.has(foldKeyword(text.trim()))) return STOPPED;
    const asked = keywordEntry(text.trim());
    return asked && nodes.has(asked.enter) ? asked : null;
  };

  // every turn's anonymous usage counts, derived from where it started and ended (usage.ts)
  const counted = (previous: SessionState, result: StepResult): StepResult => {
    const usage = usageEffects(previous, result.state, result.effects);
    return usage.length ? { ...result, effects: [...result.effects, ...usage] } : result;
  };
  return {
    render,
    step: async (previous, input, ctx) => counted(previous, await step(previous, input, ctx)),
    enter: async (previous, entry, ctx) => counted(previous, await enter(previous, entry, ctx)),
    initialState,
    nodes,
    entryFor,
  };
}
