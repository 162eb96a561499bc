import { Hono } from "hono";
import { limaDate } from "../../services/complaints/deadline";
import { buildInsight, DEPARTMENT_CODES } from "../../services/insight/build";
import { parseInsightQuery } from "../../services/insight/query";
import type { StaffRole } from "../auth/roles";
import { CHART_IDS, insightTables, toCsv, type ChartId, type InsightLabels } from "../insight/tables";
import { InsightPage } from "../pages/insight-page";
import { CHANNEL_NAMES } from "../ui/channel-names";
import { consoleLabels } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { requireRole } from "./middleware";

/** Who sees the insight page: the office's supervisors and admins; a help desk its own district's version. */
export const INSIGHT_ROLES: StaffRole[] = ["quality_supervisor", "admin", "helpdesk"];

const SECTION_NAMES: Record<string, string> = { programs: "Programas", eligibility: "¿Califico?", lookups: "Mis pagos y estado", complaints: "Reclamos", help: "Ayuda" };
const LANG_NAMES: Record<string, string> = { es: "castellano", qu: "quechua", ay: "aimara", none: "sin idioma elegido" };

/** GET /staff/insight (maps and charts) and /staff/insight.csv?chart=… (the numbers of one of them). */
export function insightRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const base = consoleLabels(deps.i18n, deps.districts);
  const labels: InsightLabels & { placeName(code: string): string } = {
    program: base.program,
    queue: base.queue,
    kind: base.kind,
    region: base.region,
    district: base.district,
    channel: (c) => CHANNEL_NAMES[c] ?? c,
    lang: (l) => LANG_NAMES[l] ?? l,
    section: (s) => SECTION_NAMES[s] ?? s,
    node: (n) => n,
    placeName: (code) => deps.districts.department(code)?.label ?? code,
  };
  // the map's departments and provinces by their accented Spanish names
  const placeLabel = (code: string) => (code.length === 2 ? deps.districts.department(code)?.label : deps.districts.province(code)?.label);
  const parse = (c: { req: { query(): Record<string, string> }; get(k: "staff"): { role: StaffRole; district: string | null } | null }) => {
    const user = c.get("staff")!;
    return parseInsightQuery(c.req.query(), { today: limaDate(deps.now()), departments: DEPARTMENT_CODES, helpdeskDistrict: user.role === "helpdesk" ? (user.district ?? "000000") : null });
  };

  app.get("/insight", requireRole(deps.db, deps.now, ...INSIGHT_ROLES), async (c) => {
    const parsed = parse(c);
    const data = await buildInsight(deps.db, parsed.query, placeLabel);
    const page = (
      <InsightPage
        user={c.get("staff")!}
        csrf={c.get("session")!.csrfToken}
        data={data}
        labels={labels}
        error={parsed.ok ? undefined : `${parsed.error} Se muestran los últimos 12 meses de todo el país.`}
        notice={parsed.ok ? parsed.notice : undefined}
      />
    );
    // a bad question is answered on the page, in Spanish, with the default figures beside it
    return c.html(page, parsed.ok ? 200 : 400);
  });

  app.get("/insight.csv", requireRole(deps.db, deps.now, ...INSIGHT_ROLES), async (c) => {
    const parsed = parse(c);
    const chart = c.req.query("chart") ?? "";
    if (!parsed.ok) return c.text(`${parsed.error}\n`, 400);
    if (!(CHART_IDS as readonly string[]).includes(chart)) return c.text(`No conocemos el gráfico «${chart.slice(0, 40)}»: ${CHART_IDS.join(", ")}.\n`, 400);
    const data = await buildInsight(deps.db, parsed.query, placeLabel);
    const table = insightTables(data, labels)[chart as ChartId];
    const q = parsed.query;
    const name = `orienta-${chart}-${q.from}-${q.to}${q.program ? `-${q.program}` : ""}${q.district ? `-${q.district}` : q.department ? `-${q.department}` : ""}.csv`;
    return c.body(toCsv(table), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` });
  });
  return app;
}
