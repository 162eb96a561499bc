import { LANGS, type Lang } from "../../../i18n/langs";
import type { Translator } from "../../../i18n/translator";
import { phoneLinks, type PhoneLink } from "../phone-links";

const KEYS = ["title", "subtitle", "open", "close", "log", "options", "you", "service", "input_label", "send", "loading", "retrying", "failed", "retry", "restart", "ended", "free_line"] as const;
const INPUT_KINDS = ["choice", "text", "dni", "date", "digits"] as const;

export type WidgetStrings = Record<(typeof KEYS)[number], string> & {
  placeholder: Record<(typeof INPUT_KINDS)[number], string>;
  /** the phone numbers in the widget's own labels (the footer's Línea 101), as tel: links */
  phones: PhoneLink[];
};

/** The widget's own labels (`locales/<lang>/web.json`, `widget.*`) in the three languages. */
export function widgetStrings(i18n: Translator): Record<Lang, WidgetStrings> {
  const one = (lang: Lang): WidgetStrings => ({
    ...(Object.fromEntries(KEYS.map((k) => [k, i18n.t(lang, `web:widget.${k}`)])) as Record<(typeof KEYS)[number], string>),
    placeholder: Object.fromEntries(INPUT_KINDS.map((k) => [k, i18n.t(lang, `web:widget.placeholder.${k}`)])) as WidgetStrings["placeholder"],
    phones: phoneLinks(i18n.t(lang, "web:widget.free_line")),
  });
  return Object.fromEntries(LANGS.map((l) => [l, one(l)])) as Record<Lang, WidgetStrings>;
}
