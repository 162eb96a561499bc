import { createApp, createContext, type AppDeps } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openNodeDatabase } from "../../src/db/node";
import { createJsonLogger, silentLogger, type Logger } from "../../src/logging/logger";

/** A clock tests can move. */
export function testClock(start = Date.parse("2026-11-23T15:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (t: number) => (now = t) };
}

/** A fresh app over an in-memory SQLite with all migrations applied. */
export function makeTestApp(overrides: Partial<AppDeps> & { env?: Record<string, string> } = {}) {
  const database = openNodeDatabase(":memory:");
  const { config } = loadConfig({ NODE_ENV: "test", ...(overrides.env ?? {}) });
  const clock = testClock();
  const logs: string[] = [];
  const logger: Logger = overrides.logger ?? createJsonLogger("debug", (line) => logs.push(line));
  const deps: AppDeps = { db: database.db, config, logger, now: clock.now, ...overrides };
  const app = createApp(deps);
  return { app, deps, clock, logs, database, ctx: () => createContext(deps) };
}

export { silentLogger };
