import type { Logger } from "../../logging/logger";
import type { Sender } from "./types";

/**
 * Stands in for a channel whose provider is not configured: the message is recorded as handed
 * to a log, not delivered, and says so (`providerId` = "log-only"). Never used when a real
 * provider is configured.
 */
export function createLoggingSender(channel: string, logger: Logger): Sender {
  return {
    channel,
    async send(message) {
      logger.warn({ channel, outboxId: message.id, ref: message.ref, keys: message.body.map((m) => m.key) }, "no provider configured: message logged, not delivered");
      return { ok: true, providerId: "log-only" };
    },
  };
}
