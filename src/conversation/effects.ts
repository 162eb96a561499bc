import type { BatchItem } from "drizzle-orm/batch";
import { eq, sql } from "drizzle-orm";
import { complaintRecordings, complaints } from "../db/schema";
import type { Db } from "../db/client";
import { complaintsRepo } from "../db/repos/complaints";
import type { ChannelProfile, Effect, EngineServices, Lang, Message, Reply } from "../engine/types";
import { incrementUsageStatements } from "../db/repos/usage-counts";
import { limaDay } from "../db/repos/complaint-counts";
import { formatPeruvianDate } from "../services/complaints/deadline";
import { eligibilityCountStatements } from "../services/eligibility/record-counts";
import { satisfactionAnswerStatements } from "../services/complaints/satisfaction-reply";

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

/** An effect that cannot be carried out (a complaint that does not validate): `notice` says so. */
export class EffectRefused extends Error {
  constructor(readonly notice: string, cause: unknown) {
    super(`effect refused: ${notice}`, { cause });
  }
}

/**
 * The statements that carry out a turn's effects, to commit in the same atomic write as the
 * session. Throws EffectRefused (before anything is written) when an effect cannot be carried
 * out, e.g. a complaint that fails validation: then the turn stores nothing.
 */
/** the E.164 phone of a `tel:` address, else null */
export const phoneOf = (urn: string | undefined): string | null => (urn?.startsWith("tel:") ? urn.slice(4) : null);

export async function effectStatements(
  deps: EffectDeps,
  effects: KeyedEffect[],
  turn: { channel: ChannelProfile; now: number; lang?: Lang | null; department?: string | null; urn?: string },
): Promise<BatchItem<"sqlite">[]> {
  const writes: BatchItem<"sqlite">[] = [];
  for (const { effect, key } of effects) {
    switch (effect.type) {
      case "complaint.file": {
        // the key is the complaint's idempotency key (unique index): a second commit of the same
        // step fails as a whole instead of filing again
        const filing = { body: effect.body, channel: turn.channel.name, lang: effect.lang, actor: `citizen:${turn.channel.name}`, idempotencyKey: key };
        writes.push(...(await deps.services.complaints.prepareFiling(filing).catch((error: unknown) => Promise.reject(new EffectRefused("complaints:done.failed", error)))));
        // a description told by phone: its recording, linked to the complaint filed under this key
        if (effect.recording) writes.push(recordingStatement(deps.db, key, effect.recording, turn.now) as never);
        break;
      }
      case "eligibility.counted":
        writes.push(...eligibilityCountStatements(deps.db, { results: effect.results, ubigeo: effect.ubigeo, channel: turn.channel.name, now: turn.now }));
        break;
      case "usage.counted":
        // anonymous: day, channel, language, section, department, outcome (and the node left); no one's identity
        writes.push(
          ...incrementUsageStatements(deps.db, {
            day: limaDay(turn.now),
            channel: turn.channel.name,
            lang: turn.lang ?? "none",
            section: effect.section,
            department: turn.department ?? "unknown",
            outcome: effect.outcome,
            node: effect.node ?? "",
          }),
        );
        break;
      case "lookup.attempt":
        writes.push(...(await deps.services.lookups.attemptStatements({ dni: effect.dni, client: effect.client, channel: turn.channel.name }, effect.attempt)));
        break;
      case "lookup.shown":
        writes.push((await deps.services.lookups.shownStatement(effect.dni, { channel: turn.channel.name, what: effect.what })).statement);
        break;
      case "consent.given":
        writes.push(...(await deps.services.notices.grantStatements({ dni: effect.dni, channel: effect.channel, address: effect.address, lang: effect.lang, via: turn.channel.name })));
        break;
      case "consent.revoked": {
        // BAJA names no number: the one the message came from (nothing for a web chat)
        const address = effect.address ?? phoneOf(turn.urn);
        if (address) writes.push(...(await deps.services.notices.revokeStatements({ dni: effect.dni, address, via: effect.via, channel: turn.channel.name })));
        break;
      }
      case "satisfaction.answer":
        writes.push(...satisfactionAnswerStatements(deps.db, effect, { channel: turn.channel.name, now: turn.now }));
        break;
    }
  }
  return writes;
}

/** The department (2-digit INEI code) of a district the turn's effects name (a self-check's, a complaint's), if any. */
export function departmentGiven(effects: KeyedEffect[]): string | null {
  for (const { effect } of effects) {
    const ubigeo = effect.type === "eligibility.counted" ? effect.ubigeo : effect.type === "complaint.file" ? effect.body.ubigeo : null;
    if (typeof ubigeo === "string" && /^\d{6}$/.test(ubigeo)) return ubigeo.slice(0, 2);
  }
  return null;
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

/** The reply with every `fill` message's params put in from the committed effect. */
export async function fillReply(db: Db, reply: Reply): Promise<Reply> {
  if (!reply.messages.some((m) => m.fill)) return reply;
  const repo = complaintsRepo(db);
  const messages: Message[] = [];
  for (const m of reply.messages) {
    if (m.fill === "complaint.file" && typeof m.params?.effect === "string") {
      const complaint = await repo.findByIdempotencyKey(m.params.effect);
      if (complaint) {
        messages.push({ key: m.key, params: { code: complaint.code, deadline: formatPeruvianDate(complaint.deadline) } });
        continue;
      }
    }
    messages.push(m);
  }
  return { ...reply, messages };
}

/** The recording row of the complaint filed in the same write (found by its idempotency key). */
function recordingStatement(db: Db, complaintKey: string, mediaPath: string, now: number) {
  return db.insert(complaintRecordings).select(
    db
      .select({ complaintId: complaints.id, mediaPath: sql<string>`${mediaPath}`.as("media_path"), createdAt: sql<number>`${now}`.as("created_at") })
      .from(complaints)
      .where(eq(complaints.idempotencyKey, complaintKey)),
  );
}
