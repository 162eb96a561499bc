import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { complaintEvents, complaints, outbox, sessions } from "../../src/db/schema";
import { DAY_MS, purgeExpired } from "../../src/services/retention/purge-expired";
import { makeTestApp } from "../helpers/app";
import { reclamoBody as reclamo } from "../helpers/complaints";
import { dial } from "../helpers/ussd";


async function file(app: ReturnType<typeof makeTestApp>["app"]) {
  const res = await app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamo) });
  expect(res.status).toBe(201);
}

describe("retention (RETENTION_DAYS, default 90)", () => {
  it("purges old sessions and old sent messages, keeps complaints, their history and unsent messages", async () => {
    const { app, deps, clock, ctx } = makeTestApp();
    expect(deps.config.retentionDays).toBe(90);
    // day 0: a USSD conversation and two complaints (each queues an SMS notice)
    await dial(app, "+51987654321").start();
    await file(app);
    await file(app);
    const [first] = await deps.db.select().from(outbox).all();
    await deps.db.update(outbox).set({ status: "sent", updatedAt: clock.now() }).where(eq(outbox.id, first.id));

    // day 89: nothing is old enough yet
    clock.advance(89 * DAY_MS);
    expect(await ctx().purgeExpired()).toMatchObject({ sessions: 0, outbox: 0 });

    // day 91: a new conversation today; the day-0 one and the sent notice go
    clock.advance(2 * DAY_MS);
    await dial(app, "+51987654322").start();
    expect(await ctx().purgeExpired()).toMatchObject({ sessions: 1, outbox: 1 });

    expect(await deps.db.select().from(sessions).all()).toHaveLength(1);
    const left = await deps.db.select().from(outbox).all();
    expect(left.map((m) => m.status)).toEqual(["pending"]); // still owed to the person: kept
    expect(await deps.db.select().from(complaints).all()).toHaveLength(2);
    expect((await deps.db.select().from(complaintEvents).all()).length).toBeGreaterThanOrEqual(2);
  });

  it("uses the configured number of days", async () => {
    const { app, deps, clock } = makeTestApp({ env: { RETENTION_DAYS: "7" } });
    expect(deps.config.retentionDays).toBe(7);
    await dial(app, "+51987654321").start();
    clock.advance(8 * DAY_MS);
    expect(await purgeExpired(deps.db, clock.now(), deps.config.retentionDays)).toMatchObject({ sessions: 1 });
  });
});
