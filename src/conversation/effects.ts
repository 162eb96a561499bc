import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { complaintsRepo } from "../db/repos/complaints";
import { incrementCountStatement } from "../db/repos/eligibility-counts";
import type { ChannelProfile, Effect, EngineServices, Message, Reply } from "../engine/types";

/** An effect as the runner holds it: with the idempotency key of the step that caused it. */
export interface KeyedEffect {
  effect: Effect;
  /** `turn:<session>:<screen time>:<input #>:<effect #>`: the same step of the same session, the same key */
  key: string;
}

export interface EffectDeps {
  db: Db;
  services: EngineServices;
}

/** Peru has no daylight saving time: Lima is UTC−5 all year. */
const limaDay = (ms: number) => new Date(ms - 5 * 3_600_000).toISOString().slice(0, 10);

/**
 * The statements that carry out a turn's effects, to commit in the same atomic write as the
 * session. Throws (before anything is written) when an effect cannot be carried out, e.g. a
 * complaint that fails validation: then the turn stores nothing.
 */
export async function effectStatements(deps: EffectDeps, effects: KeyedEffect[], turn: { channel: ChannelProfile; now: number }): Promise<BatchItem<"sqlite">[]> {
  const writes: BatchItem<"sqlite">[] = [];
  for (const { effect, key } of effects) {
    switch (effect.type) {
      case "complaint.file": {
        // the key is the complaint's idempotency key (unique index): a second commit of the same
        // step fails as a whole instead of filing again
        const prepared = await deps.services.complaints.prepareFiling({
          body: effect.body,
          channel: turn.channel.name,
          lang: effect.lang,
          actor: `citizen:${turn.channel.name}`,
          idempotencyKey: key,
        });
        writes.push(...prepared.writes);
        break;
      }
      case "eligibility.counted": {
        const day = limaDay(turn.now);
        for (const r of effect.results) {
          writes.push(incrementCountStatement(deps.db, { day, program: r.program, outcome: r.outcome, ubigeo: effect.ubigeo ?? "", channel: turn.channel.name }));
        }
        break;
      }
      case "lookup.shown":
        writes.push((await deps.services.lookups.shownStatement(effect.dni, { channel: turn.channel.name, what: effect.what })).statement);
        break;
    }
  }
  return writes;
}

/**
 * Messages whose params an effect decides (`fill`) point at the effect's key until the write is
 * done; this puts in the outcome (a complaint's code and answer-by date). Also used when the
 * closing screen is shown again to a retry: the key finds the same complaint.
 */
export function bindFills(messages: Message[], effects: KeyedEffect[]): Message[] {
  return messages.map((m) => {
    if (!m.fill || m.params?.effect) return m;
    const found = effects.find((e) => e.effect.type === m.fill);
    return found ? { ...m, params: { ...m.params, effect: found.key } } : m;
  });
}

export async function fillReply(db: Db, reply: Reply): Promise<Reply> {
  if (!reply.messages.some((m) => m.fill)) return reply;
  const repo = complaintsRepo(db);
  const messages: Message[] = [];
  for (const m of reply.messages) {
    if (m.fill === "complaint.file" && typeof m.params?.effect === "string") {
      const complaint = await repo.findByIdempotencyKey(m.params.effect);
      if (complaint) {
        const [y, mo, d] = complaint.deadline.split("-");
        messages.push({ key: m.key, params: { code: complaint.code, deadline: `${d}/${mo}/${y}` } });
        continue;
      }
    }
    messages.push(m);
  }
  return { ...reply, messages };
}
