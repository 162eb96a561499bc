// Node-only: an online copy of the SQLite database, safe while the service is serving.
import type Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Copies a live database to `destination` with SQLite's online backup API (better-sqlite3's
 * `db.backup()`): pages are copied in steps while other connections keep reading and writing,
 * and the copy is a consistent snapshot including what is still in the WAL. A plain file copy
 * of a WAL database could miss or tear the last commits.
 */
export async function backupDatabase(sqlite: Database.Database, destination: string): Promise<{ totalPages: number }> {
  mkdirSync(dirname(resolve(destination)), { recursive: true });
  const result = await sqlite.backup(destination);
  return { totalPages: result.totalPages };
}
