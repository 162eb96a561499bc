/**
 * Runs the payment notices job once (issue 21), against the Node service's database:
 *
 *   npm run notices                               now
 *   npm run notices -- --now 2026-12-14T08:00-05:00   as if it were then (a missed morning, a test)
 *   npm run notices -- --dry-run                  what it would find and send; writes nothing
 *
 * The same job the service runs every 15 minutes and the Worker on its cron (src/jobs/registry.ts).
 */
import { parseArgs } from "node:util";
import { createContext } from "../app";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { createJsonLogger } from "../logging/logger";

const { values } = parseArgs({ options: { now: { type: "string" }, "dry-run": { type: "boolean", default: false } } });
const now = values.now === undefined ? Date.now() : Date.parse(values.now);
if (Number.isNaN(now)) {
  console.error(`--now: "${values.now}" no es una fecha ISO (por ejemplo 2026-12-14T08:00-05:00).`);
  process.exit(2);
}
const { config } = loadConfig();
const database = openNodeDatabase(config.databasePath);
const ctx = createContext({ db: database.db, config, logger: createJsonLogger("silent") });
try {
  const report = await ctx.runNotices({ now, dryRun: values["dry-run"] });
  console.log(JSON.stringify(report, null, 2));
} finally {
  database.close();
}
