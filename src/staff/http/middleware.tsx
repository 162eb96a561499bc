import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Db } from "../../db/client";
import { atomic } from "../../db/atomic";
import { staffAudit } from "../audit";
import { readSession, type SessionSettings } from "../auth/sessions";
import { hasRole, type StaffRole } from "../auth/roles";
import { sameToken } from "../auth/tokens";
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, SESSION_COOKIE, type StaffEnv } from "./env";
import { ErrorPage } from "../pages/error-page";

/**
 * Pages with personal data must never be cached or framed; the console needs no script at all,
 * so the policy allows none (audio of a spoken complaint plays from the console itself).
 */
/** /staff/voice: its own script file, same-origin audio and uploads; nothing inline, nothing elsewhere */
export const STUDIO_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders: MiddlewareHandler<StaffEnv> = async (c, next) => {
  await next();
  // the voice studio is the one page with a script (a served file, never inline) and audio
  const studio = c.req.path === "/staff/voice";
  c.header("Content-Security-Policy", studio ? STUDIO_CSP : "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Frame-Options", "DENY");
  if (!c.req.path.startsWith("/staff/assets/")) c.header("Cache-Control", "no-store");
};

/** Reads the session cookie (if any) into `staff` and `session`. */
export function loadSession(db: Db, now: () => number, settings: SessionSettings): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const session = await readSession(db, getCookie(c, SESSION_COOKIE), now(), settings);
    c.set("session", session);
    c.set("staff", session?.user ?? null);
    await next();
  };
}

export function errorPage(c: Context<StaffEnv>, status: 400 | 401 | 403 | 404, title: string, text: string) {
  return c.html(<ErrorPage title={title} text={text} user={c.get("staff")} csrf={c.get("session")?.csrfToken} />, status);
}

/**
 * Every state-changing request carries a CSRF token: the login form a double-submit cookie (there
 * is no session yet), every other form its session's token. Checked before any handler runs.
 */
export function csrfProtection(): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const type = c.req.header("content-type") ?? "";
    const form = type.startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
    c.set("form", form);
    // a form carries the token as a field; the voice studio's audio upload (a WAV body) as a header
    const sent = form.get(CSRF_FIELD) ?? c.req.header("x-csrf-token");
    if (c.req.path === "/staff/login") {
      if (!sameToken(sent, getCookie(c, LOGIN_CSRF_COOKIE))) return errorPage(c, 403, "Formulario vencido", "El formulario ya no es válido. Vuelva a abrir la página de ingreso e inténtelo de nuevo.");
      return next();
    }
    const session = c.get("session");
    if (!session) return errorPage(c, 401, "Sesión requerida", "Su sesión terminó. Ingrese de nuevo.");
    if (!sameToken(sent, session.csrfToken)) return errorPage(c, 403, "Formulario vencido", "El formulario no tiene un código de seguridad válido. Vuelva a la página e inténtelo de nuevo.");
    return next();
  };
}

/** A path inside the console to return to after login (never another site). */
export function safeNext(value: string | null | undefined): string {
  // a control character (CR/LF in a Location header made a 500) or a backslash: plain /staff
  // and no dot segment, written or %-encoded: "/staff/..//evil.com" resolves outside /staff
  const dots = /(^|\/)(\.|%2e){1,2}(\/|\?|$)/i;
  return value && /^\/staff(\/|$|\?)/.test(value) && !value.startsWith("//") && !/[\u0000-\u001f\u007f\\]/.test(value) && !dots.test(value) ? value : "/staff";
}

/**
 * Only these roles pass. Nobody signed in: pages redirect to the login, forms get 401. Another
 * role: 403, and the refusal is audited. Issue 8 (help desks) reuses this with `helpdesk`.
 */
export function requireRole(db: Db, now: () => number, ...roles: StaffRole[]): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const user = c.get("staff");
    if (!user) {
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        const url = new URL(c.req.url);
        return c.redirect(`/staff/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return errorPage(c, 401, "Sesión requerida", "Su sesión terminó. Ingrese de nuevo.");
    }
    if (!hasRole(user, roles)) {
      await atomic(db, [staffAudit(db, { staffId: user.id, action: "staff.denied", subject: c.req.path, outcome: "forbidden" }, now())]);
      return errorPage(c, 403, "Sin permiso", "Su rol no permite ver esta página.");
    }
    return next();
  };
}
