import { LANGS, type Lang } from "../../../i18n/langs";
import type { Translator } from "../../../i18n/translator";

const KEYS = ["title", "subtitle", "open", "close", "log", "options", "you", "service", "input_label", "send", "loading", "retrying", "failed", "retry", "restart", "ended", "free_line"] as const;
const INPUT_KINDS = ["choice", "text", "dni", "date", "digits"] as const;

export type WidgetStrings = Record<(typeof KEYS)[number], string> & { placeholder: Record<(typeof INPUT_KINDS)[number], string> };

/** The widget's own labels (`locales/<lang>/web.json`, `widget.*`) in the three languages. */
export function widgetStrings(i18n: Translator): Record<Lang, WidgetStrings> {
  const one = (lang: Lang): WidgetStrings => ({
    ...(Object.fromEntries(KEYS.map((k) => [k, i18n.t(lang, `web:widget.${k}`)])) as Record<(typeof KEYS)[number], string>),
    placeholder: Object.fromEntries(INPUT_KINDS.map((k) => [k, i18n.t(lang, `web:widget.placeholder.${k}`)])) as WidgetStrings["placeholder"],
  });
  return Object.fromEntries(LANGS.map((l) => [l, one(l)])) as Record<Lang, WidgetStrings>;
}
