// Node-only: pino, with every record scrubbed of DNIs and phone numbers before it is written.
import pino from "pino";
import { scrubRecord, scrubText } from "./mask";
import type { Logger } from "./logger";

export function createPinoLogger(level: string, destination?: pino.DestinationStream): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => scrubRecord(obj) as Record<string, unknown>,
      },
    },
    destination,
  );
  const wrap = (fn: pino.LogFn) => (obj: Record<string, unknown>, msg?: string) => fn.call(base, obj, msg === undefined ? undefined : scrubText(msg));
  return { debug: wrap(base.debug), info: wrap(base.info), warn: wrap(base.warn), error: wrap(base.error) };
}
