/** The page `npm start` points people to: what runs where. */
export function landingPage(): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MIDIS Orienta</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}code{background:#f2f2f2;padding:0 .25rem;overflow-wrap:anywhere}</style>
</head><body>
<h1>MIDIS Orienta</h1>
<p>Información, orientación, pagos y reclamos de los programas sociales del MIDIS, en español, quechua y aymara.</p>
<p><a href="/chat">Abrir el chat de MIDIS Orienta</a> (<a href="/chat?lang=qu" hreflang="qu" lang="qu">runasimipi</a>, <a href="/chat?lang=ay" hreflang="ay" lang="ay">aymar arun</a>)</p>
<h2>Canales</h2>
<ul>
<li>Chat web: <a href="/chat">/chat</a>; en cualquier página, una línea: <code>&lt;script src="https://SU-SERVIDOR/widget.js" data-lang="es" data-color="#0b5394"&gt;&lt;/script&gt;</code> (API: <code>POST /api/v1/chat</code>)</li>
<li>USSD: <code>POST /channels/ussd</code> (pruebe con <code>npm run ussd</code>)</li>
<li>Datos abiertos: lo que el servicio escucha, por mes, departamento, programa, canal e idioma: <a href="/datos">/datos</a> (CSV: <a href="/datos.csv">/datos.csv</a>)</li>
<li>Salud del servicio: <a href="/healthz">/healthz</a></li>
</ul>
<p>Consultas gratuitas: Línea 101.</p>
</body></html>`;
}
