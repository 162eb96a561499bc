import type { ComplaintRow } from "../../db/schema";
import type { StaffUser } from "../auth/roles";
import { Layout } from "../ui/layout";
import { shortDate, type ConsoleLabels } from "../ui/labels";

export interface QueueFilters {
  status: string; // "open" | "all" | a status
  queue: string;
  program: string;
  region: string;
  overdue: boolean;
  mine: boolean;
  page: number;
}

export interface QueueView {
  user: StaffUser;
  csrf: string;
  filters: QueueFilters;
  rows: (ComplaintRow & { overdue: boolean; assigneeName: string | null })[];
  total: number;
  pageSize: number;
  options: { statuses: string[]; queues: string[]; programs: string[]; regions: { code: string; name: string }[] };
  labels: ConsoleLabels;
  canExport: boolean;
  query: string;
}

function Select(props: { id: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The queue: filters on top (a plain GET form), urgent first then soonest deadline. */
export function QueuePage(v: QueueView) {
  const { filters, labels } = v;
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  const pageLink = (page: number) => {
    const q = new URLSearchParams(v.query);
    q.set("page", String(page));
    return `/staff/complaints?${q}`;
  };
  return (
    <Layout title="Bandeja de casos" user={v.user} csrf={v.csrf} active="queue">
      <h1>Bandeja de casos</h1>
      <form class="filters" method="get" action="/staff/complaints" role="search" aria-label="Filtrar casos">
        <Select id="status" label="Estado" value={filters.status} options={[["open", "Abiertos (sin responder)"], ["all", "Todos"], ...v.options.statuses.map((s): [string, string] => [s, labels.status(s)])]} />
        <Select id="queue" label="Cola" value={filters.queue} options={[["", "Todas"], ...v.options.queues.map((q): [string, string] => [q, labels.queue(q)])]} />
        <Select id="program" label="Programa" value={filters.program} options={[["", "Todos"], ...v.options.programs.map((p): [string, string] => [p, labels.program(p)])]} />
        <Select id="region" label="Región" value={filters.region} options={[["", "Todas"], ...v.options.regions.map((r): [string, string] => [r.code, r.name])]} />
        <div class="check">
          <input type="checkbox" id="overdue" name="overdue" value="1" checked={filters.overdue} /> <label for="overdue">Vencidos</label>
        </div>
        <div class="check">
          <input type="checkbox" id="mine" name="mine" value="1" checked={filters.mine} /> <label for="mine">Asignados a mí</label>
        </div>
        <button type="submit">Filtrar</button>
        {v.canExport && (
          <a class="button" href={`/staff/complaints.csv?${v.query}`}>
            Exportar CSV
          </a>
        )}
      </form>
      <p aria-live="polite" id="count">
        {v.total === 1 ? "1 caso" : `${v.total} casos`}
        {pages > 1 ? ` · página ${filters.page} de ${pages}` : ""}
      </p>
      {v.rows.length > 0 ? (
        <table>
          <caption>Casos ordenados por urgencia y fecha límite</caption>
          <thead>
            <tr>
              <th scope="col">Código</th>
              <th scope="col">Tipo</th>
              <th scope="col">Programa</th>
              <th scope="col">Categoría</th>
              <th scope="col">Región</th>
              <th scope="col">Cola</th>
              <th scope="col">Estado</th>
              <th scope="col">Fecha límite</th>
              <th scope="col">Asignado a</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((row) => (
              <tr>
                <td>
                  <a href={`/staff/complaints/${row.code}`}>{row.code}</a> {row.urgent && <span class="badge urgent">Urgente</span>}
                </td>
                <td>{labels.kind(row.kind)}</td>
                <td>{labels.program(row.program)}</td>
                <td>{labels.category(row.category)}</td>
                <td>{labels.region(row.region)}</td>
                <td>{labels.queue(row.queue)}</td>
                <td>{labels.status(row.status)}</td>
                <td>
                  {shortDate(row.deadline)} {row.overdue && <span class="badge overdue">Vencido</span>}
                </td>
                <td>{row.assigneeName ?? <span class="muted">Sin asignar</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="notice">No hay casos con estos filtros.</p>
      )}
      {pages > 1 && (
        <nav aria-label="Páginas">
          <ul>
            {filters.page > 1 && (
              <li>
                <a href={pageLink(filters.page - 1)}>Anterior</a>
              </li>
            )}
            {filters.page < pages && (
              <li>
                <a href={pageLink(filters.page + 1)}>Siguiente</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
