// Node entry: configuration, SQLite (WAL) with migrations, demo data, HTTP server.
import { serve } from "@hono/node-server";
import { createApp, createContext } from "./app";
import { ConfigError, loadConfig } from "./config";
import { openNodeDatabase } from "./db/node";
import { loadDemoData } from "./db/demo";
import { createPinoLogger } from "./logging/pino";
import { DISPATCH_BATCH_SIZE } from "./services/outbox/dispatch";
import { createMetrics } from "./ops/metrics";
import { startBanner } from "./start-banner";
import type { Server } from "node:http";
import { boundedServerOptions, capConnectionsPerClient } from "./http/node-limits";

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
  const database = openNodeDatabase(config.databasePath, { backgroundCheckpoints: true });
  if (config.demoData) await loadDemoData(database.db, logger);

  // the outbox dispatcher: one run at a time, every few seconds (OUTBOX_INTERVAL_MS), at once when
  // a webhook (WhatsApp) has just queued replies, so a chat does not wait for the next tick, and
  // again at once after a full batch, so a backlog drains at the providers' pace, not 50 per tick
  let dispatching = false;
  let again = false;
  const runDispatch = async (): Promise<void> => {
    if (dispatching) {
      again = true; // a kick during a run: run once more right after it
      return;
    }
    dispatching = true;
    try {
      const report = await context.dispatchOutbox();
      if (report.sent + report.retried + report.failed >= DISPATCH_BATCH_SIZE) again = true;
    } catch (error) {
      logger.error({ error }, "outbox dispatch failed");
    } finally {
      dispatching = false;
      if (again) {
        again = false;
        void runDispatch();
      }
    }
  };
  const deps = { db: database.db, config, logger, onOutboxEnqueued: () => void runDispatch(), metrics: createMetrics(database.db) };
  const context = createContext(deps);
  const app = createApp(deps, context);
  const outboxTimer = setInterval(runDispatch, config.outbox.intervalMs);
  const purgeTimer = setInterval(() => {
    context.purgeInboundMessages().catch((error: unknown) => logger.error({ error }, "purge of processed message ids failed"));
  }, 3_600_000);
  // retention: once at start (a service restarted daily would otherwise never purge) and daily
  const retain = () =>
    context
      .purgeExpired()
      .then((report) => logger.info({ ...report }, "retention purge done"))
      .catch((error: unknown) => logger.error({ error }, "retention purge failed"));
  void retain();
  const retentionTimer = setInterval(retain, 24 * 3_600_000);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: boundedServerOptions() }, (info) => {
    const base = `http://127.0.0.1:${info.port}`;
    console.log(startBanner(config, base));
  });
  capConnectionsPerClient(server as Server, config.maxConnectionsPerClient);

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    clearInterval(outboxTimer);
    clearInterval(purgeTimer);
    clearInterval(retentionTimer);
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
