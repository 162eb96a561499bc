import type { OpenTable } from "../services/insight/open-data";

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
const HEADS: Record<string, string> = { mes: "Mes", departamento: "Departamento (INEI)", programa: "Programa", tipo: "Tipo", categoria: "Categoría", canal: "Canal", idioma: "Idioma", casos: "Casos", seccion: "Sección", visitas: "Visitas" };

function table(caption: string, t: OpenTable, limit: number): string {
  const shown = t.rows.slice(-limit);
  const head = t.columns.map((c) => `<th scope="col">${esc(HEADS[c] ?? c)}</th>`).join("");
  const body = shown.length ? shown.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join("")}</tr>`).join("") : `<tr><td colspan="${t.columns.length}">Sin datos en el periodo.</td></tr>`;
  const more = t.rows.length > shown.length ? `<p>Se muestran las últimas ${shown.length} de ${t.rows.length} filas; el CSV las tiene todas.</p>` : "";
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

/** The public open-data page (no script; the landing page links here). */
export function openDataPage(p: { error?: string; months?: { from: string; to: string }; data?: { complaints: OpenTable; usage: OpenTable }; smallCell?: number }): string {
  const q = p.months ? `desde=${p.months.from}&amp;hasta=${p.months.to}` : "";
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Datos abiertos · MIDIS Orienta</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}caption{text-align:left;font-weight:600}.alert{border-left:4px solid #8a1111;background:#fbeaea;padding:.5rem .75rem}label{margin-right:.5rem}</style>
</head><body>
<main>
<h1>Datos abiertos de MIDIS Orienta</h1>
<p>Lo que el servicio escucha: casos (reclamos, denuncias, consultas y sugerencias) y uso del servicio, por mes, departamento, programa, tipo, categoría, canal e idioma. Solo conteos y códigos, sin textos ni datos de personas. Toda cifra menor que ${p.smallCell ?? 5} se publica como «&lt;${p.smallCell ?? 5}», para que nadie pueda ser identificado.</p>
${p.error ? `<div role="alert" class="alert"><p>${esc(p.error)}</p></div>` : ""}
<form method="get" action="/datos"><label for="desde">Desde (mes)</label><input type="month" id="desde" name="desde" value="${esc(p.months?.from ?? "")}"> <label for="hasta">hasta</label><input type="month" id="hasta" name="hasta" value="${esc(p.months?.to ?? "")}"> <button type="submit">Ver</button></form>
${
  p.data
    ? `<p>Descargar: <a href="/datos.csv?${q}">casos (CSV)</a> · <a href="/datos.csv?${q}&amp;tabla=uso">uso del servicio (CSV)</a>. Departamento: código INEI de 2 dígitos (el del distrito del caso; en el uso, el del último distrito que la persona dio, o «desconocido»).</p>
${table(`Casos registrados por mes, ${p.months!.from} a ${p.months!.to}`, p.data.complaints, 500)}
${table(`Uso del servicio (secciones visitadas) por mes, ${p.months!.from} a ${p.months!.to}`, p.data.usage, 500)}`
    : ""
}
<p><a href="/">Inicio</a></p>
</main>
</body></html>`;
}
