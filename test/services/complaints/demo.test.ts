import { describe, expect, it } from "vitest";
import { loadDemoData } from "../../../src/db/demo";
import { complaints, outbox } from "../../../src/db/schema";
import { createComplaintsService } from "../../../src/services/complaints";
import { createStaffUser, type NewStaffUser } from "../../../src/staff/users/create-staff-user";
import staffDemo from "../../../db/demo/staff.json";
import { complaintsDemoLoader } from "../../../src/services/complaints/demo";
import { makeTestApp, silentLogger } from "../../helpers/app";

describe("demo complaints", () => {
  it("fill several queues and statuses once, with assignees from the staff demo", async () => {
    const { deps } = makeTestApp();
    // the staff demo's accounts, with a cheap hash for the test
    for (const account of staffDemo.accounts as NewStaffUser[]) await createStaffUser({ db: deps.db, now: () => Date.now(), passwordIterations: 10_000 }, account);
    await loadDemoData(deps.db, silentLogger, [complaintsDemoLoader]);
    await loadDemoData(deps.db, silentLogger, [complaintsDemoLoader]);
    const rows = await deps.db.select().from(complaints).all();
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.queue))).toEqual(new Set(["payments", "integrity", "urgent", "queries", "suggestions"]));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["en_revision", "registrado", "derivado", "respondido", "cerrado"]));
    expect(rows.filter((r) => r.assigneeId !== null)).toHaveLength(3);
    const service = createComplaintsService({ db: deps.db, now: () => Date.now() });
    expect((await service.list({ overdue: true })).total).toBeGreaterThanOrEqual(2);
    const messages = await deps.db.select().from(outbox).all();
    expect(messages.some((m) => m.lang === "qu")).toBe(true);
    // invented phones: nothing is left for a real provider to send
    expect(messages.filter((m) => m.status !== "not_sent" || m.lastError !== "demo data: never sent" || m.providerId !== null)).toEqual([]);
  });
});
