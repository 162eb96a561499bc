import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";

/**
 * Runs several write statements all-or-nothing. D1 refuses `BEGIN` but its `batch` is atomic;
 * better-sqlite3 has no `batch` but a synchronous `transaction`. Build the statements (do not
 * await them) and pass them here.
 */
export async function atomic(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
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
