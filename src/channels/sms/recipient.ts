import type { OutboundMessage, SendResult } from "../../services/outbox/types";
import { telUrn, toE164 } from "../shared/phone";

// the one message an opted-out number still receives: the confirmation of its BAJA
const OPT_OUT_CONFIRMATION = "sms:optout";

/**
 * Where an outbox SMS goes, for every SMS provider: the E.164 number and its urn, or why it must
 * not go (no valid number; the person left with BAJA — only that BAJA's confirmation still goes).
 */
export async function smsRecipient(message: OutboundMessage, isOptedOut: (urn: string) => Promise<boolean>): Promise<{ to: string; urn: string } | { refused: SendResult }> {
  const to = toE164(message.address.replace(/^tel:/, ""));
  if (!to) return { refused: { ok: false, retryable: false, error: "not a valid phone number" } };
  const urn = telUrn(to);
  const isConfirmation = message.body.some((m) => m.key === OPT_OUT_CONFIRMATION);
  if (!isConfirmation && (await isOptedOut(urn))) return { refused: { ok: false, retryable: false, error: "recipient opted out (BAJA)" } };
  return { to, urn };
}
