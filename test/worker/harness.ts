import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { spawnSync } from "node:child_process";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";
import { BUNDLE, MIGRATIONS_DIR, ROOT, WRANGLER_TOML } from "./paths";

export type D1Database = Awaited<ReturnType<Miniflare["getD1Database"]>>;

/**
 * Applies db/migrations to a D1 database the way `wrangler d1 migrations apply` does: files in
 * order, split with wrangler's own SQL splitter, each file in one atomic batch, recorded in
 * `d1_migrations`.
 */
export async function applyMigrations(d1: D1Database): Promise<string[]> {
  await d1.exec(
    "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
  );
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")).sort();
  for (const file of files) {
    const statements = unstable_splitSqlQuery(readFileSync(resolve(MIGRATIONS_DIR, file), "utf8"));
    await d1.batch([
      ...statements.map((s) => d1.prepare(s)),
      d1.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file),
    ]);
  }
  return files;
}

export interface LocalWorker {
  mf: Miniflare;
  /** the D1 database bound as DB, driven from the test process */
  d1: D1Database;
  /** one JSON line per record the Worker logged */
  logs: string[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
  scheduled(cron?: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Runs the bundle built by global-setup in workerd, with wrangler.toml's compatibility settings
 * and bindings, a fresh in-memory D1 with every migration applied, and no network.
 */
export async function startWorker(
  options: {
    vars?: Record<string, string>;
    migrate?: boolean;
    /**
     * every fetch the Worker makes to the outside (Graph API, Twilio…) lands here; without it
     * only loopback fakes (127.0.0.1) are reached and anything else is refused with a 502, so a
     * test can never reach the network
     */
    outbound?: (request: Request) => Promise<Response> | Response;
    /** use the local D1 that `wrangler d1 … --local --persist-to <dir>` wrote, instead of a fresh one */
    persistTo?: string;
  } = {},
): Promise<LocalWorker> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(WRANGLER_TOML);
  const logs: string[] = [];
  const collect = (stream: Readable) => {
    let pending = "";
    stream.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) logs.push(line);
    });
  };
  const mf = new Miniflare({
    ...(workerOptions as object),
    name: "midis-orienta",
    modules: true,
    scriptPath: BUNDLE,
    bindings: { ...(workerOptions.bindings ?? {}), NODE_ENV: "test", LOG_LEVEL: "info", ...options.vars },
    // a unique id per worker: a database of its own, in memory (no d1Persist); or wrangler's
    // local database (same id as in wrangler.toml, same layout as `--persist-to`)
    ...(options.persistTo
      ? { d1Persist: resolve(options.persistTo, "v3/d1"), d1Databases: workerOptions.d1Databases }
      : { d1Databases: { DB: `orienta-test-${crypto.randomUUID()}` } }),
    outboundService: async (request: Request) => (options.outbound ?? loopbackOnly)(request),
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      collect(stdout);
      collect(stderr);
    },
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  const d1 = await mf.getD1Database("DB");
  if (options.migrate !== false && !options.persistTo) await applyMigrations(d1);
  return {
    mf,
    d1,
    logs,
    fetch: (path, init) => mf.dispatchFetch(`http://orienta.test${path}`, init as never) as unknown as Promise<Response>,
    scheduled: async (cron = "* * * * *") => {
      const worker = (await mf.getWorker()) as unknown as {
        scheduled(options: { cron: string }): Promise<{ outcome: string }>;
      };
      const result = await worker.scheduled({ cron });
      if (result.outcome !== "ok") throw new Error(`scheduled handler ended with ${result.outcome}`);
    },
    dispose: () => mf.dispose(),
  };
}

/** Runs the project's wrangler (offline, no metrics) and returns its output; throws on failure. */
export function wrangler(args: string[]): string {
  const result = spawnSync(process.execPath, [resolve(ROOT, "node_modules/wrangler/bin/wrangler.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function loopbackOnly(request: Request): Promise<Response> {
  const { hostname } = new URL(request.url);
  if (hostname !== "127.0.0.1" && hostname !== "localhost") return new Response("network disabled in tests", { status: 502 });
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body });
  return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers });
}
