import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outbox } from "../../../src/db/schema";
import { createComplaintsService } from "../../../src/services/complaints";
import { URGENT_ALERT_INTERVAL_MS, URGENT_ALERT_REF } from "../../../src/services/complaints/urgent-alert";
import { dispatchOutbox } from "../../../src/services/outbox/dispatch";
import { silentLogger } from "../../../src/logging/logger";
import { makeTestApp } from "../../helpers/app";
import { complaintBody } from "./factory";

const PHONE = "+51999888777";

function setup() {
  const t = makeTestApp();
  const service = createComplaintsService({ db: t.deps.db, now: t.clock.now, urgentAlertPhone: PHONE });
  const sent: Array<{ count: unknown; code: unknown }> = [];
  // the supervisor's SMS only (each filing also confirms to the person)
  const record = (m: { address: string; body: { params?: Record<string, unknown> }[] }) => m.address === PHONE && sent.push({ count: m.body[0].params?.count, code: m.body[0].params?.code });
  const senders = { sms: { send: async (m: { address: string; body: { params?: Record<string, unknown> }[] }) => (record(m), { ok: true as const, providerId: `SM${crypto.randomUUID()}` }) } };
  const urgent = () => service.file({ body: complaintBody({ program: "pae", category: "alimentos", urgent: true }), channel: "api", actor: "api" });
  const dispatch = () => dispatchOutbox({ db: t.deps.db, senders: senders as never, now: t.clock.now, logger: silentLogger, batchSize: 1000 });
  const alerts = () => t.deps.db.select().from(outbox).where(eq(outbox.ref, URGENT_ALERT_REF)).all();
  return { t, urgent, dispatch, alerts, sent: () => sent.filter(() => true) };
}

describe("issue 14 item 6: the urgent-case alert to the supervisor, one SMS per 10 minutes with the count", () => {
  it("the finding: 200 urgent cases filed at once become one SMS saying 200, not 200 SMS", async () => {
    const s = setup();
    const filed = await Promise.all(Array.from({ length: 200 }, s.urgent));
    await s.dispatch();
    expect(s.sent()).toHaveLength(1);
    // every case counted (none lost to a parallel one), the SMS names the last one filed
    expect(s.sent()[0].count).toBe(200);
    expect(filed.map((f) => f.complaint.code)).toContain(s.sent()[0].code);
  });

  it("the first case after a quiet spell is alerted at once; the next ones wait for the 10 minutes and arrive together", async () => {
    const s = setup();
    await s.urgent();
    await s.dispatch();
    expect(s.sent().map((m) => m.count)).toEqual([1]);
    s.t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) await s.urgent();
    await s.dispatch();
    expect(s.sent()).toHaveLength(1); // not yet: 9 minutes to go
    s.t.clock.advance(URGENT_ALERT_INTERVAL_MS - 60_000);
    await s.dispatch();
    expect(s.sent().map((m) => m.count)).toEqual([1, 3]);
    // quiet for a while: the next case is alerted at once again
    s.t.clock.advance(2 * URGENT_ALERT_INTERVAL_MS);
    await s.urgent();
    await s.dispatch();
    expect(s.sent().map((m) => m.count)).toEqual([1, 3, 1]);
  });

  it("a case filed while the alert is being sent is carried over to the next one, never lost", async () => {
    const s = setup();
    await s.urgent();
    await s.t.deps.db.update(outbox).set({ status: "sending" }).where(eq(outbox.ref, URGENT_ALERT_REF));
    await s.urgent();
    const rows = await s.alerts();
    expect(rows.map((r) => [r.status, r.body[0].params?.count, r.nextAttemptAt - s.t.clock.now()]).sort()).toEqual([
      ["pending", 1, URGENT_ALERT_INTERVAL_MS],
      ["sending", 1, 0],
    ]);
  });

  it("a filing replayed with its Idempotency-Key is not counted twice", async () => {
    const t = makeTestApp({ env: { COMPLAINTS_URGENT_ALERT_PHONE: PHONE } });
    const body = JSON.stringify({ ...complaintBody({ program: "pae", category: "alimentos", urgent: true }) });
    for (let i = 0; i < 3; i++) await t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "same-filing-1" }, body });
    const [alert] = await t.deps.db.select().from(outbox).where(eq(outbox.ref, URGENT_ALERT_REF)).all();
    expect(alert.body[0].params?.count).toBe(1);
  });
});
