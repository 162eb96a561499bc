import type { Db } from "../../db/client";
import type { NoticesConfig } from "../../config";
import { findDueNotices, type FoundReport } from "./find-notices";
import { limaDate } from "./lima-clock";
import { sendPendingNotices, type SendReport } from "./send-notices";

export interface NoticesJobDeps {
  db: Db;
  hash(value: string): Promise<string>;
  config: NoticesConfig;
}

export interface NoticesReport {
  today: string;
  dryRun: boolean;
  found: FoundReport;
  sent: SendReport;
}

/**
 * One run of the payment notices job (issue 21 item 2): find what is due today for the people
 * who consented, then send what may go now. Safe to run as often as wanted and from several
 * places at once (Node timer, Worker cron, `npm run notices`): the notices' unique key and the
 * guarded send make every run after the first add nothing. `dryRun`: writes nothing and reports
 * what a run would find and send.
 */
export async function runNoticesJob(deps: NoticesJobDeps, options: { now: number; dryRun?: boolean }): Promise<NoticesReport> {
  const dryRun = options.dryRun ?? false;
  const today = limaDate(options.now);
  const found = await findDueNotices({ db: deps.db, hash: deps.hash, now: options.now, today, reminderDays: deps.config.reminderDays, dryRun });
  const sent = await sendPendingNotices({ db: deps.db, now: options.now, today, quietHours: deps.config.quietHours, dailyLimit: deps.config.dailyLimit, dryRun });
  return { today, dryRun, found, sent };
}
