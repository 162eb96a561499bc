import type { BatchItem } from "drizzle-orm/batch";
import { and, asc, count, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { auditIfBroadcast } from "./audit-if";
import { broadcastRecipients, broadcasts, outbox, type BroadcastRecipientRow, type BroadcastRow } from "../../db/schema";
import { chunk, D1_MAX_BOUND_PARAMETERS, rowsPerInsert } from "../../db/chunks";
import { enqueueOutbound } from "../outbox/enqueue";
import { audienceAddresses } from "../notices/consent-audience";
import { consentingAddresses, REVOKED_BEFORE_SENDING } from "../notices/consent";
import { BROADCAST_MESSAGE_KEY } from "./measure";

export interface SendBroadcastsDeps {
  db: Db;
  now: () => number;
  hash(value: string): Promise<string>;
  /** BROADCAST_RATE_PER_MINUTE: messages queued per minute, all broadcasts together */
  ratePerMinute: number;
}

export interface SendBroadcastsReport {
  started: number;
  queued: number;
  skipped: number;
  finished: number;
}

export const broadcastRef = (id: string) => `broadcast:${id}`;
/** The outbox id of a recipient's message: derived, so two overlapping runs cannot queue it twice. */
const outboxIdOf = (recipientId: number) => `broadcast-recipient:${recipientId}`;

/**
 * The broadcasts job (declared in src/jobs/registry.ts; Node every minute, the Worker's cron every
 * minute): starts the approved broadcasts that are due (their audience is fixed then: the
 * consenting addresses of that moment, one row each), then queues pending messages into the
 * outbox, at most BROADCAST_RATE_PER_MINUTE in any minute across all broadcasts, oldest broadcast
 * first. Each message's consent is checked again just before it is queued (a revocation in
 * between skips it). A broadcast with nothing left pending is `sent`. Overlapping runs are
 * harmless: recipients are unique per address and each message's outbox id is derived from its
 * recipient row.
 */
export async function sendBroadcasts(deps: SendBroadcastsDeps): Promise<SendBroadcastsReport> {
  const report: SendBroadcastsReport = { started: 0, queued: 0, skipped: 0, finished: 0 };
  const now = deps.now();
  const due = await deps.db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.status, "approved"), or(isNull(broadcasts.scheduledAt), lte(broadcasts.scheduledAt, now))))
    .orderBy(asc(broadcasts.createdAt))
    .all();
  for (const b of due) {
    await startBroadcast(deps, b, now);
    report.started += 1;
  }

  const sending = await deps.db.select().from(broadcasts).where(eq(broadcasts.status, "sending")).orderBy(asc(broadcasts.createdAt)).all();
  for (const b of sending) {
    await repairClaimed(deps, b, now);
    const { queued, skipped } = await queueSome(deps, b, now);
    report.queued += queued;
    report.skipped += skipped;
    const left = (await deps.db.select({ n: count() }).from(broadcastRecipients).where(and(eq(broadcastRecipients.broadcastId, b.id), eq(broadcastRecipients.status, "pending"))).get())?.n ?? 0;
    if (left === 0) {
      await atomic(deps.db, [
        deps.db.update(broadcasts).set({ status: "sent", finishedAt: now, updatedAt: now }).where(and(eq(broadcasts.id, b.id), eq(broadcasts.status, "sending"))),
        auditIfBroadcast(deps.db, { at: now, actor: "system", action: "broadcast.sent", subject: broadcastRef(b.id), outcome: "ok" }, and(eq(broadcasts.id, b.id), eq(broadcasts.status, "sent"), eq(broadcasts.finishedAt, now))!),
      ]);
      report.finished += 1;
    }
  }
  return report;
}

/** Fixes the audience: one recipient row per consenting address, and the broadcast `sending`. */
async function startBroadcast(deps: SendBroadcastsDeps, b: BroadcastRow, now: number): Promise<void> {
  const a = b.audience;
  const addresses = (await audienceAddresses(deps, { programs: a.programs, ubigeoPrefix: a.ubigeoPrefix || undefined, langs: a.langs })).filter((x) => b.texts[x.lang]);
  const rows = addresses.map((x) => ({ broadcastId: b.id, personKey: x.personKey, channel: x.channel, address: x.address, lang: x.lang, status: "pending" as const }));
  const writes: BatchItem<"sqlite">[] = [];
  for (const part of chunk(rows, rowsPerInsert(broadcastRecipients))) writes.push(deps.db.insert(broadcastRecipients).values(part).onConflictDoNothing());
  writes.push(
    deps.db.update(broadcasts).set({ status: "sending", startedAt: now, recipients: rows.length, updatedAt: now }).where(and(eq(broadcasts.id, b.id), eq(broadcasts.status, "approved"))),
    auditIfBroadcast(deps.db, { at: now, actor: "system", action: "broadcast.start", subject: broadcastRef(b.id), outcome: "ok", detail: { recipients: rows.length } }, and(eq(broadcasts.id, b.id), eq(broadcasts.status, "sending"), eq(broadcasts.startedAt, now))!),
  );
  await atomic(deps.db, writes);
}

/**
 * Claims up to the minute's budget of a broadcast's pending messages in ONE statement (the budget
 * is counted inside it, so two overlapping runs cannot claim more than the rate between them),
 * then writes their outbox rows; a claimed recipient whose consent was revoked meanwhile is
 * skipped instead. A run that died between the claim and the outbox write is repaired by the next
 * (`repairClaimed`): the outbox id is derived from the recipient, so writing it again is harmless.
 */
async function queueSome(deps: SendBroadcastsDeps, b: BroadcastRow, now: number): Promise<{ queued: number; skipped: number }> {
  const r = broadcastRecipients;
  const since = now - 60_000;
  const claimed = await deps.db
    .update(r)
    .set({ status: "queued", queuedAt: now, outboxId: sql`'broadcast-recipient:' || ${r.id}` })
    .where(
      sql`${r.id} in (select id from broadcast_recipients where broadcast_id = ${b.id} and status = 'pending' order by id limit max(0, ${deps.ratePerMinute} - (select count(*) from broadcast_recipients where queued_at > ${since})))`,
    )
    .returning()
    .all();
  if (claimed.length === 0) return { queued: 0, skipped: 0 };
  const granted = new Set<string>();
  // D1 binds at most 100 parameters per statement
  for (const keys of chunk([...new Set(claimed.map((x) => x.personKey))], D1_MAX_BOUND_PARAMETERS - 10)) {
    for (const c of await consentingAddresses(deps.db, keys)) granted.add(`${c.personKey}|${c.channel}|${c.address}`);
  }
  const toQueue = claimed.filter((x) => granted.has(`${x.personKey}|${x.channel}|${x.address}`));
  const skippedIds = claimed.filter((x) => !toQueue.includes(x)).map((x) => x.id);
  const writes: BatchItem<"sqlite">[] = toQueue.map((x) => messageFor(deps.db, b, x, now));
  writes.push(...unlessConsented(deps.db, toQueue.map((x) => x.id), now));
  for (const ids of chunk(skippedIds, D1_MAX_BOUND_PARAMETERS - 10)) writes.push(deps.db.update(r).set({ status: "skipped", outboxId: null }).where(inArray(r.id, ids)));
  await atomic(deps.db, writes);
  return { queued: toQueue.length, skipped: skippedIds.length };
}

function messageFor(db: Db, b: BroadcastRow, x: BroadcastRecipientRow, now: number) {
  const body = [{ key: BROADCAST_MESSAGE_KEY, params: { text: b.texts[x.lang] ?? "" } }];
  return enqueueOutbound(db, { id: outboxIdOf(x.id), channel: x.channel, address: x.address, lang: x.lang, body, ref: broadcastRef(b.id) }, now).onConflictDoNothing();
}

/** Claimed recipients whose outbox row is missing (a run died after its claim): their rows, written now. */
async function repairClaimed(deps: SendBroadcastsDeps, b: BroadcastRow, now: number): Promise<number> {
  const r = broadcastRecipients;
  const lost = await deps.db
    .select({ recipient: r })
    .from(r)
    .leftJoin(outbox, eq(outbox.id, r.outboxId))
    .where(and(eq(r.broadcastId, b.id), eq(r.status, "queued"), isNull(outbox.id)))
    .limit(500)
    .all();
  if (lost.length) await atomic(deps.db, [...lost.map(({ recipient }) => messageFor(deps.db, b, recipient, now)), ...unlessConsented(deps.db, lost.map(({ recipient }) => recipient.id), now)]);
  return lost.length;
}

/**
 * In the write that queues these recipients' messages, after their inserts: each one whose consent
 * is no longer granted is marked `not_sent`, as a revocation marks what was queued before it. The
 * consent read before the write is not enough: a revocation that commits in between finds no
 * outbox row to cancel, and the message went after the no (session 9 review).
 */
function unlessConsented(db: Db, recipientIds: number[], now: number): BatchItem<"sqlite">[] {
  return chunk(recipientIds, D1_MAX_BOUND_PARAMETERS - 10).map((ids) =>
    db
      .update(outbox)
      .set({ status: "not_sent", lastError: REVOKED_BEFORE_SENDING, updatedAt: now })
      .where(
        and(
          inArray(outbox.id, ids.map(outboxIdOf)),
          eq(outbox.status, "pending"),
          sql`not exists (select 1 from broadcast_recipients r join notice_consents c on c.person_key = r.person_key and c.channel = r.channel and c.address = r.address and c.status = 'granted' where r.id = cast(substr(${outbox.id}, 21) as integer))`,
        ),
      ),
  );
}

export interface BroadcastDelivery {
  recipients: number;
  pending: number;
  queued: number;
  skipped: number;
  /** handed to the provider */
  sent: number;
  delivered: number;
  failed: number;
}

/** A broadcast's counts: its recipients, and their messages' state from the outbox and the providers' receipts. */
export async function broadcastDelivery(db: Db, id: string): Promise<BroadcastDelivery> {
  const byStatus = await db.select({ status: broadcastRecipients.status, n: count() }).from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, id)).groupBy(broadcastRecipients.status).all();
  const messages = await db
    .select({ status: outbox.status, delivery: outbox.delivery, n: count() })
    .from(broadcastRecipients)
    .innerJoin(outbox, eq(outbox.id, broadcastRecipients.outboxId))
    .where(eq(broadcastRecipients.broadcastId, id))
    .groupBy(outbox.status, outbox.delivery)
    .all();
  const of = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const d: BroadcastDelivery = { recipients: byStatus.reduce((n, r) => n + r.n, 0), pending: of("pending"), queued: of("queued"), skipped: of("skipped"), sent: 0, delivered: 0, failed: 0 };
  for (const m of messages) {
    if (m.delivery === "delivered" || m.delivery === "read") d.delivered += m.n;
    else if (m.delivery === "failed" || m.delivery === "undelivered" || m.status === "failed" || m.status === "not_sent") d.failed += m.n;
    if (m.status === "sent") d.sent += m.n;
  }
  return d;
}
