import type { Reply } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";

/** The reply as the web chat contract states it. */
export interface WebReply {
  text: string;
  options: { id: string; label: string }[];
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
  const options = reply.options.map((o) => ({ id: o.id, label: t(reply.lang, o.label.key, o.label.params) }));
  if (reply.nav.more) options.push({ id: "98", label: t(reply.lang, "common:nav.more") });
  if (reply.nav.back) options.push({ id: "0", label: t(reply.lang, "common:nav.back") });
  if (reply.nav.home) options.push({ id: "00", label: t(reply.lang, "common:nav.home") });
  return {
    text: reply.messages.map((m) => t(reply.lang, m.key, m.params)).join("\n\n"),
    options,
    input: reply.end || reply.input === "choice" ? null : reply.input,
    end: reply.end,
  };
}
