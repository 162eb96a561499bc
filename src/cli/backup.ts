/**
 * Online backup of the service's SQLite database (safe while the service is running).
 *
 *   npm run backup -- ./backups/orienta-2026-11-23.db      (reads DATABASE_PATH, default ./data/orienta.db)
 *
 * Restore: stop the service, copy the backup file to DATABASE_PATH, start the service.
 */
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { backupDatabase } from "../ops/backup";

const destination = process.argv[2];
const source = process.env.DATABASE_PATH ?? "./data/orienta.db";
if (!destination) {
  console.error("usage: npm run backup -- <out.db>");
  process.exit(2);
}
if (!existsSync(source)) {
  console.error(`no database at ${source} (set DATABASE_PATH)`);
  process.exit(1);
}
if (existsSync(destination)) {
  // never overwrite an earlier backup by accident
  console.error(`${destination} already exists: choose a new file name`);
  process.exit(1);
}
// a separate read connection; the running service keeps its own and is not blocked
const sqlite = new Database(source, { fileMustExist: true });
sqlite.pragma("busy_timeout = 5000");
const { totalPages } = await backupDatabase(sqlite, destination);
sqlite.close();
console.log(`backup of ${source} written to ${destination} (${totalPages} pages)`);
