import { drizzle } from "drizzle-orm/d1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { ACCOUNT_MAX_FAILURES, PAIR_MAX_FAILURES } from "../../src/staff/auth/login-failures";
import { createStaffUser } from "../../src/staff/users/create-staff-user";
import { startWorker, type LocalWorker } from "./harness";

// Issue 14 item 3 on workerd + D1: the (account, address) count and the account-wide count are
// each one statement that decides its lock, so parallel requests cannot lose a count on D1 either.
let worker: LocalWorker;
let d1: Db;
beforeAll(async () => {
  worker = await startWorker();
  d1 = drizzle(worker.d1 as never, { schema }) as unknown as Db;
  for (const email of ["duena@orienta.test", "otra@orienta.test"]) await createStaffUser({ db: d1, now: () => Date.now(), passwordIterations: 100_000 }, { email, role: "quality_agent", password: PASSWORD });
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
});

const PASSWORD = "la clave de la dueña 1";
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((l) => l.split(";")[0]);

/** The form then the POST, from `ip` (what Cloudflare reports as the client: cf-connecting-ip). */
async function login(ip: string, email: string, password: string) {
  const form = await worker.fetch("/staff/login", { headers: { "cf-connecting-ip": ip } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  return worker.fetch("/staff/login", {
    method: "POST",
    redirect: "manual",
    headers: { "cf-connecting-ip": ip, cookie: cookiesOf(form).join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
}

describe("staff lockout on Cloudflare Workers + D1 under parallel requests", () => {
  it("10 parallel guesses from one address lock that address only; the owner elsewhere signs in and keeps the session", async () => {
    const owner = await login("198.51.100.2", "duena@orienta.test", PASSWORD);
    expect(owner.status).toBe(303);
    const session = cookiesOf(owner).find((c) => c.startsWith("orienta_staff="))!;
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => login("198.51.100.1", "duena@orienta.test", `adivinanza ${i} larga`)));
    // no queue on Workers (see withHashSlot): every guess is judged, none hangs
    expect(guesses.map((g) => g.status).every((s) => s === 401)).toBe(true);
    const pair = await worker.d1.prepare("select f.failures, f.locked_until from staff_login_failures f join staff_users u on u.id = f.user_id where u.email = ?").bind("duena@orienta.test").first<{ failures: number; locked_until: number }>();
    // every wrong password judged was counted (none lost to a parallel one): one audit row with
    // the count per judged guess, and the count equals their number; the pair is locked
    const counted = await worker.d1.prepare("select count(*) as n from audit_log where action = 'staff.login' and detail like '%\"failures\"%'").first<{ n: number }>();
    expect(pair!.failures).toBe(counted!.n);
    expect(pair!.failures).toBeGreaterThanOrEqual(PAIR_MAX_FAILURES);
    expect(pair!.locked_until).toBeGreaterThan(Date.now());
    expect((await login("198.51.100.1", "duena@orienta.test", PASSWORD)).status).toBe(401);
    expect((await worker.fetch("/staff/complaints", { headers: { cookie: session, "cf-connecting-ip": "198.51.100.2" } })).status).toBe(200);
    expect((await login("198.51.100.2", "duena@orienta.test", PASSWORD)).status).toBe(303);
  });

  it("parallel guesses spread over 8 addresses lock the account at ACCOUNT_MAX_FAILURES; the right password is refused from a fresh address", async () => {
    const waves = Math.ceil(ACCOUNT_MAX_FAILURES / 8) + 1;
    for (let wave = 0; wave < waves; wave++) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => login(`203.0.113.${i + 1}`, "otra@orienta.test", `intento ${wave}-${i} largo`)));
    }
    const row = await worker.d1.prepare("select failed_logins, locked_until from staff_users where email = ?").bind("otra@orienta.test").first<{ failed_logins: number; locked_until: number | null }>();
    expect(row!.failed_logins).toBeGreaterThanOrEqual(ACCOUNT_MAX_FAILURES);
    expect(row!.locked_until ?? 0).toBeGreaterThan(Date.now());
    expect((await login("203.0.113.200", "otra@orienta.test", PASSWORD)).status).toBe(401);
  });
});
