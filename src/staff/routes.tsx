import { Hono } from "hono";
import { CONSOLE_CSS } from "./ui/console-css";
import { csrfProtection, loadSession, requireRole, securityHeaders } from "./http/middleware";
import { authRoutes } from "./http/auth-routes";
import type { StaffEnv } from "./http/env";
import type { StaffDeps } from "./http/deps";
import { QUALITY_ROLES } from "./auth/roles";
import { queueRoutes } from "./http/queue-routes";
import { complaintRoutes } from "./http/complaint-routes";
import { dashboardRoutes } from "./http/dashboard-routes";
import { insightRoutes } from "./http/insight-routes";
import { helpdeskLabels, helpdeskRoutes } from "./http/helpdesk-routes";
import { HelpdeskHomePage } from "./pages/helpdesk-pages";
import { accountsRoutes } from "./http/accounts-routes";
import { broadcastRoutes } from "./http/broadcast-routes";
import { noticesRoutes } from "./http/notices-routes";
import { voiceRoutes } from "./http/voice-routes";

/** The staff console under /staff: server-rendered pages, no script, one stylesheet. */
export function staffRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const settings = { idleMs: deps.config.staff.sessionIdleMs, maxMs: deps.config.staff.sessionMaxMs };
  app.use(securityHeaders);
  app.get("/assets/console.css", (c) => c.body(CONSOLE_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }));
  app.use(loadSession(deps.db, deps.now, settings));
  app.use(csrfProtection());
  app.route("/", authRoutes(deps));

  app.get("/", requireRole(deps.db, deps.now, ...QUALITY_ROLES, "helpdesk", "voice_editor"), (c) => {
    const user = c.get("staff")!;
    if (user.role === "voice_editor") return c.redirect("/staff/voice", 303);
    if (user.role === "helpdesk") return c.html(<HelpdeskHomePage user={user} csrf={c.get("session")?.csrfToken} labels={helpdeskLabels(deps)} />);
    return c.redirect("/staff/complaints", 303);
  });
  app.route("/", queueRoutes(deps));
  app.route("/", complaintRoutes(deps));
  app.route("/", dashboardRoutes(deps));
  app.route("/", insightRoutes(deps));
  app.route("/", helpdeskRoutes(deps));
  app.route("/", accountsRoutes(deps));
  app.route("/", broadcastRoutes(deps));
  app.route("/", noticesRoutes(deps));
  if (deps.voice) app.route("/", voiceRoutes({ ...deps, voice: deps.voice }));
  return app;
}
