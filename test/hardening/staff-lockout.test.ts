import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { staffUsers } from "../../src/db/schema/staff-users";
import { staffLoginFailures } from "../../src/db/schema/staff-login-failures";
import { staffSessions } from "../../src/db/schema/staff-sessions";
import { ACCOUNT_MAX_FAILURES, MAX_CONCURRENT_HASHES, MAX_QUEUED_HASHES, PAIR_MAX_FAILURES, signIn, SignInBusyError, withHashSlot } from "../../src/staff/auth/sign-in";
import { verifyPassword } from "../../src/staff/auth/password";
import { safeNext } from "../../src/staff/http/middleware";
import { makeTestApp } from "../helpers/app";
import { addStaff, TEST_ENV, TEST_ITERATIONS } from "../helpers/staff";

async function setup() {
  const t = makeTestApp({ env: TEST_ENV });
  const agent = await addStaff(t.deps, "quality_agent");
  const deps = { db: t.deps.db, now: t.clock.now, passwordIterations: TEST_ITERATIONS };
  return { t, agent, deps };
}

describe("issue 14 item 3 (staff): the lockout counts atomically, per account and address first", () => {
  it("the finding: 99 wrong passwords and the right one at once from one address no longer log in", async () => {
    const { t, agent, deps } = await setup();
    const attempts = Array.from({ length: 100 }, (_, i) => (i === 50 ? agent.password : `wrong-${i}-password`));
    const results = await Promise.all(attempts.map((pw) => withHashSlot(() => signIn(deps, agent.email, pw, "attacker")).catch((e) => (e instanceof SignInBusyError ? "busy" : Promise.reject(e)))));
    const answered = results.filter((r) => r !== "busy") as Awaited<ReturnType<typeof signIn>>[];
    expect(answered.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThan(PAIR_MAX_FAILURES);
    const [pair] = await t.deps.db.select().from(staffLoginFailures).where(eq(staffLoginFailures.userId, agent.id));
    expect(pair.lockedUntil ?? 0).toBeGreaterThan(t.clock.now());
    expect((await signIn(deps, agent.email, agent.password, "attacker")).ok).toBe(false);
  });

  it("parallel wrong guesses without a queue lock the pair after exactly PAIR_MAX_FAILURES (INSERT … ON CONFLICT … RETURNING)", async () => {
    const { t, agent, deps } = await setup();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(deps, agent.email, `wrong-${i}`, "attacker")));
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBe(PAIR_MAX_FAILURES - 1);
    const [pair] = await t.deps.db.select().from(staffLoginFailures).where(eq(staffLoginFailures.userId, agent.id));
    // every judged guess was counted: none overwrote another's count
    expect(pair.failures).toBeGreaterThanOrEqual(PAIR_MAX_FAILURES);
    expect((await signIn(deps, agent.email, agent.password, "attacker")).ok).toBe(false);
  });

  it("a colleague guessing from another address cannot lock the real person out", async () => {
    const { t, agent, deps } = await setup();
    for (let i = 0; i < PAIR_MAX_FAILURES + 3; i++) await signIn(deps, agent.email, `guess-${i}`, "colleague");
    expect((await signIn(deps, agent.email, agent.password, "owner")).ok).toBe(true);
    const [row] = await t.deps.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id));
    expect(row.lockedUntil).toBeNull();
    // the colleague's address stays locked after the owner's success
    expect((await signIn(deps, agent.email, agent.password, "colleague")).ok).toBe(false);
  });

  it("a guesser spread over many addresses is stopped account-wide at ACCOUNT_MAX_FAILURES", async () => {
    const { t, agent, deps } = await setup();
    const guesses = Array.from({ length: 40 }, (_, i) => signIn(deps, agent.email, `spread-${i}`, `addr-${i % 10}`));
    const results = await Promise.all(guesses);
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThan(ACCOUNT_MAX_FAILURES);
    const [row] = await t.deps.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id));
    expect(row.lockedUntil ?? 0).toBeGreaterThan(t.clock.now());
    expect((await signIn(deps, agent.email, agent.password, "a-fresh-address")).ok).toBe(false);
  });

  it("a lock does not end the colleague's live session", async () => {
    const { t, agent, deps } = await setup();
    await t.deps.db.insert(staffSessions).values({ id: "s".repeat(64), userId: agent.id, csrfToken: "c".repeat(32), createdAt: t.clock.now(), lastSeenAt: t.clock.now(), expiresAt: t.clock.now() + 3_600_000 } as never);
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await signIn(deps, agent.email, "wrong", `addr-${i % 4}`);
    const sessions = await t.deps.db.select().from(staffSessions).where(eq(staffSessions.userId, agent.id));
    expect(sessions.length).toBe(1);
  });

  // the answer's time is one hash verification in every failure case: counted, not timed
  const cases: Array<{ label: string; prepare: (s: Awaited<ReturnType<typeof setup>>) => Promise<void>; email: (s: Awaited<ReturnType<typeof setup>>) => string }> = [
    { label: "unknown account", prepare: async () => {}, email: () => "nobody@orienta.test" },
    { label: "disabled account", prepare: async ({ t }) => void (await t.deps.db.update(staffUsers).set({ disabled: true })), email: (s) => s.agent.email },
    { label: "account locked", prepare: async ({ t }) => void (await t.deps.db.update(staffUsers).set({ lockedUntil: t.clock.now() + 60_000 })), email: (s) => s.agent.email },
    {
      label: "pair locked",
      prepare: async ({ t, agent }) => void (await t.deps.db.insert(staffLoginFailures).values({ userId: agent.id, client: "me", failures: 5, windowStart: t.clock.now(), lockedUntil: t.clock.now() + 60_000 })),
      email: (s) => s.agent.email,
    },
    { label: "wrong password", prepare: async () => {}, email: (s) => s.agent.email },
  ];
  it.each(cases)("$label: exactly one hash verification", async ({ prepare, email }) => {
    const s = await setup();
    await prepare(s);
    let calls = 0;
    const verify = (pw: string, stored: string) => (calls++, verifyPassword(pw, stored));
    const result = await signIn({ ...s.deps, verify }, email(s), "wrong-password", "me");
    expect(result.ok).toBe(false);
    expect(calls).toBe(1);
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
    // session 8: a dot segment leaves /staff once the browser resolves it
    for (const odd of ["/staff/..//evil.com", "/staff/%2e%2e//evil.com", "/staff/.%2E/x", "/staff/./../login"]) expect(safeNext(odd)).toBe("/staff");
    expect(safeNext("/staff/complaints/MO-2026-000001?nav=q%3D..")).toBe("/staff/complaints/MO-2026-000001?nav=q%3D..");
    const t = makeTestApp({ env: TEST_ENV });
    const res = await t.app.request("/staff/login?next=%2Fstaff%0D%0ALocation%3A%20http%3A%2F%2Fevil");
    expect(res.status).toBeLessThan(500);
  });
});
