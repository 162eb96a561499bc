import type { Message } from "../../domain/messages";
import { paymentPages } from "../../engine/flows/lookup-pages";
import type { LookupService } from "../lookups/types";

/**
 * PAGO <DNI> <DDMMAAAA>: the same identity check as the menus (one answer for an unknown DNI and
 * a wrong date, lockout, audit by keyed hash), then the person's own payments, with their masked
 * name first. The phone number is the client the check slows down after failures.
 */
export async function paymentsMessages(
  deps: { lookups: Pick<LookupService, "verifyAndRead"> },
  query: { urn: string; dni: string; birthDate: string },
): Promise<Message[]> {
  const result = await deps.lookups.verifyAndRead({ dni: query.dni, birthDate: query.birthDate, channel: "sms", client: query.urn }, "payments");
  if (result.outcome === "failed") return [{ key: "lookup:failed" }, { key: "sms:usage.payments" }];
  if (result.outcome === "locked") return [{ key: "lookup:locked", params: { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) } }];
  return [{ key: "sms:payments_title", params: { name: result.maskedName } }, ...paymentPages(result.record).flat()];
}
