import type { Reply } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";
import { phoneLinks, type PhoneLink } from "./phone-links";

/** The reply as the web chat contract states it. */
export interface WebReply {
  text: string;
  options: { id: string; label: string }[];
  /** stretches of `text` that are phone numbers ("Línea 101"), for the widget to make `tel:` links */
  links: PhoneLink[];
  /**
   * What the text box should take. The engine's "choice" maps to `null`: the person answers with
   * one of `options` (the box still accepts a typed option number or a command word).
   */
  input: null | "digits" | "dni" | "date" | "text";
  end: boolean;
}

/**
 * Renders a neutral reply for the widget: messages as paragraphs (separated by a blank line),
 * the choices as buttons, then the navigation the keypad channels show as `98/0/00` as buttons
 * too (their ids are what the engine understands).
 */
export function renderWebReply(reply: Reply, i18n: Translator): WebReply {
  const t = (lang: Lang, key: string, params?: Record<string, string | number>) => i18n.t(lang, key, params);
  // a button has one line: an option's second line (a program's outcome) follows its label
  const options = reply.options.map((o) => ({
    id: o.id,
    label: o.detail ? `${t(reply.lang, o.label.key, o.label.params)}: ${t(reply.lang, o.detail.key, o.detail.params)}` : t(reply.lang, o.label.key, o.label.params),
  }));
  if (reply.nav.more) options.push({ id: "98", label: t(reply.lang, "common:nav.more") });
  if (reply.nav.back) options.push({ id: "0", label: t(reply.lang, "common:nav.back") });
  if (reply.nav.home) options.push({ id: "00", label: t(reply.lang, "common:nav.home") });
  // paragraphs, except a list ("• Juntos: …") whose lines stay together
  const parts = reply.messages.map((m) => t(reply.lang, m.key, m.params));
  const text = parts.map((part, i) => (i === 0 ? "" : part.startsWith("• ") && parts[i - 1].startsWith("• ") ? "\n" : "\n\n") + part).join("");
  return {
    text,
    options,
    links: phoneLinks(text),
    input: reply.end || reply.input === "choice" ? null : reply.input,
    end: reply.end,
  };
}
