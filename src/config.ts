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
  // PBKDF2-SHA256 work factor for staff passwords (Cloudflare Workers accept at most 100000)
  STAFF_PASSWORD_ITERATIONS: z.coerce.number().int().min(10_000).max(5_000_000).default(600_000),
  // console sessions: idle minutes before sign-out, and the absolute limit in hours
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
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
  staff: { passwordIterations: number; sessionIdleMs: number; sessionMaxMs: number; secureCookies: boolean };
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
      staff: {
        passwordIterations: env.STAFF_PASSWORD_ITERATIONS,
        sessionIdleMs: env.STAFF_SESSION_IDLE_MINUTES * 60_000,
        sessionMaxMs: env.STAFF_SESSION_MAX_HOURS * 3_600_000,
        // production is served over HTTPS; local development over plain http://127.0.0.1
        secureCookies: env.NODE_ENV === "production",
      },
    },
    defaulted,
  };
}
