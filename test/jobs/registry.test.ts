import { describe, expect, it } from "vitest";
import { JOBS, jobNamed } from "../../src/jobs/registry";
import { startJobTimers } from "../../src/jobs/node-scheduler";
import { atomic } from "../../src/db/atomic";
import { enqueueOutbound } from "../../src/services/outbox/enqueue";
import { outbox } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";

describe("periodic jobs, declared once", () => {
  it("one list with unique names; the Worker's cron minute decides which are due", () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
    const due = (iso: string) => JOBS.filter((j) => j.dueAt(new Date(iso))).map((j) => j.name);
    expect(due("2026-12-02T10:17:00Z")).toEqual(["outbox", "broadcasts"]);
    expect(due("2026-12-02T10:45:00Z")).toEqual(["outbox", "notices", "broadcasts"]);
    expect(due("2026-12-02T10:00:00Z")).toEqual(["outbox", "purge-inbound", "notices", "broadcasts"]);
    expect(due("2026-12-02T08:00:00Z")).toEqual(["outbox", "purge-inbound", "retention", "notices", "broadcasts"]);
  });

  it("Node: the timers run the start-up jobs and a kick sends what the outbox holds", async () => {
    const { ctx, logs, deps, clock } = makeTestApp();
    const context = ctx();
    await atomic(deps.db, [enqueueOutbound(deps.db, { id: "job-1", channel: "sms", address: "+51987000111", lang: "es", body: [{ key: "common:goodbye" }], ref: "test:job" }, clock.now() - 1000) as never]);
    const timers = startJobTimers(context);
    timers.kick("outbox");
    await new Promise((r) => setTimeout(r, 200));
    timers.stop();
    // no SMS provider in this app: taken by the dispatcher and stored as not sent
    expect((await deps.db.select().from(outbox).all())[0]).toMatchObject({ id: "job-1", status: "not_sent" });
    expect(logs.some((l) => l.includes('"retention purge done"'))).toBe(true);
    expect(jobNamed("outbox")?.again?.({ sent: 50, retried: 0, failed: 0 })).toBe(true);
  });
});
