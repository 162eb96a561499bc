import type { ComplaintRow } from "../../db/schema";
import type { StaffUser } from "../auth/roles";
import { CsrfField, Layout } from "../ui/layout";
import { CHANNEL_NAMES } from "../ui/channel-names";
import { shortDate, type ConsoleLabels } from "../ui/labels";
import { DueBadge } from "../ui/due-badge";
import { Flash } from "../ui/flash";

export interface QueueFilters {
  status: string; // "open" | "all" | a status
  queue: string;
  program: string;
  region: string;
  overdue: boolean;
  /** "vence en ≤ N días"; null: any deadline */
  due: number | null;
  mine: boolean;
  /** the search box as typed */
  q: string;
  page: number;
}

export interface QueueRow extends ComplaintRow {
  overdue: boolean;
  /** calendar days to the deadline (open cases); negative when overdue */
  daysLeft: number | null;
  assigneeName: string | null;
}

export interface QueueView {
  user: StaffUser;
  csrf: string;
  filters: QueueFilters;
  rows: QueueRow[];
  total: number;
  pageSize: number;
  options: { statuses: string[]; queues: string[]; programs: string[]; regions: { code: string; name: string }[] };
  labels: ConsoleLabels;
  canExport: boolean;
  query: string;
  /** supervisors: checkboxes and the bulk actions (assignees, and the statuses a bulk change may set) */
  bulk: { assignable: { id: string; name: string }[]; statuses: string[] } | null;
  error?: string;
  notice?: string;
}

const EXCERPT = 90;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text);

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

const DUE_CHOICES: [string, string][] = [
  ["", "Cualquier fecha"],
  ["0", "Vence hoy o antes"],
  ["3", "Vence en ≤ 3 días"],
  ["7", "Vence en ≤ 7 días"],
  ["14", "Vence en ≤ 14 días"],
];

/** The queue: search and filters on top (a plain GET form), urgent first then soonest deadline. */
export function QueuePage(v: QueueView) {
  const { filters, labels } = v;
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  const pageLink = (page: number) => {
    const q = new URLSearchParams(v.query);
    q.set("page", String(page));
    return `/staff/complaints?${q}`;
  };
  // the case page keeps the queue's filters for its next/previous links
  const caseLink = (code: string) => `/staff/complaints/${code}?${new URLSearchParams({ nav: v.query })}`;
  const first = v.total === 0 ? 0 : (filters.page - 1) * v.pageSize + 1;
  const last = Math.min(filters.page * v.pageSize, v.total);
  const dueChoices = filters.due !== null && !DUE_CHOICES.some(([d]) => d === String(filters.due)) ? [...DUE_CHOICES, [String(filters.due), `Vence en ≤ ${filters.due} días`] as [string, string]] : DUE_CHOICES;
  const table = (
    <table>
      <caption>Casos ordenados por urgencia y fecha límite</caption>
      <thead>
        <tr>
          {v.bulk && (
            <th scope="col">
              <span class="visually-hidden">Elegir</span>
            </th>
          )}
          <th scope="col">Código</th>
          <th scope="col">Tipo</th>
          <th scope="col">Programa y categoría</th>
          <th scope="col">Canal</th>
          <th scope="col">Descripción</th>
          <th scope="col">Región</th>
          <th scope="col">Estado</th>
          <th scope="col">Fecha límite</th>
          <th scope="col">Asignado a</th>
        </tr>
      </thead>
      <tbody>
        {v.rows.map((row) => (
          <tr>
            {v.bulk && (
              <td>
                <input type="checkbox" name="code" value={row.code} id={`pick-${row.code}`} aria-label={`Elegir ${row.code}`} />
              </td>
            )}
            <td>
              <a href={caseLink(row.code)}>{row.code}</a> {row.urgent && <span class="badge urgent">Urgente</span>}
            </td>
            <td>{labels.kind(row.kind)}</td>
            <td>
              {labels.program(row.program)}
              <div class="muted">{labels.category(row.category)}</div>
            </td>
            <td>{CHANNEL_NAMES[row.channel] ?? row.channel}</td>
            <td class="excerpt">{excerpt(row.description)}</td>
            <td>{labels.region(row.region)}</td>
            <td>{labels.status(row.status)}</td>
            <td>
              {shortDate(row.deadline)} <DueBadge daysLeft={row.daysLeft} />
            </td>
            <td>{row.assigneeName ?? <span class="muted">Sin asignar</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Layout title="Bandeja de casos" user={v.user} csrf={v.csrf} active="queue" search={filters.q}>
      <h1>Bandeja de casos</h1>
      <Flash error={v.error} notice={v.notice} errorId="queue-error" />
      <form class="filters" method="get" action="/staff/complaints" aria-label="Filtrar casos">
        <div>
          <label for="q">Buscar (código, DNI, celular o nombre)</label>
          <input id="q" name="q" type="search" value={filters.q} maxlength={500} autocomplete="off" />
        </div>
        <Select id="status" label="Estado" value={filters.status} options={[["open", "Abiertos (sin responder)"], ["all", "Todos"], ...v.options.statuses.map((s): [string, string] => [s, labels.status(s)])]} />
        <Select id="queue" label="Cola" value={filters.queue} options={[["", "Todas"], ...v.options.queues.map((q): [string, string] => [q, labels.queue(q)])]} />
        <Select id="program" label="Programa" value={filters.program} options={[["", "Todos"], ...v.options.programs.map((p): [string, string] => [p, labels.program(p)])]} />
        <Select id="region" label="Región" value={filters.region} options={[["", "Todas"], ...v.options.regions.map((r): [string, string] => [r.code, r.name])]} />
        <Select id="due" label="Vence" value={filters.due === null ? "" : String(filters.due)} options={dueChoices} />
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
        {v.total > 0 ? ` · ${first}–${last}` : ""} · página {filters.page} de {pages}
      </p>
      {v.rows.length === 0 ? (
        <p class="notice">{filters.q ? "Ningún caso coincide con la búsqueda (con los filtros elegidos)." : "No hay casos con estos filtros."}</p>
      ) : v.bulk ? (
        <form method="post" action="/staff/complaints/bulk" aria-label="Acciones sobre los casos elegidos">
          <CsrfField token={v.csrf} />
          <input type="hidden" name="back" value={v.query} />
          {table}
          <fieldset class="bulk">
            <legend>Con los casos elegidos</legend>
            <div class="filters">
              <div>
                <label for="bulk-assignee">Asignar a</label>
                <select id="bulk-assignee" name="assignee">
                  <option value="">Sin asignar</option>
                  {v.bulk.assignable.map((s) => (
                    <option value={s.id}>{s.name}</option>
                  ))}
                </select>
              </div>
              <button type="submit" name="action" value="assign">
                Asignar los elegidos
              </button>
              <div>
                <label for="bulk-status">Nuevo estado</label>
                <select id="bulk-status" name="to">
                  {v.bulk.statuses.map((s) => (
                    <option value={s}>{labels.status(s)}</option>
                  ))}
                </select>
              </div>
              <button type="submit" name="action" value="status">
                Cambiar estado de los elegidos
              </button>
            </div>
            <p class="muted">Si algún caso elegido no puede cambiar, no se cambia ninguno. Las respuestas a las personas se escriben caso por caso.</p>
          </fieldset>
        </form>
      ) : (
        table
      )}
      {pages > 1 && (
        <nav aria-label="Páginas">
          <ul>
            {filters.page > 1 && (
              <li>
                <a href={pageLink(filters.page - 1)} rel="prev">
                  Anterior
                </a>
              </li>
            )}
            {filters.page < pages && (
              <li>
                <a href={pageLink(filters.page + 1)} rel="next">
                  Siguiente
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
