import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { staffUsers } from "../../src/db/schema/staff-users";
import { staffSessions } from "../../src/db/schema/staff-sessions";
import { MAX_CONCURRENT_HASHES, MAX_FAILED_LOGINS, MAX_QUEUED_HASHES, signIn, SignInBusyError, withHashSlot } from "../../src/staff/auth/sign-in";
import { safeNext } from "../../src/staff/http/middleware";
import { makeTestApp } from "../helpers/app";
import { addStaff, TEST_ENV, TEST_ITERATIONS } from "../helpers/staff";

describe("issue 14 item 3 (staff): the lockout counts atomically", () => {
  it("the finding: 99 wrong passwords and the right one at once no longer log in with failed_logins = 0", async () => {
    const t = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(t.deps, "quality_agent");
    const deps = { db: t.deps.db, now: t.clock.now, passwordIterations: TEST_ITERATIONS };
    const attempts = Array.from({ length: 100 }, (_, i) => (i === 50 ? agent.password : `wrong-${i}-password`));
    const results = await Promise.all(attempts.map((pw) => withHashSlot(() => signIn(deps, agent.email, pw)).catch((e) => (e instanceof SignInBusyError ? "busy" : Promise.reject(e)))));
    const answered = results.filter((r) => r !== "busy") as Awaited<ReturnType<typeof signIn>>[];
    const [row] = await t.deps.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id));
    // at most MAX_FAILED_LOGINS wrong guesses were judged before the lock; the account ends locked
    // unless the right password was judged among the first ones, and never with a lost count
    const wrongJudged = answered.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(wrongJudged).toBeLessThan(MAX_FAILED_LOGINS);
    expect(row.lockedUntil ?? 0).toBeGreaterThan(t.clock.now());
  });

  it("parallel wrong guesses without a queue still lock after exactly MAX_FAILED_LOGINS (UPDATE … RETURNING)", async () => {
    const t = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(t.deps, "quality_agent");
    const deps = { db: t.deps.db, now: t.clock.now, passwordIterations: TEST_ITERATIONS };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(deps, agent.email, `wrong-${i}`)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(MAX_FAILED_LOGINS - 1);
    expect((await signIn(deps, agent.email, agent.password)).ok).toBe(false);
  });

  it("a lock does not end the colleague's live session", async () => {
    const t = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(t.deps, "quality_agent");
    await t.deps.db.insert(staffSessions).values({ id: "s".repeat(64), userId: agent.id, csrfToken: "c".repeat(32), createdAt: t.clock.now(), lastSeenAt: t.clock.now(), expiresAt: t.clock.now() + 3_600_000 } as never);
    const deps = { db: t.deps.db, now: t.clock.now, passwordIterations: TEST_ITERATIONS };
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await signIn(deps, agent.email, "wrong");
    const sessions = await t.deps.db.select().from(staffSessions).where(eq(staffSessions.userId, agent.id));
    expect(sessions.length).toBe(1);
  });

  it("a locked account costs a hash verification like any failure (no 3 ms existence leak)", async () => {
    const t = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(t.deps, "quality_agent");
    const deps = { db: t.deps.db, now: t.clock.now, passwordIterations: 200_000 };
    await t.deps.db.update(staffUsers).set({ lockedUntil: t.clock.now() + 60_000 });
    await signIn(deps, "nobody@orienta.test", "warm-up"); // builds the decoy once
    const time = async (email: string) => {
      const started = performance.now();
      await signIn(deps, email, "wrong-password");
      return performance.now() - started;
    };
    const locked = await time(agent.email);
    const unknown = await time("nobody@orienta.test");
    expect(locked).toBeGreaterThan(unknown * 0.5);
  });

  it("logins: at most 2 hashes at once, a short queue, then 503-style refusal", async () => {
    let peak = 0;
    let live = 0;
    const slow = () =>
      withHashSlot(async () => {
        peak = Math.max(peak, ++live);
        await new Promise((r) => setTimeout(r, 30));
        live--;
        return "ok";
      }).catch((e) => (e instanceof SignInBusyError ? "busy" : "error"));
    const results = await Promise.all(Array.from({ length: 20 }, slow));
    expect(peak).toBe(MAX_CONCURRENT_HASHES);
    expect(results.filter((r) => r === "ok").length).toBe(MAX_CONCURRENT_HASHES + MAX_QUEUED_HASHES);
    expect(results.filter((r) => r === "busy").length).toBe(20 - MAX_CONCURRENT_HASHES - MAX_QUEUED_HASHES);
  });
});

describe("issue 14 item 9: next= with CR/LF or control characters", () => {
  it("is a plain /staff, never a 5xx", async () => {
    expect(safeNext("/staff\r\nSet-Cookie: x=1")).toBe("/staff");
    expect(safeNext("/staff/\u0000")).toBe("/staff");
    expect(safeNext("/staff/complaints?x=1")).toBe("/staff/complaints?x=1");
    const t = makeTestApp({ env: TEST_ENV });
    const res = await t.app.request("/staff/login?next=%2Fstaff%0D%0ALocation%3A%20http%3A%2F%2Fevil");
    expect(res.status).toBeLessThan(500);
  });
});
