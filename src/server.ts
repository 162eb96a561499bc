// Node entry: configuration, SQLite (WAL) with migrations, demo data, HTTP server.
import { createAdaptorServer } from "@hono/node-server";
import { createApp, createContext } from "./app";
import { ConfigError, loadConfig } from "./config";
import { openNodeDatabase, SERVICE_BUSY_TIMEOUT_MS } from "./db/node";
import { loadDemoData } from "./db/demo";
import { createPinoLogger } from "./logging/pino";
import { startJobTimers } from "./jobs/node-scheduler";
import { createMetrics } from "./ops/metrics";
import { startBanner } from "./start-banner";
import { createFsMediaStore, mediaDirFor } from "./voice/fs-media-store";
import type { Server } from "node:http";
import { boundedServerOptions, capConnectionsPerClient, LISTEN_BACKLOG } from "./http/node-limits";

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const { config, defaulted } = loaded;
  const logger = createPinoLogger(config.logLevel);
  if (config.env === "production" && !config.metricsToken) {
    logger.warn({ variable: "METRICS_TOKEN" }, "METRICS_TOKEN is not set: GET /metrics is off (404) in production; set it to scrape with a bearer token");
  }
  if (config.env !== "production" && defaulted.length) {
    logger.info({ defaulted }, "configuration defaults in use (set these variables to change them)");
  }
  // checkpoints in a worker thread: no request waits for one (src/db/checkpointer.ts)
  const database = openNodeDatabase(config.databasePath, { backgroundCheckpoints: true, busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS });
  if (config.demoData) await loadDemoData(database.db, logger);

  // the periodic jobs (src/jobs/registry.ts) on timers; a webhook that queued replies kicks the
  // outbox job at once, so a chat does not wait for the next tick
  let jobs: ReturnType<typeof startJobTimers> | undefined;
  const deps = { db: database.db, config, logger, onOutboxEnqueued: () => jobs?.kick("outbox"), metrics: createMetrics(database.db), media: createFsMediaStore(mediaDirFor(config.databasePath)) };
  const context = createContext(deps);
  const app = createApp(deps, context);
  jobs = startJobTimers(context);
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions: boundedServerOptions() }) as Server;
  // a deep accept queue: under a flood of sockets reconnecting together, Node's default (511)
  // overflows and the kernel drops new SYNs, which the client retries only after 1, 3, 7 s
  server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : config.port}`;
    console.log(startBanner(config, base));
  });
  capConnectionsPerClient(server as Server, config.maxConnectionsPerClient);

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    jobs?.stop();
    server.close(() => {
      // a failing disk (SQLITE_FULL, SQLITE_IOERR) can refuse the final checkpoint: say so, exit
      try {
        database.close();
      } catch (error) {
        logger.error({ error }, "database close failed at shutdown (disk full or failing?); the WAL is replayed at the next start");
        process.exit(1);
      }
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
