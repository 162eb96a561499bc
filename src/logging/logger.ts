import { scrubRecord, scrubText } from "./mask";

/** The logger every part of the app receives through deps; structured JSON, scrubbed of personal data. */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<string, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5, silent: 9 };

/**
 * A dependency-free JSON logger for runtimes without pino (Workers) and for tests that
 * capture output. `write` receives one JSON line per record.
 */
export function createJsonLogger(level = "info", write: (line: string) => void = (l) => console.log(l)): Logger {
  const min = ORDER[level] ?? 2;
  const log = (lvl: Level) => (obj: Record<string, unknown>, msg?: string) => {
    if (ORDER[lvl] < min) return;
    write(JSON.stringify({ level: lvl, time: new Date().toISOString(), ...(scrubRecord(obj) as object), msg: msg && scrubText(msg) }));
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
