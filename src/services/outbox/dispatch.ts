import { and, asc, eq, lt, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, type OutboxRow } from "../../db/schema";
import { inboundMessagesRepo } from "../../db/repos/inbound-messages";
import { applyStoredReports } from "./record-delivery";
import { NO_PROVIDER } from "./logging-sender";
import type { Logger } from "../../logging/logger";
import type { OutboundMessage, Sender, SendResult } from "./types";

export interface DispatchDeps {
  db: Db;
  senders: Record<string, Sender>;
  now: () => number;
  logger: Logger;
  /** attempts before a message is marked failed */
  maxAttempts?: number;
  batchSize?: number;
  /** a "sending" row older than this is taken back (default STALE_SENDING_MS) */
  staleSendingMs?: number;
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  /** no provider for the channel: stored `not_sent` */
  notSent: number;
}

/** rows one run takes at most; a run that handled this many may have left more due */
export const DISPATCH_BATCH_SIZE = 50;
const BASE_DELAY_MS = 15_000;
const MAX_DELAY_MS = 60 * 60_000;
// a message left "sending" this long was being sent by a process that died
// (config OUTBOX_STALE_SENDING_SECONDS; it must stay well above the senders' 10 s request timeout)
export const STALE_SENDING_MS = 5 * 60_000;

/** 15 s, 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

function toMessage(row: OutboxRow, lastInboundAt: number | null): OutboundMessage {
  return {
    id: row.id,
    channel: row.channel,
    address: row.address,
    lang: row.lang,
    body: row.body,
    ref: row.ref,
    choices: row.choices ?? null,
    attempts: row.attempts,
    createdAt: row.createdAt,
    lastInboundAt,
  };
}

/**
 * Sends the messages that are due. Each row is claimed with a conditional update first, so two
 * dispatchers (two Node processes, overlapping cron runs on Workers) never send the same one.
 */
export async function dispatchOutbox(deps: DispatchDeps): Promise<DispatchReport> {
  const { db, logger } = deps;
  const maxAttempts = deps.maxAttempts ?? 8;
  const report: DispatchReport = { sent: 0, retried: 0, failed: 0, notSent: 0 };
  const now = deps.now();

  // recover messages whose sender died mid-send
  await db
    .update(outbox)
    .set({ status: "pending", updatedAt: now })
    .where(and(eq(outbox.status, "sending"), lt(outbox.updatedAt, now - (deps.staleSendingMs ?? STALE_SENDING_MS))));

  const dueRows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(deps.batchSize ?? DISPATCH_BATCH_SIZE)
    .all();

  for (const due of dueRows) {
    // stamped with the claim's own time: a long batch must not make its last rows look stale
    // the claimed row as it is now, not as selected: a coalesced alert's count may have grown
    // between the select and the claim (services/complaints/urgent-alert.ts)
    const [row] = await db
      .update(outbox)
      .set({ status: "sending", updatedAt: deps.now() })
      .where(and(eq(outbox.id, due.id), eq(outbox.status, "pending")))
      .returning();
    if (!row) continue;

    const sender = deps.senders[row.channel];
    const attempts = row.attempts + 1;
    // read at send time, not enqueue time: the person may have written again meanwhile
    const lastInboundAt = sender ? await inboundMessagesRepo(db).lastSentAt(row.channel, row.address) : null;
    const result: SendResult = sender
      ? await sender.send(toMessage(row, lastInboundAt)).catch((error: unknown) => ({ ok: false as const, retryable: true, error: String(error) }))
      : { ok: false as const, retryable: false as const, notSent: true as const, error: `${NO_PROVIDER} (${row.channel})` };
    const at = deps.now();

    if (result.ok) {
      await db
        .update(outbox)
        .set({ status: "sent", attempts, providerId: result.providerId ?? null, lastError: null, updatedAt: at })
        .where(eq(outbox.id, row.id));
      // a delivery report may have outrun this update (Meta's "sent"/"failed" come fast)
      if (result.providerId) await applyStoredReports(db, row.id, row.channel, result.providerId, at);
      report.sent += 1;
    } else if (result.notSent) {
      await db
        .update(outbox)
        .set({ status: "not_sent", attempts, lastError: result.error.slice(0, 500), updatedAt: at })
        .where(eq(outbox.id, row.id));
      report.notSent += 1;
    } else if (result.retryable && attempts < maxAttempts) {
      await db
        .update(outbox)
        .set({ status: "pending", attempts, lastError: result.error.slice(0, 500), nextAttemptAt: at + retryDelay(attempts), updatedAt: at })
        .where(eq(outbox.id, row.id));
      report.retried += 1;
    } else {
      await db
        .update(outbox)
        .set({ status: "failed", attempts, lastError: result.error.slice(0, 500), updatedAt: at })
        .where(eq(outbox.id, row.id));
      report.failed += 1;
      logger.warn({ outboxId: row.id, channel: row.channel, attempts, error: result.error }, "outbound message failed");
    }
  }
  return report;
}
