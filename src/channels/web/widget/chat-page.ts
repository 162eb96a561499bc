import { LANGS, type Lang } from "../../../i18n/langs";
import type { Translator } from "../../../i18n/translator";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `/chat`: the widget as a whole page (a link to share, a QR code on a municipal poster). */
export function chatPage(i18n: Translator, lang: Lang): string {
  const t = (key: string) => escape(i18n.t(lang, key));
  const others = LANGS.filter((l) => l !== lang)
    .map((l) => `<a href="/chat?lang=${l}" hreflang="${l}" lang="${l}">${escape(i18n.t(l, `common:language.${l}`))}</a>`)
    .join(" · ");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t("web:page.title")}</title>
<style>html,body{height:100%;margin:0}body{display:flex;flex-direction:column;font:16px/1.45 system-ui,sans-serif;color:#1a1a1a;max-width:44rem;margin:0 auto;padding:0 8px}
header{padding:8px 0}h1{font-size:1.3rem;margin:.25rem 0}p{margin:.25rem 0}nav a{color:#1d4f91}main{flex:1;display:flex;min-height:0;min-width:0;padding-bottom:8px}#orienta-chat{flex:1;display:flex;min-height:420px;min-width:0}#orienta-chat>div{flex:1;min-width:0}</style>
</head><body>
<header><h1>${t("web:page.title")}</h1><p>${t("web:page.intro")}</p>
<nav aria-label="${t("web:page.other_langs")}">${t("web:page.other_langs")}: ${others}</nav></header>
<main id="main"><div id="orienta-chat"></div></main>
<script src="/widget.js" data-mode="page" data-target="orienta-chat" data-lang="${lang}"></script>
</body></html>`;
}
