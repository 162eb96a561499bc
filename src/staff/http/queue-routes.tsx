import { Hono, type Context } from "hono";
// the browser build carries its own Buffer: the Node entry needs Node's, which Workers lack
import { stringify } from "csv-stringify/browser/esm/sync";
import { COMPLAINT_STATUSES } from "../../db/schema";
import { staffRepo } from "../../db/repos/staff";
import { atomic } from "../../db/atomic";
import { daysUntilDeadline, isOverdue, OPEN_STATUSES, parseSearch, SEARCH_MAX_CHARS, SearchTooLongError, type SearchTerms } from "../../services/complaints";
import { staffAudit } from "../audit";
import { QUALITY_ROLES } from "../auth/roles";
import { QueuePage } from "../pages/queue-page";
import { consoleLabels, limaIsoDateTime } from "../ui/labels";
import { bulkRoutes, BULK_STATUSES } from "./bulk-routes";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { requireRole } from "./middleware";
import { auditComplaintSearch } from "./search-audit";
import { filtersQuery, parseQueueFilters, toListInput } from "./queue-filters";
import { inertCell } from "../../csv/inert";

const PAGE_SIZE = 50;
// one export is bounded; beyond it, narrow the filters
const EXPORT_MAX = 50_000;

const BULK_NOTICES: Record<string, string> = {
  assigned: "Casos asignados.",
  status: "Estado cambiado en los casos elegidos.",
};

/** The queue (GET /staff/complaints) with its search, bulk actions and CSV export. */
export function queueRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const labels = consoleLabels(deps.i18n, deps.districts);
  const catalog = deps.complaints.catalog;
  const queues = [...new Set(catalog.rules.map((r) => r.queue))];
  const known = { queues, programs: catalog.programs };
  const regions = deps.districts.departments().map((d) => ({ code: d.code, name: labels.region(d.code) }));

  /** The queue page; `extra.query` replaces the request's query (a refused bulk action shows the queue it came from). */
  async function renderQueue(c: Context<StaffEnv>, extra: { error?: string; notice?: string; query?: Record<string, string> } = {}, status: 200 | 400 | 403 | 409 = 200) {
    const user = c.get("staff")!;
    const filters = parseQueueFilters(extra.query ?? c.req.query(), known);
    let terms: SearchTerms | null = null;
    let error = extra.error;
    try {
      terms = parseSearch(filters.q);
    } catch (e) {
      if (!(e instanceof SearchTooLongError)) throw e;
      error = `La búsqueda es demasiado larga (máximo ${SEARCH_MAX_CHARS} caracteres). Escriba un código, un DNI, un celular o parte de un nombre.`;
      filters.q = filters.q.slice(0, SEARCH_MAX_CHARS);
      status = 400;
    }
    const tooLong = status === 400 && !extra.error;
    const page = tooLong ? { rows: [], total: 0 } : await deps.complaints.list({ ...toListInput(filters, user, terms), limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE });
    if (terms && !tooLong) await auditComplaintSearch(deps, user, terms, page.total > 0, { matches: page.total });
    const names = await staffRepo.names(deps.db);
    const now = deps.now();
    const supervisor = user.role === "quality_supervisor";
    return c.html(
      <QueuePage
        user={user}
        csrf={c.get("session")!.csrfToken}
        filters={filters}
        rows={page.rows.map((row) => ({
          ...row,
          overdue: isOverdue(row, now),
          daysLeft: OPEN_STATUSES.includes(row.status) ? daysUntilDeadline(row, now) : null,
          assigneeName: row.assigneeId ? (names.get(row.assigneeId) ?? "?") : null,
        }))}
        total={page.total}
        pageSize={PAGE_SIZE}
        options={{ statuses: [...COMPLAINT_STATUSES], queues, programs: catalog.programs, regions }}
        labels={labels}
        canExport={user.role !== "quality_agent"}
        query={filtersQuery(filters)}
        bulk={supervisor ? { assignable: await staffRepo.assignable(deps.db), statuses: BULK_STATUSES } : null}
        error={error}
        notice={extra.notice ?? BULK_NOTICES[c.req.query("done") ?? ""]}
      />,
      status,
    );
  }

  app.get("/complaints", requireRole(deps.db, deps.now, ...QUALITY_ROLES), (c) => renderQueue(c));
  app.route("/", bulkRoutes(deps, renderQueue));

  // no reporter, no description, no contact: only what the office counts and follows up; the
  // search box is not applied (an export is by filters, and the audit must not hold a name)
  app.get("/complaints.csv", requireRole(deps.db, deps.now, "quality_supervisor", "admin"), async (c) => {
    const user = c.get("staff")!;
    const filters = { ...parseQueueFilters(c.req.query(), known), q: "" };
    const input = toListInput(filters, user);
    const names = await staffRepo.names(deps.db);
    const now = deps.now();
    const records: (string | number)[][] = [];
    for (let offset = 0; offset < EXPORT_MAX; offset += 500) {
      const page = await deps.complaints.list({ ...input, limit: 500, offset });
      for (const r of page.rows)
        records.push([
          r.code, r.kind, r.urgent ? "si" : "no", r.program, r.category, r.ubigeo, labels.region(r.region), r.queue, r.priority, r.status,
          r.deadline, isOverdue(r, now) ? "si" : "no", r.channel, r.lang, r.assigneeId ? (names.get(r.assigneeId) ?? "") : "",
          limaIsoDateTime(r.createdAt), r.answeredAt ? limaIsoDateTime(r.answeredAt) : "", r.closedAt ? limaIsoDateTime(r.closedAt) : "",
        ]);
      if (page.rows.length < 500) break;
    }
    // a staff name like "=HYPERLINK(…)" must not run when the file is opened in Excel
    const csv = stringify(records.map((r) => r.map((v) => (typeof v === "string" ? inertCell(v) : v))), {
      bom: true, // Excel opens UTF-8 (tildes, ñ) correctly only with a BOM
      header: true,
      columns: ["codigo", "tipo", "urgente", "programa", "categoria", "ubigeo", "region", "cola", "prioridad", "estado", "fecha_limite", "vencido", "canal", "idioma", "asignado_a", "registrado", "respondido", "cerrado"],
    });
    await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: "complaint.export", subject: "complaints.csv", detail: { filters: filtersQuery(filters), rows: records.length } }, now)]);
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="casos-${new Date(now).toISOString().slice(0, 10)}.csv"`,
    });
  });
  return app;
}
