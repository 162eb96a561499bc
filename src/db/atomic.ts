import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { groupCommitterOf } from "./group-commit";
import { retryBusy } from "./storage-errors";

/**
 * Runs several write statements all-or-nothing. Build the statements (do not await them) and
 * pass them here.
 *
 * - Node (every better-sqlite3 database is opened by openNodeDatabase, which gives it a group
 *   committer): committed with the other writes of this pass of the event loop, in one
 *   transaction (src/db/group-commit.ts), each write in its own savepoint: resolved once
 *   committed, rejected with its own error alone.
 * - D1 refuses `BEGIN`, but its `batch` is atomic; a single statement is atomic by itself.
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
  const batch = (db as unknown as { batch: (s: BatchItem<"sqlite">[]) => Promise<unknown> }).batch.bind(db);
  // a write lock held by another writer: wait for it asynchronously (see retryBusy)
  await retryBusy(async () => {
    await (statements.length === 1 ? statements[0] : batch(statements));
  });
}
