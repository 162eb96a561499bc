// Node-only: a worker thread that checkpoints the WAL, so no request waits for a checkpoint.
import type Database from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

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
const tick = () => {
  try {
    // busy (another connection is checkpointing) is a result, not an error: try again next tick
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
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
  /** waits for the running checkpoint, if any, then closes the worker's connection */
  stop(): Promise<void>;
}

const AUTOCHECKPOINT_PAGES = 1000; // SQLite's default

export function startBackgroundCheckpoints(sqlite: Database.Database, path: string, intervalMs = 1000): Checkpointer {
  let checkpoints = 0;
  sqlite.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // plain JS: no loader (tsx) in the worker, it would only cost memory
    execArgv: [],
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), path, intervalMs },
  });
  worker.unref();
  let running = true;
  const fallBack = () => {
    if (!running) return;
    running = false;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on("message", (result: { checkpointed?: number }) => {
    if ((result.checkpointed ?? 0) > 0) checkpoints++;
  });
  worker.on("error", fallBack);
  worker.on("exit", fallBack);
  return {
    get checkpoints() {
      return checkpoints;
    },
    async stop() {
      if (!running) return;
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("stop");
      await exited;
    },
  };
}
