import { Hono } from "hono";
import { noticesByDay } from "../../db/repos/notice-stats";
import { NoticesPage } from "../pages/notices-page";
import { consoleLabels } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { requireRole } from "./middleware";

/** GET /staff/notices?days=N (supervisor, admin): counts only, no person and no number. */
export function noticesRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const labels = consoleLabels(deps.i18n, deps.districts);
  app.get("/notices", requireRole(deps.db, deps.now, "quality_supervisor", "admin"), async (c) => {
    const days = Math.min(90, Math.max(1, Number.parseInt(c.req.query("days") ?? "14", 10) || 14));
    const rows = await noticesByDay(deps.db, deps.now() - days * 86_400_000);
    return c.html(<NoticesPage user={c.get("staff")!} csrf={c.get("session")?.csrfToken} rows={rows} days={days} program={labels.program} />);
  });
  return app;
}
