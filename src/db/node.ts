// Node-only: better-sqlite3 + drizzle + migrations. Never imported by the Worker entry.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startBackgroundCheckpoints, type Checkpointer } from "./checkpointer";
import { cacheWriteStatements } from "./statement-cache";
import { enableGroupCommit } from "./group-commit";
import * as schema from "./schema";
import type { Db } from "./client";

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

/** the service's synchronous wait for a write lock held elsewhere; longer waits are async (src/db/storage-errors.ts) */
export const SERVICE_BUSY_TIMEOUT_MS = 100;

export interface NodeDatabase {
  db: Db;
  sqlite: Database.Database;
  /** with `backgroundCheckpoints` */
  checkpointer?: Checkpointer;
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations.
 * `backgroundCheckpoints` (the server): WAL checkpoints from a worker thread instead of inside
 * whichever request's commit crosses the threshold (src/db/checkpointer.ts).
 */
export function openNodeDatabase(path: string, options: { backgroundCheckpoints?: boolean; busyTimeoutMs?: number } = {}): NodeDatabase {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
  // after the start-up migrations, the service (SERVICE_BUSY_TIMEOUT_MS): a write waits at most
  // 100 ms synchronously for a lock held by another process; longer waits are retried
  // asynchronously (retryBusy), so the event loop keeps serving other requests meanwhile. CLIs
  // (the import's long transactions) keep waiting synchronously: they serve nobody else.
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  cacheWriteStatements(sqlite);
  // the conversation runner's writes: one transaction per pass of the event loop (group-commit.ts)
  enableGroupCommit(db, sqlite);
  const checkpointer = options.backgroundCheckpoints && path !== ":memory:" ? startBackgroundCheckpoints(sqlite, path) : undefined;
  return {
    db,
    sqlite,
    checkpointer,
    close: () => {
      if (checkpointer) {
        void checkpointer.stop();
        // what the worker has not copied yet, so the file is complete without its WAL
        if (sqlite.open) sqlite.pragma("wal_checkpoint(PASSIVE)");
      }
      sqlite.close();
    },
  };
}
