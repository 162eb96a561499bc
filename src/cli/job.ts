/**
 * Runs one periodic job now, against the Node service's database:
 *
 *   npm run job -- <name>       (DATABASE_PATH, default ./data/orienta.db)
 *   npm run job                 lists the jobs
 *
 * The same jobs the service runs on timers and the Worker on its cron (src/jobs/registry.ts).
 */
import { createContext } from "../app";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { createJsonLogger } from "../logging/logger";
import { JOBS, jobNamed } from "../jobs/registry";

const name = process.argv[2];
const job = name ? jobNamed(name) : undefined;
if (!job) {
  if (name) console.error(`No hay un trabajo llamado "${name}".`);
  console.log("Trabajos (npm run job -- <nombre>):");
  for (const j of JOBS) console.log(`  ${j.name.padEnd(14)} ${j.description}`);
  process.exit(name ? 2 : 0);
}
const { config } = loadConfig();
const database = openNodeDatabase(config.databasePath);
const logger = createJsonLogger("silent");
const ctx = createContext({ db: database.db, config, logger });
try {
  const report = await job.run(ctx);
  console.log(`${job.name}: ${JSON.stringify(report)}`);
} finally {
  database.close();
}
