// Cloudflare Workers entry: the same app and context as the Node entry (src/server.ts), over D1.
// Only Worker-safe modules are reachable from here: no better-sqlite3 (src/db/node.ts), no fs,
// no pino, no CLIs. `test/worker/bundle.test.ts` checks the built bundle for them.
import { drizzle } from "drizzle-orm/d1";
import { createApp, createContext, type AppContext } from "./app";
import { ConfigError, loadConfig } from "./config";
import type { Db } from "./db/client";
import * as schema from "./db/schema";
import { createJsonLogger } from "./logging/logger";
import type { Hono } from "hono";

// The few Workers runtime types used here, declared locally rather than pulling
// @cloudflare/workers-types into the Node type space (they redefine fetch, Request, Response).
type D1Database = Parameters<typeof drizzle>[0];
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}
interface ScheduledController {
  cron: string;
  scheduledTime: number;
}

/** The bindings declared in wrangler.toml: the D1 database, plain vars and secrets. */
export interface WorkerEnv {
  DB: D1Database;
  [name: string]: unknown;
}

interface Built {
  app: Hono;
  ctx: AppContext;
}

// One app per isolate and env object: building the translator and engine on every request
// would cost more than the request itself. Workers pass the same env object to every event.
const built = new WeakMap<object, Built>();

/** Plain string bindings only (vars and secrets); the D1 binding and other objects are not config. */
function stringBindings(env: WorkerEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") out[name] = value;
  return out;
}

export function buildWorker(env: WorkerEnv): Built {
  const cached = built.get(env);
  if (cached) return cached;
  // a missing secret in production throws here (ConfigError): fetch answers 503 and logs which
  const { config } = loadConfig(stringBindings(env));
  const logger = createJsonLogger(config.logLevel);
  const db = drizzle(env.DB, { schema }) as unknown as Db;
  // A WhatsApp reply is sent right after its webhook, not at the next cron minute: the route
  // hands the returned promise to the request's waitUntil (src/channels/whatsapp/routes.ts).
  const result = {} as Built;
  const onOutboxEnqueued = () => dispatch(result.ctx, "webhook");
  const deps = { db, config, logger, onOutboxEnqueued };
  result.ctx = createContext(deps);
  result.app = createApp(deps, result.ctx);
  built.set(env, result);
  return result;
}

export default {
  async fetch(request: Request, env: WorkerEnv, executionCtx: ExecutionContext): Promise<Response> {
    let worker: Built;
    try {
      worker = buildWorker(env);
    } catch (error) {
      // e.g. production without APP_SECRET: say which setting, never serve half-configured
      if (!(error instanceof ConfigError)) throw error;
      console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: error.message }));
      return Response.json({ error: "misconfigured" }, { status: 503 });
    }
    return worker.app.fetch(request, env, executionCtx as never);
  },

  /** The cron trigger in wrangler.toml: sends what is due in the outbox. */
  async scheduled(controller: ScheduledController, env: WorkerEnv, executionCtx: ExecutionContext): Promise<void> {
    const { ctx } = buildWorker(env);
    executionCtx.waitUntil(dispatch(ctx, controller.cron));
    // once an hour: forget processed message ids past their retention
    if (new Date(controller.scheduledTime).getUTCMinutes() === 0) {
      executionCtx.waitUntil(ctx.purgeInboundMessages().catch((error: unknown) => ctx.logger.error({ error }, "purge of processed message ids failed")));
    }
    // once a day at 08:00 UTC (03:00 in Lima, the quietest hour): retention
    const at = new Date(controller.scheduledTime);
    if (at.getUTCHours() === 8 && at.getUTCMinutes() === 0) {
      executionCtx.waitUntil(
        ctx.purgeExpired().then(
          (report) => ctx.logger.info({ ...report }, "retention purge done"),
          (error: unknown) => ctx.logger.error({ error }, "retention purge failed"),
        ),
      );
    }
  },
};

function dispatch(ctx: AppContext, trigger: string): Promise<void> {
  return ctx.dispatchOutbox().then(
    (report) => ctx.logger.info({ trigger, ...report }, "outbox dispatched"),
    (error) => ctx.logger.error({ error, trigger }, "outbox dispatch failed"),
  );
}
