import type { BatchItem } from "drizzle-orm/batch";
import { atomic } from "../db/atomic";
import type { Db } from "../db/client";
import { contactsRepo } from "../db/repos/contacts";
import { inboundMessagesRepo, isUniqueViolation } from "../db/repos/inbound-messages";
import { sessionsRepo } from "../db/repos/sessions";
import type { SessionRow } from "../db/schema";
import { END_SCREEN, NODES, screenless, type Engine, type Entry } from "../engine/engine";
import { bindFills, departmentGiven, EffectRefused, effectStatements, fillReply, type KeyedEffect } from "./effects";
import { droppedEffects } from "../engine/usage";
import type { ChannelProfile, EngineServices, Lang, Message, Reply, SessionState } from "../engine/types";
import { enqueueOutbound } from "../services/outbox/enqueue";
import { outboxSentAt } from "../services/outbox/find-by-provider";
import { isThrottleGuardConflict } from "../services/lookups/identity-check";
import { isStorageFailure, retryBusy } from "../db/storage-errors";
import { endReply } from "../domain/messages";
import { groupCommitterOf } from "../db/group-commit";

/** One turn of a conversation as a channel adapter hands it over, already parsed and verified. */
export interface Turn {
  channel: ChannelProfile;
  /** the person's address, e.g. `tel:+51987654321` */
  urn: string;
  /**
   * WhatsApp: the sender's business-scoped user id (`US.1349…`) when the message carried one.
   * The contact is found by `urn` or by this id and the two are linked, so one person who
   * writes with and without their number is one contact.
   */
  userId?: string;
  /**
   * who is asking, for the identity check's failure counts, when `urn` is not a real address the
   * person keeps (the web chat: its client address, IPv6 by /64); absent: the contact's urn
   */
  client?: string;
  /** the gateway's own session id (USSD) or the widget's; absent for SMS and WhatsApp */
  sessionKey?: string;
  /** USSD: every input of this gateway session so far (the `*`-joined `text`, split) */
  history?: string[];
  /** message channels: this one message */
  text?: string;
  /**
   * the web chat's first request (no session id yet): its text is not an answer to any screen, but
   * a keyword in it (`ESTADO MO-…`, `PAGO <DNI>`, `RECLAMO <texto>`) opens its section as on SMS
   */
  opening?: string;
  /**
   * a language the channel already knows (the web widget's `lang`): a new conversation starts in
   * it without the language question, an ongoing one switches to it before the input is applied
   */
  lang?: Lang;
  /** the channel knows the person's previous conversation is gone: say so while starting anew */
  restarted?: boolean;
  /**
   * Message channels that deliver at least once (WhatsApp): the provider's message id and when
   * the person sent it. A message id already processed is not processed again (`duplicate`).
   */
  inbound?: { id: string; sentAt: number };
  /**
   * Message channels that answer asynchronously: the reply goes into the outbox, to this
   * address on `channel.name`, in the same atomic write as the session (and the inbound id).
   */
  replyTo?: { address: string };
  /** something the channel could not take (a photo, a voice note): shown above the same screen */
  notice?: Message;
  /**
   * A tap on a button or list row of one of our earlier messages (its provider id). If that
   * message is older than the screen the person is on, the tap is not applied (its "2" meant
   * something else there): the current screen is shown again with `notice` above it.
   */
  answers?: { providerId: string; notice: Message };
  /**
   * message channels whose client retries (the web widget): how many inputs the client had sent
   * before this one. An input whose `seq` is below what the session already applied is a retry of
   * one that arrived (its answer was lost): it is not applied twice, the current screen is shown.
   */
  seq?: number;
  /**
   * Opens the conversation at a flow's node (a keyword: SMS `RECLAMO <text>`, a notice's reply)
   * instead of applying `text`, with the answers the keyword carried as its seed (not asked
   * again); before a language is known the language is asked first and the entry waits for it.
   */
  entry?: Entry;
  /**
   * Answers the channel carries beside the input, merged into the session's data before it is
   * applied (a spoken description's recording, stored by the voice channel: `voiceRecording`).
   */
  data?: Record<string, unknown>;
}

export interface TurnResult {
  reply: Reply;
  sessionId: string;
  contactId: string;
  /** true: this inbound id was already processed; nothing was stored or sent again */
  duplicate?: boolean;
  /** true: the turn could not be stored; nothing of it was kept and the reply says so */
  storeFailed?: boolean;
}

export interface ConversationDeps {
  db: Db;
  engine: Engine;
  services: EngineServices;
  now: () => number;
  idleMs: number;
  resumeMs: number;
  /**
   * A first message that answers something the service asked outside a conversation (a case's
   * satisfaction question: "2 demoraron"): the entry it opens, or null for an ordinary message.
   */
  replyEntry?(query: { urn: string; channel: string; text: string; now: number }): Promise<{ entry: Entry; lang: Lang } | null>;
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
export function handleTurn(deps: ConversationDeps, turn: Turn): Promise<TurnResult> {
  return oneTurnAtATime(deps.db, `${turn.channel.name}\u0000${turn.urn}`, () => handleTurnNow(deps, turn));
}

// per database: the turn of each person and channel that is running (until its write committed)
const turnsRunning = new WeakMap<Db, Map<string, Promise<unknown>>>();

/**
 * Runs the turns of one person on one channel one after the other: a turn reads the session
 * only once the previous one's write is committed. Writes are committed in groups at the end
 * of the event loop's pass (src/db/group-commit.ts), so without this a retried keypress that
 * arrived in the same pass would read the state its first copy is about to change.
 */
function oneTurnAtATime<T>(db: Db, key: string, run: () => Promise<T>): Promise<T> {
  let running = turnsRunning.get(db);
  if (!running) turnsRunning.set(db, (running = new Map()));
  const before = running.get(key);
  const settled = () => undefined;
  const current = before ? before.then(settled, settled).then(run) : run();
  running.set(key, current);
  const done = () => {
    if (running.get(key) === current) running.delete(key);
  };
  current.then(done, done);
  return current;
}

async function handleTurnNow(deps: ConversationDeps, turn: Turn): Promise<TurnResult> {
  try {
    // a write lock held by another process before the commit (the contact's first row): wait for
    // it asynchronously, then run the turn again (the commit itself waits inside atomic)
    return await retryBusy(async () => {
      try {
        return await runTurn(deps, turn, false);
      } catch (error) {
        // an identity check decided on throttle rows that a concurrent attempt locked before this
        // turn's write (its guard failed the write, nothing stored): run the turn again; it reads the lock
        if (error instanceof RerunTurn) return runTurn(deps, turn, true);
        throw error;
      }
    });
  } catch (error) {
    // the database cannot be read or written at all (full disk, I/O error, a lock that stays):
    // nothing was stored; the channel says so in its own words (a reply through the outbox cannot
    // be stored either: the provider redelivers later)
    if (!turn.replyTo && isStorageFailure(error)) return storageFailed(deps, turn);
    throw error;
  }
}

/** The answer when storage fails before the turn could run: the notice alone, in the language we know. */
async function storageFailed(deps: ConversationDeps, turn: Turn): Promise<TurnResult> {
  const lang = turn.lang ?? (await contactsRepo(deps.db).findByUrn(turn.urn).catch(() => undefined))?.lang ?? "es";
  return { reply: endReply(lang, [{ key: "common:save_failed" }]), sessionId: "", contactId: "", storeFailed: true };
}

/** Thrown by a first run whose write failed on an identity check's write-time guard. */
class RerunTurn extends Error {}

async function runTurn(deps: ConversationDeps, turn: Turn, rerun: boolean): Promise<TurnResult> {
  const now = deps.now();
  const contacts = contactsRepo(deps.db);
  const sessions = sessionsRepo(deps.db);
  const inbound = inboundMessagesRepo(deps.db);
  // a gateway session (USSD, the widget) of a known caller: contact and session in one read
  const known = turn.sessionKey && !turn.userId && !turn.inbound ? await sessions.contactAndSession(turn.urn, turn.channel.name, turn.sessionKey) : undefined;
  const contact = known ? known.contact : turn.userId ? await contacts.findOrCreateLinked(turn.urn, turn.userId, now) : await contacts.findOrCreate(turn.urn, now);
  // the contact's own address: a message that came with the user id alone still knows the
  // person's number when an earlier one linked it (a reclamo's SMS answer needs it)
  const ctx = { now, channel: turn.channel, services: deps.services, urn: contact.urn, client: turn.client };
  if (turn.inbound && (await inbound.seen(turn.channel.name, turn.inbound.id))) return duplicateResult(deps, turn, contact.id, contact.lang ?? null);

  let row = known
    ? (known.session ?? undefined)
    : turn.sessionKey
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
  const effects: KeyedEffect[] = [];
  const id = row?.id ?? crypto.randomUUID();
  const before = row ? stateOf(row) : null;

  if (!row) {
    const previous = await sessions.latest(contact.id, turn.channel.name);
    state = freshState(deps, turn.lang ?? contact.lang ?? null, previous, now);
    const notices: Message[] = turn.notice ? [turn.notice] : [];
    if (turn.restarted || (turn.sessionKey && (history.length > 0 || turn.text !== undefined))) {
      // the gateway continues a session we do not know (lost or expired): say so, start clean
      notices.push({ key: "common:restarted" });
    }
    consumed = history.length;
    // a first message that is a keyword (`ESTADO MO-…` read in a notice) is an entry, not a greeting
    const first = turn.text ?? turn.opening;
    let entry = turn.entry ?? (first !== undefined ? deps.engine.entryFor(first) : null);
    if (!entry && turn.text !== undefined && deps.replyEntry) {
      const answering = await deps.replyEntry({ urn: contact.urn, channel: turn.channel.name, text: turn.text, now });
      if (answering) {
        entry = answering.entry;
        // asked in the case's language: a number never seen before answers in it, not after a language question
        state.lang ??= answering.lang;
      }
    }
    ({ state, reply } = entry ? await enter(deps, state, { ...turn, entry }, ctx, effects, `turn:${id}:new:entry`) : { state, reply: await deps.engine.render(state, ctx, notices) });
    // the previous conversation left mid-section and not taken up again: its abandonment is counted now
    droppedEffects(previous ? stateOf(previous) : null, state).forEach((effect, e) => effects.push({ effect, key: `turn:${id}:new:dropped:${e}` }));
  } else {
    state = stateOf(row);
    if (turn.data) state = { ...state, data: { ...state.data, ...turn.data } };
    if (turn.lang && turn.lang !== state.lang) {
      // a first language given by the channel skips the language question
      if (state.lang === null && state.node === NODES.language && state.stack.length === 0) state.node = NODES.main;
      state.lang = turn.lang;
    }
    const stale = turn.answers ? await answersOlderScreen(deps, turn.channel.name, turn.answers.providerId, row.updatedAt) : false;
    const retried = turn.seq !== undefined && turn.seq < row.consumed;
    const inputs = stale || turn.entry ? [] : turn.history ? history.slice(row.consumed) : turn.text !== undefined && !retried ? [turn.text] : [];
    if (stale) {
      reply = await deps.engine.render(state, ctx, [turn.answers!.notice]);
    } else if (turn.entry) {
      ({ state, reply } = await enter(deps, state, turn, ctx, effects, `turn:${id}:${row.updatedAt}:entry`));
    } else if (inputs.length === 0) {
      // a gateway retry of the same request, or a message we cannot read: show the same screen again
      reply = await deps.engine.render(state, ctx, turn.notice ? [turn.notice] : []);
    } else {
      let result = { state, reply: undefined as unknown as Reply, effects: [] as KeyedEffect["effect"][] };
      for (let n = 0; n < inputs.length; n++) {
        // USSD joins inputs with `*`, so a `*` the person typed in a free text ("no pago*2 meses")
        // or as a date's separator on the keypad (21*04*1950) splits it: on a screen that takes
        // a text or a date, the rest of the request is that one answer
        const input = turn.history && takesOneAnswer(deps.engine, result.state) ? inputs.splice(n).join("*") : inputs[n];
        result = await deps.engine.step(result.state, input, ctx);
        // same session, same screen, same input: the same key (a retry or a concurrent copy of this step)
        result.effects.forEach((effect, e) => effects.push({ effect, key: `turn:${id}:${row!.updatedAt}:${consumed + n}:${e}` }));
      }
      state = result.state;
      // the channel's notice (WhatsApp: "we read only the words under your photo") above the answer
      reply = turn.notice ? { ...result.reply, messages: [turn.notice, ...result.reply.messages] } : result.reply;
    }
    consumed = turn.history ? history.length : turn.seq !== undefined && inputs.length > 0 ? turn.seq + 1 : consumed;
  }

  if (effects.length > 0) {
    reply = { ...reply, messages: bindFills(reply.messages, effects) };
    const closing = state.data[END_SCREEN] as Reply["messages"] | undefined;
    if (closing) state.data = { ...state.data, [END_SCREEN]: bindFills(closing, effects) };
  }
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
  const alongside: BatchItem<"sqlite">[] = [];
  // the language is remembered for the number in the same write as the session
  if (state.lang && state.lang !== contact.lang) alongside.push(contacts.setLangStatement(contact.id, state.lang, now));
  if (turn.inbound) {
    const address = turn.replyTo?.address ?? turn.urn;
    alongside.push(inbound.recordStatement({ channel: turn.channel.name, externalId: turn.inbound.id, address, sentAt: turn.inbound.sentAt, receivedAt: now }) as never);
  }
  if (turn.replyTo) {
    // the reply is stored with the session it comes from: both, or neither (a crash between
    // the two can neither lose the answer nor send one for a turn that was not saved)
    const ref = turn.inbound ? `reply:${turn.inbound.id}` : `session:${id}`;
    const choices = { options: reply.options, nav: reply.nav };
    alongside.push(enqueueOutbound(deps.db, { channel: turn.channel.name, address: turn.replyTo.address, lang: reply.lang, body: reply.messages, ref, choices }, now) as never);
  }
  // the department of the person's last known district, for the usage counts (only the department is kept)
  const given = departmentGiven(effects);
  if (given && given !== contact.department) alongside.push(contacts.setDepartmentStatement(contact.id, given, now));
  const department = given ?? contact.department ?? null;
  try {
    alongside.unshift(...(await effectStatements({ db: deps.db, services: deps.services }, effects, { channel: turn.channel, now, lang: state.lang, department, urn: contact.urn })));
  } catch (error) {
    // an effect that cannot be carried out (a complaint that does not validate): nothing is
    // stored, the person stays where they were with what they gave, and is told
    if (error instanceof EffectRefused) return failedTurn(deps, turn, ctx, before, id, contact.id, error.notice);
    throw error;
  }
  try {
    const group = groupCommitterOf(deps.db);
    if (group) {
      // Node: committed with the other turns of this pass of the event loop (one transaction)
      // the session by its prepared INSERT/UPDATE (as the one-statement path), then the rest
      await group.write(() => {
        sessions.saveNow(saved, row !== undefined);
        for (const statement of alongside) (statement as unknown as { run(): void }).run();
      });
    } else if (alongside.length === 0) {
      // the USSD hot path: one prepared statement, no transaction
      await retryBusy(() => sessions.save(saved, row !== undefined));
    } else {
      await atomic(deps.db, [sessions.saveStatement(saved), ...alongside]);
    }
  } catch (error) {
    if (!rerun && isThrottleGuardConflict(error)) throw new RerunTurn("identity check locked meanwhile", { cause: error });
    // the same message delivered twice at once: the other delivery stored it, this one stores nothing
    if (turn.inbound && isUniqueViolation(error) && (await inbound.seen(turn.channel.name, turn.inbound.id))) {
      return duplicateResult(deps, turn, contact.id, contact.lang ?? null);
    }
    // a reply that goes through the outbox cannot be stored either: the provider redelivers later
    if (turn.replyTo) throw error;
    // the same step committed by a concurrent copy of this request: show where that one left off
    if (effects.length > 0 && isUniqueViolation(error)) return duplicateResult(deps, turn, contact.id, contact.lang ?? null);
    return failedTurn(deps, turn, ctx, before, id, contact.id, "common:save_failed");
  }
  return { reply: await fillReply(deps.db, reply), sessionId: id, contactId: contact.id };
}

/** True when the screen the state is on asks for a typed text (a complaint's description) or a date. */
function takesOneAnswer(engine: Engine, state: SessionState): boolean {
  const kind = state.lang !== null && !state.ended ? engine.nodes.get(state.node)?.input?.kind : undefined;
  return kind === "text" || kind === "date";
}

/** Opens the conversation at `turn.entry`, the channel's notice (if any) above its first screen. */
async function enter(
  deps: ConversationDeps,
  state: SessionState,
  turn: Turn,
  ctx: Parameters<Engine["render"]>[1],
  effects: KeyedEffect[],
  keyPrefix: string,
): Promise<{ state: SessionState; reply: Reply }> {
  const entered = await deps.engine.enter(state, turn.entry!, ctx);
  // an entry that answers screens (its `inputs`) may cause effects: keyed by the screen it entered from
  entered.effects.forEach((effect, e) => effects.push({ effect, key: `${keyPrefix}:${e}` }));
  return { state: entered.state, reply: turn.notice ? { ...entered.reply, messages: [turn.notice, ...entered.reply.messages] } : entered.reply };
}

/**
 * A turn that could not be stored: nothing of it was kept. The person gets the notice (try again
 * or call Línea 101) with the choices of the screen they were on, so pressing the same key again
 * retries; what they already gave is still stored. Only the notice: on a USSD screen the prompt
 * beside it would cut it.
 */
async function failedTurn(
  deps: ConversationDeps,
  turn: Turn,
  ctx: Parameters<Engine["render"]>[1],
  before: SessionState | null,
  sessionId: string,
  contactId: string,
  notice: string,
): Promise<TurnResult> {
  const state = before ?? deps.engine.initialState(turn.lang ?? null);
  const screen = await deps.engine.render(state, ctx);
  return { reply: { ...screen, messages: [{ key: notice }] }, sessionId, contactId, storeFailed: true };
}

/** True when the message the person answered was sent for a screen before the current one. */
async function answersOlderScreen(deps: ConversationDeps, channel: string, providerId: string, screenAt: number): Promise<boolean> {
  const sent = await outboxSentAt(deps.db, channel, providerId);
  // a reply row is written in the same write as the turn that produced it, with the same time
  return sent !== null && sent < screenAt;
}

/** A repeated delivery: the current screen, for the caller's information only; nothing is written. */
async function duplicateResult(deps: ConversationDeps, turn: Turn, contactId: string, lang: SessionState["lang"]): Promise<TurnResult> {
  const row = await sessionsRepo(deps.db).latest(contactId, turn.channel.name);
  const state = row ? stateOf(row) : deps.engine.initialState(lang);
  const reply = await fillReply(deps.db, await deps.engine.render(state, { now: deps.now(), channel: turn.channel, services: deps.services }));
  return { reply, sessionId: row?.id ?? "", contactId, duplicate: true };
}

/** A new conversation: language first for a new number, else a resume offer or the main menu. */
function freshState(deps: ConversationDeps, lang: SessionState["lang"], previous: SessionRow | undefined, now: number): SessionState {
  const state = deps.engine.initialState(lang);
  // the offer itself was left unanswered (a USSD call often drops right there): offer the same place again
  const pending = previous?.node === NODES.resume ? (previous.data.__resume as { node?: string; at?: number } | undefined) : undefined;
  if (lang && previous && pending?.node && !previous.ended && now - (pending.at ?? previous.updatedAt) <= deps.resumeMs && deps.engine.nodes.has(pending.node)) {
    state.node = NODES.resume;
    state.data = screenless(previous.data);
    return state;
  }
  if (
    lang &&
    previous &&
    !previous.ended &&
    now - previous.updatedAt <= deps.resumeMs &&
    !NOT_RESUMABLE.has(previous.node) &&
    deps.engine.nodes.has(previous.node)
  ) {
    state.node = NODES.resume;
    const forgotten = forgetIdentity(deps, previous);
    state.data = { ...screenless(forgotten.data), __resume: { node: forgotten.node, page: forgotten.page, stack: previous.stack, at: previous.updatedAt } };
  }
  return state;
}

/**
 * Identity is never resumed: a verification belongs to the conversation (gateway session) in
 * which it was made. A resumed one keeps the DNI but not the verification, and a screen of
 * personal data resumes at the birth-date question (anyone can forge a phone number).
 */
function forgetIdentity(deps: ConversationDeps, previous: SessionRow): { data: Record<string, unknown>; node: string; page: number } {
  const lookup = previous.data.lookup as { dni?: string } | undefined;
  const data = lookup ? { ...previous.data, lookup: lookup.dni ? { dni: lookup.dni } : {} } : previous.data;
  const personal = deps.engine.nodes.get(previous.node)?.personal === true;
  return personal ? { data, node: lookup?.dni ? "lookup.birth" : "lookup.dni", page: 0 } : { data, node: previous.node, page: previous.page };
}
