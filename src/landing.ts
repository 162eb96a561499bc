import { LANGS, isLang, type Lang } from "./i18n/langs";
import type { Translator } from "./i18n/translator";
import { phoneLinks } from "./channels/web/phone-links";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;overflow-wrap:anywhere}
a{color:#1d4f91}.chat{display:inline-block;margin:.5rem 0;padding:.75rem 1.25rem;background:#0b5394;color:#fff;border-radius:.5rem;text-decoration:none;font-weight:600}
nav,footer{margin-top:1.5rem;font-size:16px}`;

/** The language a page was asked in (`?lang=qu`); Spanish otherwise. */
export function pageLang(asked: string | undefined): Lang {
  return isLang(asked) ? asked : "es";
}

/**
 * `/`: the page a person reaches — the chat in their language, the free phone line as a
 * `tel:` link, other languages, open data. Nothing for developers here: that is `/desarrollo`.
 */
export function landingPage(i18n: Translator, lang: Lang = "es"): string {
  const t = (key: string) => escape(i18n.t(lang, key));
  // "Línea 101" in any language's text becomes a link to dial it
  let phone = t("web:landing.phone");
  for (const link of phoneLinks(phone)) phone = phone.replace(link.text, `<a href="${link.href}">${link.text}</a>`);
  const others = LANGS.filter((l) => l !== lang)
    .map((l) => `<a href="/?lang=${l}" hreflang="${l}" lang="${l}">${escape(i18n.t(l, `common:language.${l}`))}</a>`)
    .join(" · ");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MIDIS Orienta</title>
<style>${STYLE}</style>
</head><body>
<main>
<h1>MIDIS Orienta</h1>
<p>${t("web:page.intro")}</p>
<p><a class="chat" href="/chat?lang=${lang}">${t("web:landing.open_chat")}</a></p>
<p>${phone}</p>
</main>
<nav aria-label="${t("web:page.other_langs")}">${t("web:page.other_langs")}: ${others}</nav>
<footer><a href="/datos">${t("web:landing.open_data")}</a></footer>
</body></html>`;
}

/** `/desarrollo`: what runs where, for whoever installs or connects the service (was the landing page). */
export function developerPage(): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MIDIS Orienta · para desarrolladores</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;overflow-wrap:anywhere}code{background:#f2f2f2;padding:0 .25rem;overflow-wrap:anywhere}</style>
</head><body>
<h1>MIDIS Orienta · para desarrolladores</h1>
<p>Información, orientación, pagos y reclamos de los programas sociales del MIDIS, en español, quechua y aymara. La página para las personas es <a href="/">/</a>.</p>
<h2>Canales</h2>
<ul>
<li>Chat web: <a href="/chat">/chat</a>; en cualquier página, una línea: <code>&lt;script src="https://SU-SERVIDOR/widget.js" data-lang="es" data-color="#0b5394"&gt;&lt;/script&gt;</code> (API: <code>POST /api/v1/chat</code>)</li>
<li>USSD: <code>POST /channels/ussd</code> (pruebe con <code>npm run ussd</code>)</li>
<li>Datos abiertos: lo que el servicio escucha, por mes, departamento, programa, canal e idioma: <a href="/datos">/datos</a> (CSV: <a href="/datos.csv">/datos.csv</a>)</li>
<li>API: <a href="/api/openapi.json">/api/openapi.json</a></li>
<li>Salud del servicio: <a href="/healthz">/healthz</a></li>
</ul>
<p>Consultas gratuitas: <a href="tel:101">Línea 101</a>.</p>
</body></html>`;
}
