import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { contactsRepo } from "../../db/repos/contacts";
import { sessionsRepo } from "../../db/repos/sessions";
import type { SessionRow } from "../../db/schema";
import { NODES, type Engine } from "../../engine/engine";
import type { ChannelProfile, EngineServices, Lang, Message, Reply, SessionState } from "../../engine/types";

/** One turn of a conversation as a channel adapter hands it over, already parsed and verified. */
export interface Turn {
  channel: ChannelProfile;
  /** the person's address, e.g. `tel:+51987654321` */
  urn: string;
  /** the gateway's own session id (USSD) or the widget's; absent for SMS and WhatsApp */
  sessionKey?: string;
  /** USSD: every input of this gateway session so far (the `*`-joined `text`, split) */
  history?: string[];
  /** message channels: this one message */
  text?: string;
  /**
   * a language the channel already knows (the web widget's `lang`): a new conversation starts in
   * it without the language question, an ongoing one switches to it before the input is applied
   */
  lang?: Lang;
  /** the channel knows the person's previous conversation is gone: say so while starting anew */
  restarted?: boolean;
}

export interface TurnResult {
  reply: Reply;
  sessionId: string;
  contactId: string;
}

export interface ConversationDeps {
  db: Db;
  engine: Engine;
  services: EngineServices;
  now: () => number;
  idleMs: number;
  resumeMs: number;
}

// screens from which there is nothing worth resuming
const NOT_RESUMABLE = new Set<string>([NODES.main, NODES.language, NODES.resume, NODES.help, NODES.unavailable]);

function stateOf(row: SessionRow): SessionState {
  return { lang: row.lang ?? null, node: row.node, page: row.page, stack: row.stack, data: row.data, ended: row.ended };
}

/**
 * Loads (or starts) the person's session, runs the engine over the new input(s) and stores
 * the result: the one path every channel takes to the engine.
 */
export async function handleTurn(deps: ConversationDeps, turn: Turn): Promise<TurnResult> {
  const now = deps.now();
  const contacts = contactsRepo(deps.db);
  const sessions = sessionsRepo(deps.db);
  const ctx = { now, channel: turn.channel, services: deps.services, urn: turn.urn };
  const contact = await contacts.findOrCreate(turn.urn, now);

  let row = turn.sessionKey
    ? await sessions.findByKey(turn.channel.name, turn.sessionKey, contact.id)
    : await sessions.latest(contact.id, turn.channel.name);
  if (row && !turn.sessionKey && (row.ended || now - row.updatedAt > deps.idleMs)) {
    // a message after a long silence opens a new conversation (with a resume offer below)
    row = undefined;
  }

  let state: SessionState;
  let reply: Reply;
  const history = turn.history ?? [];
  let consumed = row?.consumed ?? 0;

  if (!row) {
    const previous = await sessions.latest(contact.id, turn.channel.name);
    state = freshState(deps, turn.lang ?? contact.lang ?? null, previous, now);
    const notices: Message[] = [];
    if (turn.restarted || (turn.sessionKey && (history.length > 0 || turn.text !== undefined))) {
      // the gateway continues a session we do not know (lost or expired): say so, start clean
      notices.push({ key: "common:restarted" });
    }
    consumed = history.length;
    reply = await deps.engine.render(state, ctx, notices);
  } else {
    state = stateOf(row);
    if (turn.lang && turn.lang !== state.lang) {
      // a first language given by the channel skips the language question
      if (state.lang === null && state.node === NODES.language && state.stack.length === 0) state.node = NODES.main;
      state.lang = turn.lang;
    }
    const inputs = turn.history ? history.slice(row.consumed) : turn.text !== undefined ? [turn.text] : [];
    if (inputs.length === 0) {
      // a gateway retry of the same request: show the same screen again
      reply = await deps.engine.render(state, ctx);
    } else {
      let result = { state, reply: undefined as unknown as Reply };
      for (const input of inputs) result = await deps.engine.step(result.state, input, ctx);
      state = result.state;
      reply = result.reply;
    }
    consumed = turn.history ? history.length : consumed;
  }

  const id = row?.id ?? crypto.randomUUID();
  const saved = {
    id,
    contactId: contact.id,
    channel: turn.channel.name,
    sessionKey: turn.sessionKey ?? null,
    lang: state.lang,
    node: state.node,
    page: state.page,
    stack: state.stack,
    data: state.data,
    consumed,
    ended: state.ended,
    createdAt: row?.createdAt ?? now,
    updatedAt: now,
  };
  if (state.lang && state.lang !== contact.lang) {
    // the language is remembered for the number in the same write as the session
    await atomic(deps.db, [sessions.saveStatement(saved), contacts.setLangStatement(contact.id, state.lang, now)]);
  } else {
    await sessions.save(saved);
  }
  return { reply, sessionId: id, contactId: contact.id };
}

/** A new conversation: language first for a new number, else a resume offer or the main menu. */
function freshState(deps: ConversationDeps, lang: SessionState["lang"], previous: SessionRow | undefined, now: number): SessionState {
  const state = deps.engine.initialState(lang);
  if (
    lang &&
    previous &&
    !previous.ended &&
    now - previous.updatedAt <= deps.resumeMs &&
    !NOT_RESUMABLE.has(previous.node) &&
    deps.engine.nodes.has(previous.node)
  ) {
    state.node = NODES.resume;
    state.data = { ...previous.data, __resume: { node: previous.node, page: previous.page, stack: previous.stack } };
  }
  return state;
}
