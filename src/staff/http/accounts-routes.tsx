import { Hono, type Context } from "hono";
import { asc } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import { staffRepo } from "../../db/repos/staff";
import { staffUsers } from "../../db/schema";
import { staffAudit } from "../audit";
import { AccountsPage } from "../pages/accounts-page";
import type { StaffDeps } from "./deps";
import { clearAccountPairs, lockedPairs } from "../auth/login-failures";
import type { StaffEnv } from "./env";
import { errorPage, requireRole } from "./middleware";

const NOTICES: Record<string, string> = { unlock: "Cuenta desbloqueada.", disable: "Cuenta desactivada y sus sesiones cerradas.", enable: "Cuenta activada." };

/** GET /staff/accounts and its switches: admins only, every change audited. */
export function accountsRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const guard = requireRole(deps.db, deps.now, "admin");

  app.get("/accounts", guard, async (c) => {
    const accounts = await deps.db
      .select({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name, role: staffUsers.role, district: staffUsers.district, lastLoginAt: staffUsers.lastLoginAt, lockedUntil: staffUsers.lockedUntil, disabled: staffUsers.disabled })
      .from(staffUsers)
      .orderBy(asc(staffUsers.name))
      .all();
    const now = deps.now();
    const pairLocks = new Map((await lockedPairs(deps.db, now)).map((p) => [p.userId, { until: p.until, addresses: p.addresses }]));
    const rows = accounts.map((a) => ({ ...a, pairLock: pairLocks.get(a.id) }));
    return c.html(<AccountsPage user={c.get("staff")!} csrf={c.get("session")!.csrfToken} accounts={rows} now={now} notice={NOTICES[c.req.query("done") ?? ""]} />);
  });

  const change = (what: "unlock" | "disable" | "enable") => async (c: Context<StaffEnv>) => {
    const admin = c.get("staff")!;
    const id = c.req.param("id") ?? "";
    const target = await staffRepo.findById(deps.db, id);
    if (!target) return errorPage(c, 404, "Cuenta no encontrada", "Esa cuenta no existe.");
    if (target.id === admin.id && what !== "unlock") return errorPage(c, 400, "No permitido", "No puede desactivar su propia cuenta.");
    const now = deps.now();
    const set = what === "unlock" ? { lockedUntil: null, failedLogins: 0 } : { disabled: what === "disable" };
    await atomic(deps.db, [
      staffRepo.update(deps.db, id, { ...set, updatedAt: now }),
      ...(what === "disable" ? [staffRepo.deleteUserSessions(deps.db, id)] : []),
      // an unlock lifts the per-address locks as well as the account's
      ...(what === "unlock" ? [clearAccountPairs(deps.db, id)] : []),
      staffAudit(deps.db, { staffId: admin.id, action: `staff.user.${what}`, subject: `staff:${id}` }, now),
    ] as never);
    return c.redirect(`/staff/accounts?done=${what}`, 303);
  };
  app.post("/accounts/:id/unlock", guard, change("unlock"));
  app.post("/accounts/:id/disable", guard, change("disable"));
  app.post("/accounts/:id/enable", guard, change("enable"));
  return app;
}
