import { countSegments, foldToGsm7 } from "../../i18n/gsm7";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";

/** The longest WhatsApp text message (Cloud API). */
export const WHATSAPP_MAX_CHARS = 4096;

export const BROADCAST_MESSAGE_KEY = "broadcasts:message";

/** Prices per channel, in soles, from BROADCAST_PRICE_*; null: not configured. */
export interface BroadcastPrices {
  smsSegment: number | null;
  whatsappMessage: number | null;
}

export interface TextMeasure {
  /** the message as the person reads it: the office's text with the service's closing line */
  rendered: string;
  sms: { chars: number; segments: number; encoding: "GSM-7" | "UCS-2" };
  whatsapp: { chars: number; messages: number };
}

/** What one language's text becomes on each channel: SMS folds it to GSM-7 first, as the sender does. */
export function measureBroadcastText(i18n: Translator, lang: Lang, text: string): TextMeasure {
  const rendered = i18n.t(lang, BROADCAST_MESSAGE_KEY, { text: text.trim() });
  const sms = countSegments(foldToGsm7(rendered));
  return { rendered, sms: { chars: sms.units, segments: sms.segments, encoding: sms.encoding }, whatsapp: { chars: rendered.length, messages: 1 } };
}

export interface CostEstimate {
  /** recipients per channel and language */
  recipients: { sms: number; whatsapp: number };
  /** soles per channel; null where the price is not configured */
  sms: number | null;
  whatsapp: number | null;
}

/** Recipients × segments (SMS) or messages (WhatsApp) × the configured price, per channel. */
export function estimateCost(
  prices: BroadcastPrices,
  measures: Partial<Record<Lang, TextMeasure>>,
  counts: { channel: string; lang: Lang; n: number }[],
): CostEstimate {
  let smsSegments = 0;
  let waMessages = 0;
  const recipients = { sms: 0, whatsapp: 0 };
  for (const c of counts) {
    const m = measures[c.lang];
    if (c.channel === "sms") {
      recipients.sms += c.n;
      smsSegments += c.n * (m?.sms.segments ?? 0);
    } else if (c.channel === "whatsapp") {
      recipients.whatsapp += c.n;
      waMessages += c.n * (m?.whatsapp.messages ?? 0);
    }
  }
  const money = (units: number, price: number | null) => (price === null ? null : Math.round(units * price * 100) / 100);
  return { recipients, sms: money(smsSegments, prices.smsSegment), whatsapp: money(waMessages, prices.whatsappMessage) };
}
