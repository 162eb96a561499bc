import type { Message, Reply } from "../../domain/messages";
import { capSegments, foldToGsm7, type CappedText } from "../../i18n/gsm7";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";

/** Locale messages as SMS text, one per line. */
export function renderSmsMessages(lang: Lang, messages: Message[], i18n: Translator): string {
  return messages.map((m) => i18n.t(lang, m.key, m.params)).join("\n");
}

/** The engine's neutral reply as SMS text: text, numbered options, then the navigation line. */
export function renderSmsReply(reply: Reply, i18n: Translator): string {
  const t = (key: string) => i18n.t(reply.lang, key);
  const lines = [renderSmsMessages(reply.lang, reply.messages, i18n)];
  for (const o of reply.options) lines.push(`${o.id} ${i18n.t(reply.lang, o.label.key, o.label.params)}`);
  const nav = [
    reply.nav.more ? `98 ${t("common:nav.more")}` : null,
    reply.nav.back ? `0 ${t("common:nav.back")}` : null,
    reply.nav.home ? `00 ${t("common:nav.home")}` : null,
  ].filter(Boolean);
  if (nav.length) lines.push(nav.join(" "));
  return lines.filter((l) => l !== "").join("\n");
}

/**
 * Folds to GSM-7 and caps at `maxSegments`; what does not fit is returned as `rest`, for "MAS".
 * The hint is folded too, so it never turns the message into UCS-2.
 */
export function shapeSms(text: string, lang: Lang, maxSegments: number, i18n: Translator): CappedText {
  return capSegments(foldToGsm7(text), maxSegments, foldToGsm7(i18n.t(lang, "sms:more")));
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** TwiML: one `<Message>` with the (escaped) text, or an empty `<Response/>` when there is nothing to say. */
export function twiml(text: string | null): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (text === null || text === "") return `${head}<Response/>`;
  return `${head}<Response><Message>${text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c])}</Message></Response>`;
}
