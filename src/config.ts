import { z } from "zod";

/**
 * Environment → typed configuration. In production a missing secret stops the start;
 * in development every default is listed so nobody is surprised by it.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./data/orienta.db"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // secret for keyed hashes of identifiers (sessions, rate limits); production must set it
  APP_SECRET: z.string().min(16).optional(),
  // minutes of silence after which a conversation on SMS/WhatsApp/web counts as idle
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  // hours during which a returning person is offered to resume where they were
  SESSION_RESUME_HOURS: z.coerce.number().int().positive().default(24),
  // load db/demo/ into an empty database on start (default: on except in production)
  DEMO_DATA: z.enum(["on", "off"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  port: number;
  host: string;
  databasePath: string;
  logLevel: Env["LOG_LEVEL"];
  appSecret: string;
  sessionIdleMs: number;
  sessionResumeMs: number;
  demoData: boolean;
}

export class ConfigError extends Error {}

const DEV_SECRET = "dev-only-secret-not-for-production";

/** Parses the environment. Returns the config and the list of defaults applied (for the start banner). */
export function loadConfig(source: Record<string, string | undefined> = process.env): {
  config: Config;
  defaulted: string[];
} {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`invalid configuration: ${fields}`);
  }
  const env = parsed.data;
  const defaulted = Object.keys(envSchema.shape).filter((k) => source[k] === undefined || source[k] === "");
  if (env.NODE_ENV === "production") {
    const missing = ["APP_SECRET"].filter((k) => !source[k]);
    if (missing.length) throw new ConfigError(`production requires: ${missing.join(", ")}`);
  }
  return {
    config: {
      env: env.NODE_ENV,
      port: env.PORT,
      host: env.HOST,
      databasePath: env.DATABASE_PATH,
      logLevel: env.LOG_LEVEL,
      appSecret: env.APP_SECRET ?? DEV_SECRET,
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionResumeMs: env.SESSION_RESUME_HOURS * 3_600_000,
      demoData: env.DEMO_DATA ? env.DEMO_DATA === "on" : env.NODE_ENV !== "production",
    },
    defaulted,
  };
}
