// Node-only: a worker thread that checkpoints the WAL, so no request waits for a checkpoint.
import type Database from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** at most this many passes back to back in the worker once the WAL is past the cap */
const CONVERGING_PASSES = 8;
/** a pass that copied this few pages leaves the server's final pass little to copy */
const SMALL_PASS_PAGES = 256;

/**
 * SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages: that one
 * request copies the pages into the database file and waits for two fsyncs. On a busy disk that
 * is tens of milliseconds, once every few hundred writes — the p99 of every write path (measured:
 * a 2-row audit INSERT had p99 8.6 ms / max 207 ms with it, 1.1 ms / 39 ms without; BENCHMARKS.md).
 *
 * This turns the automatic checkpoint off on the server's connection and runs the same PASSIVE
 * checkpoint from a worker thread with its own connection every `intervalMs`. PASSIVE never blocks
 * readers or the writer; durability is unchanged (WAL, synchronous=NORMAL). If the worker fails or
 * exits, the connection gets its automatic checkpoint back.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const pass = () => db.pragma("wal_checkpoint(PASSIVE)")[0];
const tick = () => {
  try {
    // busy (another connection is checkpointing) is a result, not an error: try again next tick
    let result = pass();
    // past the cap, passes back to back: each copies what the server committed during the one
    // before, a shorter span each time, so the server's own final pass (below) copies little
    for (let n = 0; n < ${CONVERGING_PASSES} && !result.busy && result.log >= workerData.restartPages; n++) {
      const next = pass();
      const copied = next.checkpointed - result.checkpointed;
      result = next;
      if (copied <= ${SMALL_PASS_PAGES}) break;
    }
    parentPort.postMessage(result);
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** checkpoints that copied at least one page */
  readonly checkpoints: number;
  /** catch-up passes the server's connection ran because the WAL had grown past `restartPages` */
  readonly restarts: number;
  /** pages those passes copied (each is an event-loop pause: a few ms, not one per cap's worth) */
  readonly restartPagesCopied: number;
  /** waits for the running checkpoint, if any, then closes the worker's connection */
  stop(): Promise<void>;
}

const AUTOCHECKPOINT_PAGES = 1000; // SQLite's default

/**
 * WAL pages past which the server's connection finishes the worker's checkpoint itself.
 *
 * SQLite starts the WAL over at a write only if, at that moment, every page in it has been
 * copied. A PASSIVE pass in the worker copies up to the WAL's end as it was when the pass began,
 * and under steady writes the server has always committed again before the pass (with its two
 * fsyncs) ends: the WAL grew without bound (455 MB after 20 s of bench:ussd, 2026-12-07). So when
 * a pass reports a WAL longer than this, the server's connection runs a PASSIVE pass right then
 * (the worker's report arrives as a message on the server's event loop, outside any write): it
 * copies only what was committed during the worker's pass, and the server's next write finds the
 * WAL fully copied and starts it over. `journal_size_limit` then gives the file's space back.
 *
 * That pass pauses the server's event loop for as long as it copies, so the worker first runs
 * passes back to back (CONVERGING_PASSES), each copying what was committed during the one before,
 * until one copies little: at 2 M persons under bench:lookup the server's pass went from 53–71 ms
 * (copying what ~1 s of lookups wrote) to ~14 ms, and the slowest lookup of a 6 s round from
 * 116–281 ms to 61–93 ms (2026-12-07, docs/notes/issue-23.md).
 */
export const WAL_RESTART_PAGES = 16_000; // ~64 MB of 4 KB pages

export function startBackgroundCheckpoints(sqlite: Database.Database, path: string, intervalMs = 1000, restartPages = WAL_RESTART_PAGES): Checkpointer {
  let checkpoints = 0;
  let restarts = 0;
  let restartPagesCopied = 0;
  sqlite.pragma(`journal_size_limit = ${restartPages * 4096}`);
  sqlite.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // plain JS: no loader (tsx) in the worker, it would only cost memory
    execArgv: [],
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), path, intervalMs, restartPages },
  });
  worker.unref();
  let running = true;
  const fallBack = () => {
    if (!running) return;
    running = false;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on("message", (result: { checkpointed?: number; log?: number; busy?: number }) => {
    if ((result.checkpointed ?? 0) > 0) checkpoints++;
    if (running && sqlite.open && !sqlite.inTransaction && !result.busy && (result.log ?? 0) >= restartPages) {
      try {
        const [own] = sqlite.pragma("wal_checkpoint(PASSIVE)") as { checkpointed: number }[];
        restarts++;
        restartPagesCopied += Math.max(0, own.checkpointed - (result.checkpointed ?? 0));
      } catch {
        // busy or failing: the worker's next pass reports again
      }
    }
  });
  worker.on("error", fallBack);
  worker.on("exit", fallBack);
  return {
    get checkpoints() {
      return checkpoints;
    },
    get restarts() {
      return restarts;
    },
    get restartPagesCopied() {
      return restartPagesCopied;
    },
    async stop() {
      if (!running) return;
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      await exited;
    },
  };
}
