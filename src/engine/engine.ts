import { validateInput } from "./inputs";
import { foldForMatch } from "./text";
import type { Choice, FlowNode, Message, NodeContext, Reply, SessionState, StepContext, Target, Transition } from "./types";
import type { Lang } from "../i18n/langs";

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
}

export interface StepResult {
  state: SessionState;
  reply: Reply;
}

export interface Engine {
  /** the screen for the current state (a new session, a gateway retry, a resumed conversation) */
  render(state: SessionState, ctx: StepContext, notices?: Message[]): Promise<Reply>;
  /** applies one input and returns the new state and the screen to show */
  step(state: SessionState, input: string, ctx: StepContext): Promise<StepResult>;
  /** a fresh conversation for a person whose language is (or is not yet) known */
  initialState(lang: Lang | null): SessionState;
  nodes: ReadonlyMap<string, FlowNode>;
}

const MAX_STACK = 20;
const MORE = "98";

export function createEngine(options: { nodes: FlowNode[]; keywords: Keywords }): Engine {
  const nodes = new Map<string, FlowNode>();
  for (const node of options.nodes) {
    if (nodes.has(node.id)) throw new Error(`duplicate flow node: ${node.id}`);
    nodes.set(node.id, node);
  }
  for (const id of [NODES.language, NODES.main, NODES.help, NODES.unavailable, NODES.resume]) {
    if (!nodes.has(id)) throw new Error(`missing core flow node: ${id}`);
  }
  const keywords = {
    menu: new Set(options.keywords.menu.map(foldForMatch)),
    help: new Set(options.keywords.help.map(foldForMatch)),
    language: new Set(options.keywords.language.map(foldForMatch)),
    exit: new Set(options.keywords.exit.map(foldForMatch)),
  };

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
    const size = Math.max(1, Math.min(c.ctx.channel.pageSize, node.pageSize ?? Infinity));
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

  async function render(state: SessionState, ctx: StepContext, notices: Message[] = []): Promise<Reply> {
    const node = nodeOf(state);
    const c = contextOf(state, ctx);
    const lang = c.lang;
    const prompt = await node.prompt(c);
    const { slice, more: moreChoices } = await pageOfChoices(node, c);
    const more = moreChoices || hasMorePages(node, c);
    return {
      lang,
      messages: [...notices, ...prompt],
      options: slice.map((choice, i) => ({ id: String(i + 1), label: choice.label })),
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

  function endReply(lang: Lang, messages: Message[]): Reply {
    return { lang, messages, options: [], input: null, nav: { more: false, back: false, home: false }, end: true };
  }

  async function resolve(target: Target, c: NodeContext): Promise<Transition> {
    return typeof target === "string" ? { to: target } : target(c);
  }

  async function apply(state: SessionState, t: Transition, ctx: StepContext): Promise<StepResult> {
    if ("error" in t) return { state, reply: await render(state, ctx, [t.error]) };
    if ("end" in t) {
      state.ended = true;
      return { state, reply: endReply(state.lang ?? "es", t.end) };
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
    return { state, reply: await render(state, ctx, t.notice ?? []) };
  }

  async function step(previous: SessionState, rawInput: string, ctx: StepContext): Promise<StepResult> {
    const state: SessionState = structuredClone(previous);
    if (state.ended) {
      state.ended = false;
      goHome(state);
    }
    if (state.lang === null) state.node = NODES.language;
    const node = nodeOf(state);
    const c = contextOf(state, ctx);
    const input = rawInput.trim();
    const folded = foldForMatch(input);
    const takesDigits = node.input?.kind === "digits";

    // Global commands first: they work on every screen, so nobody gets stuck.
    if (state.lang === null && (keywords.menu.has(folded) || keywords.help.has(folded) || keywords.language.has(folded))) {
      // nothing can be shown before the language is known: its question is the answer, not an error
      return { state, reply: await render(state, ctx) };
    }
    if (state.lang !== null) {
      if (input === "00" || keywords.menu.has(folded)) {
        goHome(state);
        return { state, reply: await render(state, ctx) };
      }
      if (input === "0" && !takesDigits) {
        goBack(state);
        return { state, reply: await render(state, ctx) };
      }
      if ((input === "9" && !takesDigits) || keywords.language.has(folded)) {
        if (state.node !== NODES.language) goTo(state, NODES.language, true);
        return { state, reply: await render(state, ctx) };
      }
      if (keywords.help.has(folded)) {
        goTo(state, NODES.help, true);
        return { state, reply: await render(state, ctx) };
      }
      if (keywords.exit.has(folded)) {
        state.ended = true;
        return { state, reply: endReply(state.lang, [{ key: "common:goodbye" }]) };
      }
    }

    if (input === MORE) {
      const { more } = await pageOfChoices(node, c);
      if (more || hasMorePages(node, c)) {
        state.page += 1;
        return { state, reply: await render(state, ctx) };
      }
    }

    if (node.input) {
      const checked = validateInput(node.input.kind, rawInput, node.input.maxLength, ctx.now);
      if (!checked.ok) return { state, reply: await render(state, ctx, [checked.hint]) };
      return apply(state, await node.input.handle(checked.value, c), ctx);
    }

    const { slice } = await pageOfChoices(node, c);
    const index = /^\d{1,2}$/.test(input) ? Number(input) - 1 : -1;
    const choice = slice[index];
    if (!choice) {
      const hint: Message = input === "" ? { key: "common:errors.empty" } : { key: "common:errors.option" };
      return { state, reply: await render(state, ctx, [hint]) };
    }
    return apply(state, await resolve(choice.go, c), ctx);
  }

  function initialState(lang: Lang | null): SessionState {
    return { lang, node: lang ? NODES.main : NODES.language, page: 0, stack: [], data: {}, ended: false };
  }

  return { render, step, initialState, nodes };
}
