import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../../src/db/node";
import { createStaffUser } from "../../src/staff/users/create-staff-user";
import { ACCOUNT_MAX_FAILURES, PAIR_MAX_FAILURES } from "../../src/staff/auth/sign-in";
import { serviceEnv, startServer, type ServerProcess } from "../helpers/server-process";

interface Reply {
  status: number;
  cookies: string[];
  body: string;
}

/** One HTTP exchange from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo). */
function from(base: string, localAddress: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress, headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]), body: text }));
    });
    req.once("error", reject);
    req.end(body);
  });
}

/** The login form then the POST, the way a browser at `address` does it: 303 in, 401 refused. */
async function login(base: string, address: string, email: string, password: string): Promise<Reply> {
  const page = await from(base, address, "GET", "/staff/login");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  return from(base, address, "POST", "/staff/login", { cookie: page.cookies.join("; "), "content-type": "application/x-www-form-urlencoded" }, new URLSearchParams({ _csrf: csrf, email, password }).toString());
}

describe("issue 14 item 3 over real HTTP (Node): parallel guesses from several addresses", () => {
  let dir = "";
  let server: ServerProcess;
  const owner = { email: "duena@orienta.test", password: "la clave de la dueña 1" };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orienta-lock-"));
    const path = join(dir, "db.sqlite");
    server = await startServer(serviceEnv(path, "http://127.0.0.1:9", { STAFF_PASSWORD_ITERATIONS: "10000" }));
    // the server migrated the file; the account is added beside it as `npm run staff` would
    const database = openNodeDatabase(path);
    for (const email of [owner.email, "otra@orienta.test"]) await createStaffUser({ db: database.db, now: () => Date.now(), passwordIterations: 10_000 }, { email, role: "quality_agent", password: owner.password });
    database.close();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a colleague's parallel guesses from 127.0.0.21 lock only that address: the owner, at 127.0.0.22, signs in and keeps a live session", async () => {
    const session = await login(server.url, "127.0.0.22", owner.email, owner.password);
    expect(session.status).toBe(303);
    const cookie = session.cookies.find((c) => c.startsWith("orienta_staff="))!;
    // parallel waves of 10 guesses: one address holds at most 2 of the hashing places, so some of
    // a wave are refused unjudged (503) and only the judged ones (401) count — waves until enough did
    let judged = 0;
    for (let wave = 0; wave < 20 && judged < PAIR_MAX_FAILURES; wave++) {
      const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => login(server.url, "127.0.0.21", owner.email, `adivinanza ${wave}-${i} larga`)));
      expect(guesses.every((g) => g.status === 401 || g.status === 503)).toBe(true);
      judged += guesses.filter((g) => g.status === 401).length;
    }
    expect(judged).toBeGreaterThanOrEqual(PAIR_MAX_FAILURES);
    // the colleague's address is locked even for the right password
    expect((await login(server.url, "127.0.0.21", owner.email, owner.password)).status).toBe(401);
    // the owner's live session goes on, and a new sign-in from the owner's address works
    expect((await from(server.url, "127.0.0.22", "GET", "/staff/complaints", { cookie })).status).toBe(200);
    expect((await login(server.url, "127.0.0.22", owner.email, owner.password)).status).toBe(303);
  }, 60_000);

  it("guesses spread over 8 addresses at once lock the account at ACCOUNT_MAX_FAILURES; the right password is then refused from a fresh address", async () => {
    const email = "otra@orienta.test";
    const waves = Math.ceil(ACCOUNT_MAX_FAILURES / 8) + 2;
    for (let wave = 0; wave < waves; wave++) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => login(server.url, `127.0.1.${i + 1}`, email, `intento ${wave}-${i} largo`)));
    }
    expect((await login(server.url, "127.0.2.1", email, owner.password)).status).toBe(401);
    const database = openNodeDatabase(join(dir, "db.sqlite"));
    const row = database.sqlite.prepare("select failed_logins, locked_until from staff_users where email = ?").get(email) as { failed_logins: number; locked_until: number | null };
    const pairs = database.sqlite.prepare("select count(*) as n from staff_login_failures f join staff_users u on u.id = f.user_id where u.email = ? and f.failures >= ?").get(email, PAIR_MAX_FAILURES) as { n: number };
    database.close();
    expect(row.locked_until ?? 0).toBeGreaterThan(Date.now());
    expect(row.failed_logins).toBeGreaterThanOrEqual(ACCOUNT_MAX_FAILURES);
    // no address got more than PAIR_MAX_FAILURES guesses judged; the table holds hashes, not addresses
    expect(pairs.n).toBeLessThanOrEqual(8);
    const clients = openNodeDatabase(join(dir, "db.sqlite"));
    const raw = JSON.stringify(clients.sqlite.prepare("select client from staff_login_failures").all());
    clients.close();
    expect(raw).not.toContain("127.0.");
  }, 90_000);
});
