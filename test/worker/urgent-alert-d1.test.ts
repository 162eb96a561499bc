import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type LocalWorker } from "./harness";

// Issue 14 item 6 on workerd + D1: an integrator's API key (its own limit) and the supervisor's
// urgent alert coalesced in the outbox (json_set, INSERT … SELECT) under parallel filings.
const KEY = "integrador-d1-5b7e2c9a4f1d8e3b6a0c";
const SUPERVISOR = "+51999888777";
let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker({ vars: { COMPLAINTS_URGENT_ALERT_PHONE: SUPERVISOR, COMPLAINTS_API_KEYS: `sha256:${createHash("sha256").update(KEY).digest("hex")}` } });
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
});

const urgent = JSON.stringify({
  kind: "reclamo",
  program: "pae",
  category: "alimentos",
  description: "Los alimentos llegaron malogrados",
  ubigeo: "030101",
  urgent: true,
  reporter: { dni: "12345678" },
  contact: { channel: "sms", address: "987654321" },
});
const file = (headers: Record<string, string>) =>
  worker.fetch("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.60", ...headers }, body: urgent });

describe("urgent alerts and API keys on Cloudflare Workers + D1", () => {
  it("20 urgent filings at once with an API key (past the address limit of 10): all filed, one pending alert counting 20", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => file({ authorization: `Bearer ${KEY}` })));
    expect(results.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const alerts = await worker.d1.prepare("select address, status, json_extract(body, '$[0].params.count') as count from outbox where ref = 'urgent-alert'").all();
    expect(alerts.results).toEqual([{ address: SUPERVISOR, status: "pending", count: 20 }]);
    const actors = await worker.d1.prepare("select distinct actor from complaint_events").all();
    expect(actors.results.map((r: unknown) => (r as { actor: string }).actor)).toEqual([expect.stringMatching(/^api:key:[0-9a-f]{12}$/)]);
  });

  it("a wrong key is 401 invalid_api_key and stores nothing", async () => {
    const before = await worker.d1.prepare("select count(*) as n from complaints").first<{ n: number }>();
    const res = await file({ "x-api-key": "not-our-key" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_api_key", field: "X-Api-Key" });
    expect(await worker.d1.prepare("select count(*) as n from complaints").first<{ n: number }>()).toEqual(before);
  });
});
