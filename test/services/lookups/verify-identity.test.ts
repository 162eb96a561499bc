import { atomic } from "../../../src/db/atomic";
import { describe, expect, it } from "vitest";
import { auditLog, lookupThrottle } from "../../../src/db/schema";
import { maskName } from "../../../src/services/lookups/mask-name";
import { makeRegistryApp } from "../../helpers/registry";

const who = { channel: "ussd", client: "contact-1" };

describe("identity verification", () => {
  it("verifies DNI + birth date and shows the name masked", async () => {
    const { ctx } = await makeRegistryApp();
    const result = await ctx().services.lookups.verify({ dni: "12345678", birthDate: "1950-04-21", ...who });
    expect(result).toEqual({ outcome: "verified", dni: "12345678", maskedName: "M*** Q***" });
  });

  it("gives the same answer for a wrong date and an unknown DNI", async () => {
    const { ctx } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    const wrongDate = await lookups.verify({ dni: "12345678", birthDate: "1950-04-22", ...who });
    const unknown = await lookups.verify({ dni: "99999999", birthDate: "1950-04-21", ...who });
    expect(wrongDate).toEqual({ outcome: "failed" });
    expect(unknown).toEqual(wrongDate);
  });

  it("locks a DNI for one client after 5 failures, even with the right date; the person on another phone gets in", async () => {
    const { ctx, clock } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push((await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "ussd", client: "phone-guesser" })).outcome);
      clock.advance(60_000);
    }
    expect(results).toEqual(["failed", "failed", "failed", "failed", "locked"]);
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", channel: "ussd", client: "phone-guesser" })).toMatchObject({ outcome: "locked" });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", channel: "sms", client: "phone-owner" })).toMatchObject({ outcome: "verified" });
  });

  it("locks a DNI for everyone for an hour after 10 failures from many clients; then lets it in", async () => {
    const { ctx, clock } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    const results = [];
    for (let i = 0; i < 10; i++) results.push((await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "api", client: `ip-${i}` })).outcome);
    expect(results).toEqual([...Array(9).fill("failed"), "locked"]);
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", ...who })).toMatchObject({ outcome: "locked" });
    clock.advance(60 * 60_000);
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", ...who })).toMatchObject({ outcome: "verified" });
  });

  it("locks unknown DNIs the same way, so a lock reveals nothing", async () => {
    const { ctx } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    let last;
    for (let i = 0; i < 10; i++) last = await lookups.verify({ dni: "99999999", birthDate: "1950-01-01", channel: "api", client: `ip-${i}` });
    expect(last).toEqual({ outcome: "locked", retryAfterMs: 60 * 60_000 });
  });

  it("the help desk lifts a DNI's locks for the person at the desk, audited", async () => {
    const { ctx, deps } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    for (let i = 0; i < 10; i++) await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "api", client: `ip-${i % 2}` });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", ...who })).toMatchObject({ outcome: "locked" });
    await lookups.unlock("12345678", { actor: "staff:7", channel: "helpdesk" });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", ...who })).toMatchObject({ outcome: "verified" });
    const unlock = (await deps.db.select().from(auditLog).all()).find((r) => r.action === "lookup.unlock");
    expect(unlock).toMatchObject({ actor: "staff:7", channel: "helpdesk", outcome: "unlocked" });
    // only the other clients' counts remain (client rows are about the client, not the DNI)
    expect((await deps.db.select().from(lookupThrottle).all()).every((r) => r.key.startsWith("client:"))).toBe(true);
  });

  it("lifting one DNI's locks clears its own counts only (another DNI's counts from the same client stay)", async () => {
    const { ctx, deps } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "api", client: "ip-9" });
    await lookups.verify({ dni: "12345679", birthDate: "1950-01-01", channel: "api", client: "ip-9" });
    const before = (await deps.db.select().from(lookupThrottle).all()).map((r) => r.key);
    expect(before.filter((k) => k.startsWith("pair:")).length).toBe(2);
    await lookups.unlock("12345678", { actor: "staff:7", channel: "helpdesk" });
    const after = (await deps.db.select().from(lookupThrottle).all()).map((r) => r.key);
    expect(after.filter((k) => k.startsWith("pair:")).length).toBe(1);
    expect(after.filter((k) => k.startsWith("dni:")).length).toBe(1);
  });

  it("parallel guesses at one DNI from one client: at most 5 are answered, the rest are told it is locked", async () => {
    const { ctx, deps } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    const dates = Array.from({ length: 40 }, (_, i) => `1950-01-${String((i % 28) + 1).padStart(2, "0")}`);
    const outcomes = await Promise.all(dates.map((birthDate) => lookups.verify({ dni: "12345678", birthDate, channel: "api", client: "ip-1" })));
    expect(outcomes.filter((o) => o.outcome === "failed").length).toBeLessThanOrEqual(5);
    const audited = (await deps.db.select().from(auditLog).all()).filter((r) => r.outcome === "failed" || r.outcome === "failed_locked");
    expect(audited.length).toBe(5);
  });

  it("forgets failures older than the window, and after a success", async () => {
    const { ctx, clock } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    for (let i = 0; i < 4; i++) await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "ussd", client: `p${i}` });
    clock.advance(61 * 60_000);
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "ussd", client: "p9" })).toEqual({ outcome: "failed" });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", channel: "ussd", client: "p9" })).toMatchObject({ outcome: "verified" });
  });

  it("takes its limits from the configuration", async () => {
    const { ctx } = await makeRegistryApp({ LOOKUP_MAX_FAILURES: "2", LOOKUP_DNI_MAX_FAILURES: "3", LOOKUP_LOCK_MINUTES: "5" });
    const lookups = ctx().services.lookups;
    await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", ...who });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", ...who })).toEqual({ outcome: "locked", retryAfterMs: 5 * 60_000 });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-01-01", channel: "ussd", client: "other" })).toEqual({ outcome: "locked", retryAfterMs: 5 * 60_000 });
  });

  it("slows down a client that keeps failing over many DNIs, longer each time", async () => {
    const { ctx, clock } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await lookups.verify({ dni: `1000000${i}`, birthDate: "1950-01-01", channel: "api", client: "ip-1" }));
    expect(outcomes.slice(0, 9).every((o) => o.outcome === "failed")).toBe(true);
    expect(outcomes[9]).toEqual({ outcome: "locked", retryAfterMs: 60_000 });
    // locked for this client (even with a right answer), not for others
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", channel: "api", client: "ip-1" })).toMatchObject({ outcome: "locked" });
    expect(await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", channel: "api", client: "ip-2" })).toMatchObject({ outcome: "verified" });
    clock.advance(61_000);
    expect(await lookups.verify({ dni: "20000000", birthDate: "1950-01-01", channel: "api", client: "ip-1" })).toEqual({ outcome: "locked", retryAfterMs: 120_000 });
  });

  it("audits every attempt by the DNI's keyed hash, never the DNI, the date or the name", async () => {
    const { ctx, deps } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    await lookups.verify({ dni: "12345678", birthDate: "1950-04-21", ...who });
    await lookups.verify({ dni: "12345678", birthDate: "1950-04-22", ...who });
    await atomic(deps.db, [(await lookups.shownStatement("12345678", { channel: "ussd", what: "payments" })).statement]);
    const rows = await deps.db.select().from(auditLog).all();
    expect(rows.map((r) => [r.action, r.outcome, r.channel])).toEqual([
      ["lookup.verify", "verified", "ussd"],
      ["lookup.verify", "failed", "ussd"],
      ["lookup.payments", "shown", "ussd"],
    ]);
    expect(new Set(rows.map((r) => r.subject)).size).toBe(1);
    const stored = JSON.stringify({ rows, throttle: await deps.db.select().from(lookupThrottle).all() });
    for (const secret of ["12345678", "1950-04-2", "MARÍA", "QUISPE", "contact-1"]) expect(stored).not.toContain(secret);
  });

  it("verifyAndRead: the record, and the attempt and what was shown audited together; failures as verify", async () => {
    const { ctx, deps } = await makeRegistryApp();
    const lookups = ctx().services.lookups;
    // a failure first, so the success also has a throttle row to clear (the batched path)
    expect(await lookups.verifyAndRead({ dni: "12345678", birthDate: "1950-04-22", ...who }, "payments")).toEqual({ outcome: "failed" });
    const cleared = await lookups.verifyAndRead({ dni: "12345678", birthDate: "1950-04-21", ...who }, "payments");
    expect(cleared).toMatchObject({ outcome: "verified", dni: "12345678", maskedName: "M*** Q***" });
    expect(cleared.outcome === "verified" && cleared.record).toEqual(await lookups.record("12345678"));
    // the usual case, no throttle rows: one prepared INSERT of both rows
    await lookups.verifyAndRead({ dni: "12345678", birthDate: "1950-04-21", channel: "api", client: "ip-1" }, "all");
    const rows = await deps.db.select().from(auditLog).all();
    expect(rows.map((r) => [r.action, r.outcome, r.channel, r.actor])).toEqual([
      ["lookup.verify", "failed", "ussd", "citizen:ussd"],
      ["lookup.verify", "verified", "ussd", "citizen:ussd"],
      ["lookup.payments", "shown", "ussd", "citizen:ussd"],
      ["lookup.verify", "verified", "api", "citizen:api"],
      ["lookup.all", "shown", "api", "citizen:api"],
    ]);
    expect(new Set(rows.map((r) => r.subject)).size).toBe(1);
    expect(rows[1].at).toBe(rows[2].at);
    const throttle = await deps.db.select().from(lookupThrottle).all();
    expect(throttle.filter((r) => r.key.startsWith("dni:"))).toEqual([]);
  });

  it("masks names to their initials", () => {
    expect(maskName("MARÍA ROSA", "QUISPE HUAMÁN")).toBe("M*** Q***");
    expect(maskName("élmer", " ñahui")).toBe("É*** Ñ***");
  });
});
