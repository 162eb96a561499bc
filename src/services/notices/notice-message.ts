import type { Message } from "../../domain/messages";
import type { NoticeKind } from "../../db/schema";
import { cutBetweenWords } from "../../domain/cut-text";
import { peruDate, soles } from "../../engine/flows/lookup-pages";
import { KNOWN_REASONS } from "../../engine/flows/lookup-pages";

/**
 * The text of a payment notice as one message key with its params: the program (its name comes
 * from `programs:*` through the locale's `$t(...)`), the amount, the place and the dates; never a
 * name or a DNI. Each text ends with what to answer (PAGO: the payments, after verifying again;
 * BAJA: no more notices). test/services/notices/notice-texts.test.ts keeps every kind within two
 * GSM-7 segments in every language with the longest place this allows.
 */

/** the most of a payment point a notice repeats (the registry's text can be long) */
export const PLACE_MAX = 60;

export interface PaymentFacts {
  program: string;
  amountCents: number;
  availableFrom: string | null;
  availableUntil: string | null;
  paymentPoint: string | null;
}

export type NoticeParams = Record<string, string | number>;

/** the params stored with a payment notice (and sent with it) */
export function paymentParams(p: PaymentFacts): NoticeParams {
  return {
    program: p.program,
    amount: soles(p.amountCents),
    from: p.availableFrom ? peruDate(p.availableFrom) : "",
    until: p.availableUntil ? peruDate(p.availableUntil) : "",
    place: p.paymentPoint ? cutBetweenWords(p.paymentPoint, PLACE_MAX) : "",
  };
}

export const STATUS_NOTICE = ["suspendido", "desafiliado", "activo"] as const;

/** the params of a status_changed notice: the new status and the reason in plain words */
export function statusParams(e: { program: string; status: string; statusReason: string | null }): NoticeParams {
  const reason = (KNOWN_REASONS as readonly string[]).includes(e.statusReason ?? "") ? e.statusReason! : "other";
  return { program: e.program, status: e.status, reason };
}

/** the message a notice row is sent as */
export function noticeMessage(kind: NoticeKind, params: NoticeParams): Message {
  if (kind === "status_changed") return { key: `notices:status.${params.status}`, params };
  // a payment without a known place: the text that says where to ask
  const key = `notices:${kind}${params.place === "" ? "_noplace" : ""}`;
  return { key, params };
}
