import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../auth/tokens";
import { signIn, SignInBusyError, withHashSlot } from "../auth/sign-in";
import { endSession, startSession } from "../auth/sessions";
import { atomic } from "../../db/atomic";
import { staffAudit } from "../audit";
import { LoginPage } from "../pages/login-page";
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, type StaffEnv } from "./env";
import { safeNext } from "./middleware";
import type { StaffDeps } from "./deps";
import { clientLimitKey } from "../../channels/shared/client-address";
import { createKeyedHash } from "../../services/lookups/keyed-hash";

const FAILED = "Correo o contraseña incorrectos, o cuenta bloqueada por varios intentos fallidos (espere 15 minutos).";

/** Login and logout. Cookies: HttpOnly, SameSite=Strict, path /staff, Secure in production. */
export function authRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const cookie = { httpOnly: true, sameSite: "Strict" as const, secure: deps.config.staff.secureCookies, path: "/staff" };
  // failed logins are counted per (account, client address); the table holds a keyed hash only
  const clientKey = createKeyedHash(deps.config.appSecret);
  const settings = { idleMs: deps.config.staff.sessionIdleMs, maxMs: deps.config.staff.sessionMaxMs };

  const showLogin = (c: Context<StaffEnv>, status: 200 | 401, extra: { email?: string; error?: string; notice?: string; next?: string }) => {
    // a fresh double-submit token for the login form each time it is shown
    const csrf = randomToken();
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, { ...cookie, path: "/staff/login", maxAge: 3600 });
    return c.html(<LoginPage csrf={csrf} next={safeNext(extra.next ?? c.req.query("next"))} email={extra.email} error={extra.error} notice={extra.notice} />, status);
  };

  app.get("/login", (c) => {
    if (c.get("staff")) return c.redirect(safeNext(c.req.query("next")), 303);
    return showLogin(c, 200, { notice: c.req.query("out") ? "Sesión cerrada." : undefined });
  });

  app.post("/login", async (c) => {
    const form = c.get("form");
    const email = (form.get("email") ?? "").slice(0, 200);
    const client = await clientKey(`staff-login:${clientLimitKey(c)}`);
    let result;
    try {
      result = await withHashSlot(() => signIn({ db: deps.db, now: deps.now, passwordIterations: deps.config.staff.passwordIterations }, email, (form.get("password") ?? "").slice(0, 256), client), client);
    } catch (error) {
      if (error instanceof SignInBusyError) {
        c.header("Retry-After", "2");
        return c.text("Demasiados inicios de sesión a la vez: intente de nuevo en unos segundos.", 503);
      }
      // e.g. a 600,000-iteration hash on Cloudflare Workers, whose PBKDF2 stops at 100,000
      deps.logger.error({ error }, "staff login could not verify a password hash on this runtime (see STAFF_PASSWORD_ITERATIONS)");
      return showLogin(c, 401, { email, error: FAILED, next: form.get("next") ?? undefined });
    }
    if (!result.ok) return showLogin(c, 401, { email, error: FAILED, next: form.get("next") ?? undefined });
    // a new session id at every login: a planted cookie is discarded, never promoted
    const { token } = await startSession(deps.db, result.user.id, deps.now(), settings, getCookie(c, SESSION_COOKIE));
    setCookie(c, SESSION_COOKIE, token, { ...cookie, maxAge: Math.floor(settings.maxMs / 1000) });
    deleteCookie(c, LOGIN_CSRF_COOKIE, { ...cookie, path: "/staff/login" });
    return c.redirect(safeNext(form.get("next")), 303);
  });

  app.post("/logout", async (c) => {
    const user = c.get("staff");
    await endSession(deps.db, getCookie(c, SESSION_COOKIE));
    if (user) await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: "staff.logout" }, deps.now())]);
    deleteCookie(c, SESSION_COOKIE, cookie);
    return c.redirect("/staff/login?out=1", 303);
  });
  return app;
}
