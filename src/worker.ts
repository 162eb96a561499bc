// Cloudflare Workers entry: the same app and context as the Node entry (src/server.ts), over D1.
// Only Worker-safe modules are reachable from here: no better-sqlite3 (src/db/node.ts), no fs,
// no pino, no CLIs. `test/worker/bundle.test.ts` checks the built bundle for them.
import { drizzle } from "drizzle-orm/d1";
import { createApp, createContext, type AppContext } from "./app";
import { ConfigError, loadConfig } from "./config";
import type { Db } from "./db/client";
import * as schema from "./db/schema";
import { createJsonLogger } from "./logging/logger";
import { JOBS, jobNamed, runJobOnce } from "./jobs/registry";
import type { Hono } from "hono";
import { createMemoryMediaStore, createR2MediaStore, type R2BucketLike } from "./voice/media-store";

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
  /** the voice prompts' audio (wrangler.toml `[[r2_buckets]]` binding MEDIA) */
  MEDIA?: R2BucketLike;
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
  const onOutboxEnqueued = () => runJobOnce(result.ctx, jobNamed("outbox")!, "webhook");
  // without the R2 binding the voice channel has no stored audio (Spanish still speaks by TTS)
  if (!env.MEDIA) logger.warn({ binding: "MEDIA" }, "no R2 bucket bound as MEDIA: voice prompts have no recorded audio on this Worker");
  const media = env.MEDIA ? createR2MediaStore(env.MEDIA) : createMemoryMediaStore();
  const deps = { db, config, logger, onOutboxEnqueued, media };
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
    // the same job list the Node service runs on timers (src/jobs/registry.ts): the due ones now
    const at = new Date(controller.scheduledTime);
    for (const job of JOBS) if (job.dueAt(at)) executionCtx.waitUntil(runJobOnce(ctx, job, controller.cron));
  },
};
