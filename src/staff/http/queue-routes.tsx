import { Hono } from "hono";
// the browser build carries its own Buffer: the Node entry needs Node's, which Workers lack
import { stringify } from "csv-stringify/browser/esm/sync";
import { COMPLAINT_STATUSES } from "../../db/schema";
import { staffRepo } from "../../db/repos/staff";
import { atomic } from "../../db/atomic";
import { isOverdue } from "../../services/complaints";
import { staffAudit } from "../audit";
import { QUALITY_ROLES } from "../auth/roles";
import { QueuePage } from "../pages/queue-page";
import { consoleLabels, limaDateTime } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { requireRole } from "./middleware";
import { filtersQuery, parseQueueFilters, toListInput } from "./queue-filters";

const PAGE_SIZE = 50;
// one export is bounded; beyond it, narrow the filters
const EXPORT_MAX = 50_000;

/** The queue (GET /staff/complaints) and its CSV export (GET /staff/complaints.csv). */
export function queueRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const labels = consoleLabels(deps.i18n, deps.districts);
  const catalog = deps.complaints.catalog;
  const queues = [...new Set(catalog.rules.map((r) => r.queue))];
  const known = { queues, programs: catalog.programs };
  const regions = deps.districts.departments().map((d) => ({ code: d.code, name: labels.region(d.code) }));

  app.get("/complaints", requireRole(deps.db, deps.now, ...QUALITY_ROLES), async (c) => {
    const user = c.get("staff")!;
    const filters = parseQueueFilters(c.req.query(), known);
    const page = await deps.complaints.list({ ...toListInput(filters, user), limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE });
    const names = await staffRepo.names(deps.db);
    const now = deps.now();
    return c.html(
      <QueuePage
        user={user}
        csrf={c.get("session")!.csrfToken}
        filters={filters}
        rows={page.rows.map((row) => ({ ...row, overdue: isOverdue(row, now), assigneeName: row.assigneeId ? (names.get(row.assigneeId) ?? "?") : null }))}
        total={page.total}
        pageSize={PAGE_SIZE}
        options={{ statuses: [...COMPLAINT_STATUSES], queues, programs: catalog.programs, regions }}
        labels={labels}
        canExport={user.role !== "quality_agent"}
        query={filtersQuery(filters)}
      />,
    );
  });

  // no reporter, no description, no contact: only what the office counts and follows up
  app.get("/complaints.csv", requireRole(deps.db, deps.now, "quality_supervisor", "admin"), async (c) => {
    const user = c.get("staff")!;
    const filters = parseQueueFilters(c.req.query(), known);
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
          limaDateTime(r.createdAt), r.answeredAt ? limaDateTime(r.answeredAt) : "", r.closedAt ? limaDateTime(r.closedAt) : "",
        ]);
      if (page.rows.length < 500) break;
    }
    const csv = stringify(records, {
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
