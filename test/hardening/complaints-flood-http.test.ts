import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../../src/db/node";
import { serviceEnv, startServer, type ServerProcess } from "../helpers/server-process";
import { startProviderStub, type ProviderStub } from "../helpers/provider-stub";
import { reclamoBody } from "../helpers/complaints";

const SUPERVISOR = "+51999888777";
const urgentBody = JSON.stringify({ ...reclamoBody, program: "pae", category: "alimentos", urgent: true });

/** POST /api/v1/complaints from a chosen loopback address. */
function fileFrom(base: string, localAddress: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  const url = new URL("/api/v1/complaints", base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(urgentBody), ...headers } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined, body: text }));
    });
    req.once("error", reject);
    req.end(urgentBody);
  });
}

// The finding, replayed on the real server: 200 urgent reclamos from one address in 1.2 s sent
// 200 alerts to the on-call supervisor.
describe("issue 14 item 6 over real HTTP: a flood of urgent filings from one address", () => {
  let dir = "";
  let server: ServerProcess;
  let provider: ProviderStub;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orienta-flood-"));
    provider = await startProviderStub();
    server = await startServer(serviceEnv(join(dir, "db.sqlite"), provider.url, { COMPLAINTS_URGENT_ALERT_PHONE: SUPERVISOR, OUTBOX_INTERVAL_MS: "200" }));
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await provider?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("60 urgent filings in 3 waves of 20 at once (under MAX_CONNECTIONS_PER_CLIENT): 10 filed, 50 refused 429 with Retry-After and nothing stored; the supervisor gets one SMS, all 10 counted", async () => {
    const results = [];
    for (let wave = 0; wave < 3; wave++) results.push(...(await Promise.all(Array.from({ length: 20 }, () => fileFrom(server.url, "127.0.0.41")))));
    expect(results.filter((r) => r.status === 201), JSON.stringify(results.slice(0, 2))).toHaveLength(10);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(50);
    expect(refused.every((r) => Number(r.retryAfter) > 0 && JSON.parse(r.body).error === "rate_limited")).toBe(true);

    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !provider.deliveries.some((d) => d.to === SUPERVISOR)) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // several dispatcher runs: no second SMS
    expect(provider.deliveries.filter((d) => d.to === SUPERVISOR)).toHaveLength(1);
    const database = openNodeDatabase(join(dir, "db.sqlite"));
    const complaints = database.sqlite.prepare("select count(*) as n from complaints").get() as { n: number };
    const alerts = database.sqlite.prepare("select json_extract(body, '$[0].params.count') as count, status from outbox where ref = 'urgent-alert'").all();
    database.close();
    expect(complaints.n).toBe(10);
    // all 10 counted: in the one SMS sent, or (if the dispatcher ran mid-flood) carried over to
    // the next alert, due 10 minutes after the first
    const rows = alerts as { count: number; status: string }[];
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(10);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(1);
  }, 60_000);
});
