import { describe, expect, it } from "vitest";
import { auditLog, staffLoginFailures, staffUsers } from "../../src/db/schema";
import { hashPassword, verifyPassword, hashIterations } from "../../src/staff/auth/password";
import { createStaffUser, StaffUserError } from "../../src/staff/users/create-staff-user";
import { LOCK_MS } from "../../src/staff/auth/sign-in";
import { makeTestApp } from "../helpers/app";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";
import { eq } from "drizzle-orm";

describe("staff passwords", () => {
  it("hashes with PBKDF2-SHA256, a random salt and the iteration count in the string", async () => {
    const a = await hashPassword("correct horse battery", 1000);
    const b = await hashPassword("correct horse battery", 1000);
    expect(a).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("defaults to 600,000 iterations", async () => {
    const { config } = makeTestApp().deps;
    expect(config.staff.passwordIterations).toBe(600_000);
  });

  it("refuses short passwords, and a help-desk account without a district", async () => {
    const { deps } = makeTestApp();
    const make = (input: Parameters<typeof createStaffUser>[1]) => createStaffUser({ db: deps.db, now: () => 0, passwordIterations: 1000 }, input);
    await expect(make({ email: "a@b.pe", role: "quality_agent", password: "short" })).rejects.toMatchObject({ field: "password" });
    await expect(make({ email: "a@b.pe", role: "helpdesk", password: "long enough password" })).rejects.toMatchObject({ field: "district" });
    await expect(make({ email: "not-an-email", role: "admin", password: "long enough password" })).rejects.toBeInstanceOf(StaffUserError);
    await make({ email: "A@B.pe", role: "admin", password: "long enough password" });
    await expect(make({ email: "a@b.pe", role: "admin", password: "long enough password" })).rejects.toMatchObject({ field: "email" });
  });
});

describe("staff login", () => {
  it("shows a login form with its CSRF token and sets only strict, HttpOnly cookies", async () => {
    const { app } = makeTestApp({ env: TEST_ENV });
    const browser = new StaffBrowser(app);
    const res = await browser.get("/staff/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="email">');
    expect(StaffBrowser.csrfOf(html)).toHaveLength(43);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    for (const line of browser.jar.raw) expect(line).toMatch(/HttpOnly/i), expect(line).toMatch(/SameSite=Strict/i), expect(line).not.toMatch(/Secure/);
  });

  it("marks cookies Secure in production", async () => {
    const { app } = makeTestApp({ env: { ...TEST_ENV, NODE_ENV: "production", APP_SECRET: "x".repeat(32), USSD_CALLBACK_KEY: "k".repeat(16) } });
    const browser = new StaffBrowser(app);
    await browser.get("/staff/login");
    expect(browser.jar.raw[0]).toMatch(/; Secure/);
  });

  it("logs in, starts a new session id (a planted one is discarded) and logs out", async () => {
    const { app, deps } = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(deps, "quality_agent");
    const browser = new StaffBrowser(app);
    browser.jar.cookies.set("orienta_staff", "planted-by-an-attacker");
    const res = await browser.login(agent.email, agent.password);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff");
    const session = browser.jar.cookies.get("orienta_staff")!;
    expect(session).not.toBe("planted-by-an-attacker");
    expect(session.length).toBeGreaterThan(40);
    const line = browser.jar.raw.find((l) => l.startsWith("orienta_staff="))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Strict/);
    expect(line).toMatch(/Path=\/staff/);

    const home = await browser.get("/staff");
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toBe("/staff/complaints");
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const { app, deps } = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(deps, "quality_agent");
    const browser = new StaffBrowser(app);
    const wrong = await browser.login(agent.email, "wrong password!");
    const unknown = await browser.login("nobody@orienta.test", "wrong password!");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const text = (html: string) => html.match(/role="alert"[^>]*>([^<]*)/)![1];
    expect(text(await wrong.text())).toBe(text(await unknown.text()));
    expect(browser.jar.cookies.has("orienta_staff")).toBe(false);
  });

  it("locks the (account, address) pair after 5 failures, for 15 minutes, even with the right password", async () => {
    const { app, deps, clock } = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(deps, "quality_agent");
    const browser = new StaffBrowser(app);
    for (let i = 0; i < 5; i++) expect((await browser.login(agent.email, "bad password 123")).status).toBe(401);
    expect((await browser.login(agent.email, agent.password)).status).toBe(401);
    const row = await deps.db.select().from(staffLoginFailures).where(eq(staffLoginFailures.userId, agent.id)).get();
    expect(row!.lockedUntil).toBe(clock.now() + LOCK_MS);
    // the account itself is not locked: that takes ACCOUNT_MAX_FAILURES from all addresses
    expect((await deps.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id)).get())!.lockedUntil).toBeNull();
    clock.advance(LOCK_MS + 1);
    expect((await browser.login(agent.email, agent.password)).status).toBe(303);
    const outcomes = (await deps.db.select().from(auditLog).where(eq(auditLog.action, "staff.login")).all()).map((r) => r.outcome);
    expect(outcomes).toEqual(["bad_password", "bad_password", "bad_password", "bad_password", "locked_now", "locked", "ok"]);
  });

  it("refuses a login form without its CSRF token", async () => {
    const { app, deps } = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(deps, "quality_agent");
    const browser = new StaffBrowser(app);
    await browser.get("/staff/login");
    const res = await browser.post("/staff/login", { email: agent.email, password: agent.password });
    expect(res.status).toBe(403);
    const forged = await browser.post("/staff/login", { _csrf: "guessed", email: agent.email, password: agent.password });
    expect(forged.status).toBe(403);
  });

  it("ends the session after 30 idle minutes and on logout", async () => {
    const { app, deps, clock } = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(deps, "helpdesk");
    const browser = new StaffBrowser(app);
    await browser.login(agent.email, agent.password);
    expect((await browser.get("/staff")).status).toBe(200);
    clock.advance(31 * 60_000);
    const res = await browser.get("/staff");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/login?next=%2Fstaff");

    await browser.login(agent.email, agent.password);
    const page = await browser.get("/staff");
    const token = StaffBrowser.csrfOf(await page.text());
    const stolen = browser.jar.header();
    expect((await browser.post("/staff/logout", { _csrf: token })).headers.get("location")).toBe("/staff/login?out=1");
    const replay = await app.request("/staff", { headers: { cookie: stolen } });
    expect(replay.status).toBe(303);
  });
});
