/**
 * Retention now (the Node service also runs it at start and daily): deletes conversation
 * sessions and sent outbox messages older than RETENTION_DAYS (default 90). Complaints, their
 * history and the audit log are kept.
 *
 *   npm run purge            (DATABASE_PATH, default ./data/orienta.db)
 */
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { purgeExpired } from "../services/retention/purge-expired";

const { config } = loadConfig();
const database = openNodeDatabase(config.databasePath);
const report = await purgeExpired(database.db, Date.now(), config.retentionDays);
database.close();
console.log(
  `retention ${config.retentionDays} days (before ${new Date(report.cutoff).toISOString()}): ` +
    `${report.sessions} sessions and ${report.outbox} sent messages deleted`,
);
