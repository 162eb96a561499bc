import type { Reply } from "../../engine/types";
import type { Translator } from "../../i18n/translator";

/** Operators cut USSD screens at 182 characters; we count the whole body, `CON `/`END ` included. */
export const USSD_SCREEN_LIMIT = 182;

/** Renders a neutral reply as one USSD screen: text, numbered options, then the navigation line. */
export function renderUssdScreen(reply: Reply, i18n: Translator, limit = USSD_SCREEN_LIMIT): { body: string; truncated: boolean } {
  const t = (key: string, params?: Record<string, string | number>) => i18n.t(reply.lang, key, params);
  const prefix = reply.end ? "END " : "CON ";
  const text = reply.messages.map((m) => t(m.key, m.params)).join("\n");
  const tail: string[] = reply.options.map((o) => `${o.id} ${t(o.label.key, o.label.params)}`);
  const nav = [
    reply.nav.more ? `98 ${t("common:nav.more")}` : null,
    reply.nav.back ? `0 ${t("common:nav.back")}` : null,
    reply.nav.home ? `00 ${t("common:nav.home")}` : null,
  ].filter(Boolean);
  if (nav.length) tail.push(nav.join(" "));
  const tailText = tail.join("\n");
  const full = prefix + text + (tailText ? "\n" + tailText : "");
  if (full.length <= limit) return { body: full, truncated: false };
  // Too long (a long parameter, an untested translation): keep the options usable, cut the text.
  const room = Math.max(0, limit - prefix.length - (tailText ? tailText.length + 1 : 0) - 1);
  return { body: prefix + text.slice(0, room) + "…" + (tailText ? "\n" + tailText : ""), truncated: true };
}
