import { describe, expect, it } from "vitest";
import { contacts, lookupThrottle, rateLimitHits } from "../../src/db/schema";
import { DAY_MS } from "../../src/services/retention/purge-expired";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";
import { dial } from "../helpers/ussd";

describe("issue 14 item 9: retention purges orphan contacts and expired lookup_throttle rows", () => {
  it("the finding: contacts and lookup_throttle rows were never purged", async () => {
    const { app, deps, clock, ctx } = makeTestApp();
    // three numbers: one only dialled, one opted out, one whose complaint answers to it
    await dial(app, "+51911111111").start();
    await dial(app, "+51922222222").start();
    const res = await app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) });
    expect(res.status).toBe(201);
    const complaintPhone = JSON.stringify(reclamoBody).match(/\+51\d{9}/)?.[0];
    const t0 = clock.now();
    await deps.db.insert(contacts).values([
      { id: "c-opted-out", urn: "tel:+51933333333", optedOut: true, createdAt: t0, updatedAt: t0 },
      ...(complaintPhone ? [{ id: "c-complaint", urn: `tel:${complaintPhone}`, optedOut: false, createdAt: t0, updatedAt: t0 }] : []),
    ]).onConflictDoNothing();
    await deps.db.insert(lookupThrottle).values([
      { key: "dni:old", failures: 3, windowStart: t0, lockedUntil: null },
      { key: "dni:locked-long", failures: 5, windowStart: t0, lockedUntil: t0 + 200 * DAY_MS },
    ]);
    clock.advance(91 * DAY_MS);
    await deps.db.insert(lookupThrottle).values({ key: "dni:fresh", failures: 1, windowStart: clock.now(), lockedUntil: null });
    const report = await ctx().purgeExpired();
    expect(report.sessions).toBe(2);
    expect(report.contacts).toBe(2); // the two dialled numbers
    expect(report.throttle).toBe(1);
    const left = (await deps.db.select().from(contacts)).map((c) => c.urn).sort();
    expect(left).toContain("tel:+51933333333");
    if (complaintPhone) expect(left).toContain(`tel:${complaintPhone}`);
    expect((await deps.db.select().from(lookupThrottle)).map((r) => r.key).sort()).toEqual(["dni:fresh", "dni:locked-long"]);
  });

  it("purges rate_limit_hits rows whose window is over, keeps the current ones", async () => {
    const { deps, clock, ctx } = makeTestApp();
    const t0 = clock.now();
    await deps.db.insert(rateLimitHits).values([
      { key: "status:over", windowStart: t0 - 120_000, windowEnd: t0 - 60_000, hits: 31 },
      { key: "complaints-file:current", windowStart: t0 - 60_000, windowEnd: t0 + 3_540_000, hits: 4 },
    ]);
    await ctx().purgeExpired();
    expect((await deps.db.select().from(rateLimitHits)).map((r) => r.key)).toEqual(["complaints-file:current"]);
  });
});
