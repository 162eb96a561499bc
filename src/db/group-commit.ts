import type { Db } from "./client";
import { BUSY_RETRY_MS, isBusy } from "./storage-errors";

/**
 * Group commit for the conversation runner's writes on better-sqlite3 (Node).
 *
 * A turn's write is the only thing a USSD keypress must make durable, and on SQLite the commit
 * costs more than the statements: a WAL frame per page touched, locks taken and released. The
 * writes of every turn that reaches its commit in the same pass of the event loop are committed
 * together, in one transaction run when the loop gets to its check phase (`setImmediate`): the
 * pages they share (a session index, the anonymous usage counters every turn increments) are
 * written once per commit instead of once per turn.
 *
 * - Each turn's statements run in their own SAVEPOINT: a turn whose write fails (a unique index
 *   hit by a retried step, an identity check's write-time guard) is rolled back alone and gets its
 *   own error, as if it had been written by itself; the others commit.
 * - Each turn's promise settles only after the COMMIT returned: nobody is answered before their
 *   write is durable (synchronous = NORMAL in WAL: as durable as a single write's commit).
 * - A failure of the transaction itself (the COMMIT, a full disk, an I/O error that makes SQLite
 *   roll back) rejects every turn of the batch with that error: each channel answers it as the
 *   storage failure it is, and nothing of any of them was stored.
 * - A write lock held by another process (SQLITE_BUSY at BEGIN IMMEDIATE, after the connection's
 *   short busy timeout) is waited for asynchronously, 10 ms doubling up to 200 ms, up to
 *   BUSY_RETRY_MS per turn (as `retryBusy`); a turn that waited longer gets the busy error.
 *
 * The batch does not make reads see writes that are not committed yet: the runner keeps two turns
 * of the same person and channel from overlapping (`oneTurnAtATime` in src/conversation/run-turn.ts).
 */
export interface GroupCommitter {
  /** runs `work` (synchronous statements) in the next group transaction; resolves once committed */
  write(work: () => void): Promise<void>;
}

/** the part of better-sqlite3's Database the committer uses */
export interface SyncSqlite {
  prepare(source: string): { run(): unknown };
  readonly inTransaction: boolean;
}

interface Pending {
  work: () => void;
  since: number;
  resolve(): void;
  reject(error: unknown): void;
}

// captured at load: a test's fake timers must not hold commits back
const nextCheckPhase: (fn: () => void) => unknown = globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0));
const later: (fn: () => void, ms: number) => unknown = globalThis.setTimeout;

const committers = new WeakMap<object, GroupCommitter>();

/** The committer of this database, when it has one (better-sqlite3 opened by openNodeDatabase; never D1). */
export function groupCommitterOf(db: Db): GroupCommitter | undefined {
  return committers.get(db);
}

/** Gives `db` a group committer over its better-sqlite3 connection. */
export function enableGroupCommit(db: Db, sqlite: SyncSqlite, options: { busyRetryMs?: number } = {}): GroupCommitter {
  const committer = createGroupCommitter(sqlite, options);
  committers.set(db, committer);
  return committer;
}

export function createGroupCommitter(sqlite: SyncSqlite, options: { busyRetryMs?: number } = {}): GroupCommitter {
  const busyRetryMs = options.busyRetryMs ?? BUSY_RETRY_MS;
  const begin = sqlite.prepare("BEGIN IMMEDIATE");
  const commit = sqlite.prepare("COMMIT");
  const rollback = sqlite.prepare("ROLLBACK");
  const savepoint = sqlite.prepare("SAVEPOINT turn");
  const release = sqlite.prepare("RELEASE turn");
  const rollbackTo = sqlite.prepare("ROLLBACK TO turn");
  let queue: Pending[] = [];
  let scheduled = false;
  let busyWait = 10;

  const schedule = (ms: number) => {
    if (scheduled) return;
    scheduled = true;
    if (ms === 0) nextCheckPhase(flush);
    else later(flush, ms);
  };

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    if (sqlite.inTransaction) {
      // never inside someone else's transaction (cannot happen with synchronous ones; be safe)
      queue = batch.concat(queue);
      return schedule(1);
    }
    try {
      begin.run();
    } catch (error) {
      if (!isBusy(error)) return batch.forEach((p) => p.reject(error));
      // another process holds the write lock: wait asynchronously, the event loop keeps serving
      const now = Date.now();
      const waiting = batch.filter((p) => (now - p.since + busyWait > busyRetryMs ? (p.reject(error), false) : true));
      queue = waiting.concat(queue);
      const wait = busyWait;
      busyWait = Math.min(200, busyWait * 2);
      if (queue.length > 0) schedule(wait);
      return;
    }
    busyWait = 10;
    if (batch.length === 1) return flushOne(batch[0]);
    const failed = new Map<Pending, unknown>();
    let fatal: unknown;
    for (const p of batch) {
      try {
        savepoint.run();
      } catch (error) {
        fatal = error;
        break;
      }
      try {
        p.work();
        release.run();
      } catch (error) {
        if (!sqlite.inTransaction) {
          // SQLite rolled the whole transaction back (full disk, I/O error): nothing was stored
          fatal = error;
          break;
        }
        try {
          rollbackTo.run();
          release.run();
          failed.set(p, error);
        } catch (rollbackError) {
          fatal = rollbackError;
          break;
        }
      }
    }
    if (fatal === undefined) {
      try {
        commit.run();
      } catch (error) {
        fatal = error;
      }
    }
    if (fatal !== undefined) {
      if (sqlite.inTransaction) {
        try {
          rollback.run();
        } catch {
          // already rolled back by SQLite
        }
      }
      for (const p of batch) p.reject(fatal);
      return;
    }
    for (const p of batch) {
      const error = failed.get(p);
      if (failed.has(p)) p.reject(error);
      else p.resolve();
    }
  }

  /** a batch of one (a quiet moment): no savepoint, its failure is the transaction's */
  function flushOne(p: Pending): void {
    try {
      p.work();
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) {
        try {
          rollback.run();
        } catch {
          // already rolled back by SQLite
        }
      }
      return p.reject(error);
    }
    p.resolve();
  }

  return {
    write(work) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ work, since: Date.now(), resolve, reject });
        schedule(0);
      });
    },
  };
}
