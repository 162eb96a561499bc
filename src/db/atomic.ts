import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { groupCommitterOf } from "./group-commit";
import { retryBusy } from "./storage-errors";

/**
 * Runs several write statements all-or-nothing. D1 refuses `BEGIN` but its `batch` is atomic;
 * better-sqlite3 has no `batch` but a synchronous `transaction`. Build the statements (do not
 * await them) and pass them here.
 *
 * On Node (a database opened by openNodeDatabase) the statements are committed with the other
 * writes of this pass of the event loop, in one transaction (src/db/group-commit.ts), each
 * write in its own savepoint: resolved once committed, rejected with its own error alone.
 */
export async function atomic(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  const group = groupCommitterOf(db);
  if (group) {
    await group.write(() => {
      for (const statement of statements) (statement as unknown as { run: () => void }).run();
    });
    return;
  }
  // a write lock held by another process: wait for it asynchronously (see retryBusy)
  await retryBusy(() => atomicOnce(db, statements));
}

async function atomicOnce(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 1) {
    // a single statement is atomic by itself; skip the transaction round trip
    await statements[0];
    return;
  }
  const maybeBatch = (db as unknown as { batch?: (s: BatchItem<"sqlite">[]) => Promise<unknown> }).batch;
  if (typeof maybeBatch === "function") {
    await maybeBatch.call(db, statements);
    return;
  }
  const syncDb = db as unknown as { transaction: (cb: () => void) => void };
  syncDb.transaction(() => {
    for (const statement of statements) (statement as unknown as { run: () => void }).run();
  });
}
