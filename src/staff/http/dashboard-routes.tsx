import { Hono } from "hono";
import { QUALITY_ROLES } from "../auth/roles";
import { DashboardPage } from "../pages/dashboard-page";
import { buildDashboard, periodOf } from "../stats/dashboard";
import { consoleLabels } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { requireRole } from "./middleware";
import { buildWorkload } from "../stats/workload";
import { staffRepo } from "../../db/repos/staff";
import { satisfactionBy } from "../../db/repos/satisfaction-stats";

/** GET /staff/dashboard: aggregates only, no personal data. */
export function dashboardRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const labels = consoleLabels(deps.i18n, deps.districts);
  app.get("/dashboard", requireRole(deps.db, deps.now, ...QUALITY_ROLES), async (c) => {
    const period = periodOf(c.req.query("from"), c.req.query("to"));
    const [data, workload, names, byProgram, byQueue, byAgent] = await Promise.all([
      buildDashboard(deps.db, deps.now(), period),
      buildWorkload(deps.db, deps.now()),
      staffRepo.names(deps.db),
      satisfactionBy(deps.db, "program", period),
      satisfactionBy(deps.db, "queue", period),
      satisfactionBy(deps.db, "agent", period),
    ]);
    return c.html(
      <DashboardPage
        user={c.get("staff")!}
        csrf={c.get("session")!.csrfToken}
        data={data}
        labels={labels}
        period={{ from: period.fromMonth, to: period.toMonth }}
        workload={workload}
        satisfaction={{ byProgram, byQueue, byAgent }}
        staffName={(id) => (id ? (names.get(id) ?? "persona de la consola") : "Sin asignar")}
        queueName={labels.queue}
      />,
    );
  });
  return app;
}
