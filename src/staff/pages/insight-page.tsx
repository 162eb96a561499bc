import { raw } from "hono/html";
import type { StaffUser } from "../auth/roles";
import type { InsightData } from "../../services/insight/build";
import { MAP_METRICS, type InsightQuery } from "../../services/insight/query";
import { PROGRAM_IDS } from "../../services/programs/catalog";
import { Layout } from "../ui/layout";
import { barsSvg, legendSvg, mapSvg, stackedSvg } from "../insight/svg";
import { insightTables, METRIC_TITLES, type ChartId, type ChartTable, type InsightLabels } from "../insight/tables";

const KIND_COLOURS: Record<string, string> = { reclamo: "#08519c", denuncia: "#a50f15", consulta: "#6baed6", sugerencia: "#74c476" };
const fmt = (v: number, digits = 1) => v.toLocaleString("es-PE", { maximumFractionDigits: digits });

/** The query string of the page with some parameters changed (links keep the filters). */
export function insightHref(path: string, q: InsightQuery, change: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string | null> = { from: q.from, to: q.to, program: q.program, map: q.metric, dept: q.district ? null : q.department, ...change };
  for (const [k, v] of Object.entries(all)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** A chart: its SVG, its numbers behind a toggle, and the CSV of those numbers. */
function Chart(props: { table: ChartTable; svg: string; query: InsightQuery; note?: string; children?: unknown }) {
  const t = props.table;
  return (
    <section class="card chart-card" aria-labelledby={`h-${t.id}`}>
      <h2 id={`h-${t.id}`}>{t.title}</h2>
      {props.note && <p class="muted">{props.note}</p>}
      {raw(props.svg)}
      {props.children}
      <details>
        <summary>Ver los datos de «{t.title}»</summary>
        <table>
          <caption>{t.title}</caption>
          <thead>
            <tr>
              {t.head.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.length === 0 ? (
              <tr>
                <td colspan={t.head.length}>Sin datos en el periodo.</td>
              </tr>
            ) : (
              t.rows.map((r) => (
                <tr>
                  {r.map((v) => (
                    <td>{typeof v === "number" ? fmt(v, 2) : v}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </details>
      <p>
        <a href={insightHref("/staff/insight.csv", props.query, { chart: t.id })} download={`${t.id}.csv`}>
          Descargar CSV de «{t.title}»
        </a>
      </p>
    </section>
  );
}

export function InsightPage(props: { user: StaffUser; csrf: string; data: InsightData; labels: InsightLabels & { placeName(code: string): string }; error?: string; notice?: string; status?: number }) {
  const d = props.data;
  const q = d.query;
  const l = props.labels;
  const tables = insightTables(d, l);
  const m = d.map;
  const digits = m.metric === "gap" ? 2 : 1;
  const valueText = (c: (typeof m.cells)[number]) =>
    c.value === null
      ? `sin datos (${c.count} / ${c.base})`
      : m.metric === "gap"
        ? `${fmt(c.value, 2)} autoevaluaciones «probablemente sí» por afiliación activa (${c.count} / ${c.base})`
        : `${fmt(c.value)} por 10 000 personas en pobreza (${c.count} ${m.metric === "complaints" ? "casos" : "secciones visitadas"})`;
  const where = m.level === "department" ? "Perú por departamento" : `${l.placeName(q.department!)} por provincia`;
  const mapSvgText = mapSvg({
    id: "map",
    title: `${METRIC_TITLES[m.metric]} — ${where}`,
    desc: `Mapa coroplético de ${m.cells.length} ${m.level === "department" ? "departamentos" : "provincias"}, ${q.from} a ${q.to}${q.program ? `, ${l.program(q.program)}` : ""}. Más oscuro: valor más alto. Los datos están en la tabla «Ver los datos».`,
    viewBox: m.viewBox,
    cells: m.cells,
    valueText,
    href: m.level === "department" && !q.district ? (code) => insightHref("/staff/insight", q, { dept: code }) : undefined,
  });
  const weeks = [...new Set(d.weekly.map((w) => w.week))].sort();
  const kinds = [...new Set(d.weekly.map((w) => w.kind))].sort();
  const chart = (id: ChartId) => tables[id];
  return (
    <Layout title="Información para decidir" user={props.user} csrf={props.csrf} active="insight">
      <h1>Información para decidir</h1>
      <p class="muted">
        Cifras anónimas: casos registrados, uso del servicio y autoevaluaciones. {q.district ? `Su cuenta ve solo el distrito ${l.district(q.district)}.` : ""}
      </p>
      {props.error && (
        <div role="alert" class="alert">
          <p>{props.error}</p>
        </div>
      )}
      {props.notice && <p role="status">{props.notice}</p>}
      <form class="filters" method="get" action="/staff/insight" aria-label="Periodo, programa y mapa">
        <div>
          <label for="from">Desde</label>
          <input type="date" id="from" name="from" value={q.from} />
        </div>
        <div>
          <label for="to">Hasta</label>
          <input type="date" id="to" name="to" value={q.to} />
        </div>
        <div>
          <label for="program">Programa</label>
          <select id="program" name="program">
            <option value="">Todos</option>
            {[...PROGRAM_IDS, "general"].map((p) => (
              <option value={p} selected={q.program === p}>
                {l.program(p)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="map">Mapa</label>
          <select id="map" name="map">
            {MAP_METRICS.map((k) => (
              <option value={k} selected={q.metric === k}>
                {{ complaints: "Casos por personas en pobreza", usage: "Uso del servicio", gap: "Brecha de cobertura (señal)" }[k]}
              </option>
            ))}
          </select>
        </div>
        {q.department && !q.district && <input type="hidden" name="dept" value={q.department} />}
        <button type="submit">Ver</button>
      </form>
      <p>
        {d.totals.complaints} casos registrados del {q.from} al {q.to}
        {q.program ? ` (${l.program(q.program)})` : ""}; {d.totals.usage} secciones visitadas ({d.totals.usageUnknownDepartment} sin departamento conocido).
      </p>

      <Chart table={chart("map")} svg={mapSvgText} query={q} note={m.note ?? undefined}>
        <div class="map-side">
          {raw(legendSvg("legend", m.cells, digits))}
          {m.level === "province" && !q.district && (
            <p>
              <a href={insightHref("/staff/insight", q, { dept: null })}>Volver al mapa del Perú</a>
            </p>
          )}
          {m.level === "department" && !q.district && <p class="muted">Elija un departamento en el mapa para ver sus provincias.</p>}
          {m.metric === "gap" && (
            <p class="muted">
              Una señal, no una medición: las autoevaluaciones son anónimas y voluntarias; una razón alta sugiere dónde mirar, no cuántas personas faltan.
            </p>
          )}
          <p class="muted">
            Personas en pobreza: población estimada 2020 × % de pobreza del mapa de pobreza del INEI, por distrito. Límites: INEI 2007 (juaneladio/peru-geojson, MPL-2.0); las provincias creadas después
            (p. ej. Putumayo) se cuentan con su departamento.
          </p>
        </div>
      </Chart>

      <Chart
        table={chart("weekly")}
        query={q}
        svg={stackedSvg({
          id: "weekly",
          title: tables.weekly.title,
          desc: `Columnas apiladas: casos registrados por semana (${weeks.length} semanas) y por tipo (${kinds.map(l.kind).join(", ")}).`,
          columns: weeks,
          series: kinds.map((k) => ({ key: k, label: l.kind(k), colour: KIND_COLOURS[k] ?? "#636363" })),
          value: (w, k) => d.weekly.find((r) => r.week === w && r.kind === k)?.n ?? 0,
        })}
      />
      <Chart
        table={chart("ontime")}
        query={q}
        svg={barsSvg({
          id: "ontime",
          title: tables.ontime.title,
          desc: "Barras: porcentaje de los casos respondidos que se respondieron dentro del plazo legal, por programa y bandeja.",
          max: 100,
          items: d.onTime.filter((r) => r.answered > 0).map((r) => ({ label: `${l.program(r.program)} · ${l.queue(r.queue)}`, value: (100 * r.onTime) / r.answered, text: `${fmt((100 * r.onTime) / r.answered)} % de ${r.answered}` })),
        })}
      />
      <Chart
        table={chart("median")}
        query={q}
        svg={barsSvg({
          id: "median",
          title: tables.median.title,
          desc: "Barras: mediana de días calendario desde el registro hasta la primera respuesta, por programa.",
          items: d.median.filter((r) => r.median !== null).map((r) => ({ label: r.program === "*" ? "Todos" : l.program(r.program), value: r.median!, text: `${fmt(r.median!)} días` })),
        })}
      />
      <div class="grid">
        <Chart
          table={chart("channel")}
          query={q}
          svg={barsSvg({ id: "channel", title: tables.channel.title, desc: "Barras: secciones visitadas por canal.", items: d.channel.map((r) => ({ label: l.channel(r.key), value: r.n, text: String(r.n) })) })}
        />
        <Chart
          table={chart("lang")}
          query={q}
          svg={barsSvg({ id: "lang", title: tables.lang.title, desc: "Barras: secciones visitadas por idioma.", items: d.lang.map((r) => ({ label: l.lang(r.key), value: r.n, text: String(r.n) })) })}
        />
      </div>
      <Chart
        table={chart("funnel")}
        query={q}
        svg={barsSvg({
          id: "funnel",
          title: tables.funnel.title,
          desc: "Barras por sección: cuántas personas entraron y cuántas completaron.",
          items: d.funnel.flatMap((f) => [
            { label: `${l.section(f.section)}: entraron`, value: f.entered, text: String(f.entered) },
            { label: `${l.section(f.section)}: completaron`, value: f.completed, text: `${f.completed}${f.entered ? ` (${fmt((100 * f.completed) / f.entered, 0)} %)` : ""}` },
          ]),
        })}
      />
      <Chart
        table={chart("gap")}
        query={q}
        note="Una señal, no una medición: autoevaluaciones anónimas «probablemente sí» del periodo frente a las afiliaciones activas del padrón cargado, por distrito (los 25 con la razón más alta)."
        svg={barsSvg({
          id: "gap",
          title: tables.gap.title,
          desc: "Barras: autoevaluaciones «probablemente sí» por afiliación activa, por distrito.",
          items: d.gap.map((g) => ({ label: l.district(g.ubigeo).split(",")[0], value: g.likely / Math.max(1, g.enrolled), text: `${g.likely} / ${g.enrolled}` })),
        })}
      />
    </Layout>
  );
}
