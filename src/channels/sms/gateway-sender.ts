import type { OutboundMessage, Sender } from "../../services/outbox/types";
import type { SmsGateway } from "../../services/sms/store";
import { telUrn, toE164 } from "../shared/phone";

export type { SmsGateway };

/**
 * The outbox's one `sms` sender when more than one SMS provider is configured: a message goes out
 * through the provider the number last wrote to us by (Africa's Talking for a number that texted
 * AT's shortcode), else Twilio, else Africa's Talking. A number that never texted (a help-desk
 * receipt, a notice to a USSD caller) goes by the first configured one in that order.
 */
export function createSmsGatewaySender(deps: {
  twilio: Sender | null;
  africastalking: Sender | null;
  /** the gateway the number's last inbound SMS came by (null: none yet) */
  gatewayOf(urn: string): Promise<SmsGateway | null>;
}): Sender {
  const fallback = (deps.twilio ?? deps.africastalking)!;
  return {
    channel: "sms",
    async send(message: OutboundMessage) {
      const to = toE164(message.address.replace(/^tel:/, ""));
      const came = to ? await deps.gatewayOf(telUrn(to)) : null;
      const sender = came === "africastalking" && deps.africastalking ? deps.africastalking : came === "twilio" && deps.twilio ? deps.twilio : fallback;
      return sender.send(message);
    },
  };
}
