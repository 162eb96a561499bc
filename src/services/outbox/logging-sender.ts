import type { Logger } from "../../logging/logger";
import type { Sender } from "./types";

/** Why a message stays unsent when its channel has no provider (outbox.last_error; the console says it). */
export const NO_PROVIDER = "no provider configured for the channel";

/**
 * Stands in for a channel whose provider is not configured: the message is logged and stored as
 * `not_sent` (never "sent": staff must not believe the person was told). Never used when a real
 * provider is configured.
 */
export function createLoggingSender(channel: string, logger: Logger): Sender {
  return {
    channel,
    async send(message) {
      logger.warn({ channel, outboxId: message.id, ref: message.ref, keys: message.body.map((m) => m.key) }, "no provider configured: message not sent");
      return { ok: false, retryable: false, notSent: true, error: `${NO_PROVIDER} (${channel})` };
    },
  };
}
