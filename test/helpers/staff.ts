import type { Hono } from "hono";
import type { AppDeps } from "../../src/app";
import type { StaffRole } from "../../src/db/schema";
import { createStaffUser } from "../../src/staff/users/create-staff-user";

/** Low work factor for tests only (the hash records it; production uses the configured one). */
export const TEST_ITERATIONS = 1_000;
export const TEST_ENV = { STAFF_PASSWORD_ITERATIONS: "10000" };

export async function addStaff(deps: AppDeps, role: StaffRole, email = `${role}@orienta.test`, district?: string) {
  const password = `pw-${role}-123456`;
  const user = await createStaffUser({ db: deps.db, now: () => Date.now(), passwordIterations: TEST_ITERATIONS }, { email, role, password, district: district ?? (role === "helpdesk" ? "030101" : undefined), name: `${role} test` });
  return { ...user, password };
}

/** A browser's cookies for `app.request`: keeps what Set-Cookie sets, sends it back. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  readonly raw: string[] = [];
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      this.raw.push(line);
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** A member of staff in a browser: GET pages, POST forms (with or without the page's CSRF token). */
export class StaffBrowser {
  readonly jar = new CookieJar();
  constructor(readonly app: Hono) {}

  async get(path: string) {
    const res = await this.app.request(path, { headers: { cookie: this.jar.header() } });
    this.jar.store(res);
    return res;
  }

  async post(path: string, fields: Record<string, string>) {
    const res = await this.app.request(path, {
      method: "POST",
      headers: { cookie: this.jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    this.jar.store(res);
    return res;
  }

  /** the CSRF token of a page's first form */
  static csrfOf(html: string): string {
    const m = html.match(/name="_csrf" value="([^"]*)"/);
    if (!m) throw new Error("no CSRF field on the page");
    return m[1];
  }

  async login(email: string, password: string) {
    const page = await this.get("/staff/login");
    return this.post("/staff/login", { _csrf: StaffBrowser.csrfOf(await page.text()), email, password });
  }

  /** POST a form from `pagePath` the way a browser would, with that page's token */
  async submit(pagePath: string, action: string, fields: Record<string, string>) {
    const page = await this.get(pagePath);
    return this.post(action, { _csrf: StaffBrowser.csrfOf(await page.text()), ...fields });
  }
}
