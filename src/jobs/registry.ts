import type { AppContext } from "../app";
import { DISPATCH_BATCH_SIZE } from "../services/outbox/dispatch";
import { sendBroadcasts } from "../services/broadcasts/send";
import { createKeyedHash } from "../services/lookups/keyed-hash";

/**
 * The periodic work of the service, declared once: the Node service runs each job on a timer
 * (src/jobs/node-scheduler.ts), the Worker's cron handler runs the due ones (src/worker.ts), and
 * `npm run job -- <name>` runs one now (src/cli/job.ts).
 */
export interface Job {
  name: string;
  /** what it does, for `npm run job` */
  description: string;
  /** the log lines of a run and of a failure (operators' alerts match on them) */
  logs: { done: string; failed: string };
  /** Node: the timer's period */
  everyMs(ctx: AppContext): number;
  /** Node: also once at start (a service restarted daily would otherwise never run a daily job) */
  atStart?: boolean;
  /** Workers: the cron trigger fires every minute; is this job due at that minute (UTC)? */
  dueAt(at: Date): boolean;
  /** runs once; the report is logged */
  run(ctx: AppContext): Promise<Record<string, unknown>>;
  /** after this report, run again at once (a full outbox batch: a backlog drains at the providers' pace) */
  again?(report: Record<string, unknown>): boolean;
}

export const JOBS: readonly Job[] = [
  {
    name: "outbox",
    description: "sends the messages due in the outbox, with retries and backoff",
    logs: { done: "outbox dispatched", failed: "outbox dispatch failed" },
    everyMs: (ctx) => ctx.config.outbox.intervalMs,
    dueAt: () => true,
    run: async (ctx) => ({ ...(await ctx.dispatchOutbox()) }),
    again: (report) => Number(report.sent ?? 0) + Number(report.retried ?? 0) + Number(report.failed ?? 0) + Number(report.notSent ?? 0) >= DISPATCH_BATCH_SIZE,
  },
  {
    name: "purge-inbound",
    description: "forgets processed provider message ids past their 30-day retention",
    logs: { done: "purge of processed message ids done", failed: "purge of processed message ids failed" },
    everyMs: () => 3_600_000,
    dueAt: (at) => at.getUTCMinutes() === 0,
    run: async (ctx) => {
      await ctx.purgeInboundMessages();
      return {};
    },
  },
  {
    name: "retention",
    description: "deletes conversation sessions and sent messages older than RETENTION_DAYS (complaints and the audit log are kept)",
    logs: { done: "retention purge done", failed: "retention purge failed" },
    everyMs: () => 24 * 3_600_000,
    atStart: true,
    // 08:00 UTC is 03:00 in Lima, the quietest hour
    dueAt: (at) => at.getUTCHours() === 8 && at.getUTCMinutes() === 0,
    run: async (ctx) => ({ ...(await ctx.purgeExpired()) }),
  },
  {
    name: "notices",
    description: "payment notices for people who consented: finds what is due today, sends what quiet hours and NOTICES_DAILY_LIMIT allow",
    logs: { done: "payment notices run done", failed: "payment notices run failed" },
    everyMs: () => 15 * 60_000,
    atStart: true,
    // every quarter hour: a notice held by quiet hours goes soon after 07:00 Lima (12:00 UTC)
    dueAt: (at) => at.getUTCMinutes() % 15 === 0,
    run: async (ctx) => {
      const report = await ctx.runNotices();
      return { today: report.today, ...prefixed("found", report.found), ...prefixed("sent", report.sent) };
    },
  },
  {
    name: "broadcasts",
    description: "starts the approved broadcasts that are due and queues their messages, at most BROADCAST_RATE_PER_MINUTE a minute",
    logs: { done: "broadcasts run done", failed: "broadcasts run failed" },
    everyMs: () => 60_000,
    dueAt: () => true,
    run: async (ctx) => ({ ...(await sendBroadcasts({ db: ctx.db, now: ctx.now, hash: createKeyedHash(ctx.config.appSecret), ratePerMinute: ctx.config.broadcasts.ratePerMinute })) }),
  },
];

const prefixed = (prefix: string, counts: object) => Object.fromEntries(Object.entries(counts).map(([k, v]) => [`${prefix}.${k}`, v]));

export function jobNamed(name: string): Job | undefined {
  return JOBS.find((job) => job.name === name);
}

/** Runs a job once and logs its report (or its failure); never throws. */
export async function runJobOnce(ctx: AppContext, job: Job, trigger: string): Promise<Record<string, unknown> | null> {
  try {
    const report = await job.run(ctx);
    ctx.logger.info({ job: job.name, trigger, ...report }, job.logs.done);
    return report;
  } catch (error) {
    ctx.logger.error({ job: job.name, trigger, error }, job.logs.failed);
    return null;
  }
}
