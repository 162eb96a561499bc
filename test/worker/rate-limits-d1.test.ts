import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, startWorker, type LocalWorker } from "./harness";

// Issue 14 item 6 on workerd + D1: the filing and status limits count in D1 (rate_limit_hits), so
// every isolate counts against one number. Before, hono-rate-limiter's memory store counted per
// isolate: each new isolate started the address at zero. Here a second Miniflare (a new isolate,
// nothing shared in memory) on the same persisted D1 continues the first one's count.
const dir = mkdtempSync(join(tmpdir(), "orienta-limits-d1-"));
const workers: LocalWorker[] = [];
afterAll(async () => {
  for (const w of workers) await w.dispose().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const body = JSON.stringify({
  kind: "reclamo",
  program: "pae",
  category: "alimentos",
  description: "Los alimentos llegaron malogrados",
  ubigeo: "030101",
  reporter: { dni: "12345678" },
  contact: { channel: "sms", address: "987654321" },
});
const file = (w: LocalWorker, ip: string) =>
  w.fetch("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body });

describe("the public APIs' limits on Workers + D1 are shared by every isolate", () => {
  it("30 parallel filings from one address: exactly COMPLAINTS_RATE_LIMIT_PER_HOUR (10) filed; a new isolate continues the count", async () => {
    const a = await startWorker({ persistTo: dir });
    workers.push(a);
    await applyMigrations(a.d1);
    const statuses = (await Promise.all(Array.from({ length: 30 }, () => file(a, "198.51.100.77")))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    // the rows name the address, and the contact number whose confirmations are capped (at most 3
    // a day without an API key), only by their keyed hashes
    const rows = (await a.d1.prepare("select key, hits from rate_limit_hits order by key").all()).results as { key: string; hits: number }[];
    expect(rows).toEqual([
      { key: expect.stringMatching(/^complaints-confirm:[0-9a-f]{32}$/), hits: 10 },
      { key: expect.stringMatching(/^complaints-file:[0-9a-f]{32}$/), hits: 30 },
    ]);
    expect(JSON.stringify(rows)).not.toContain("198.51.100.77");
    expect(JSON.stringify(rows)).not.toContain("987654321");

    // 4 filings from a second address in the first isolate, then a new isolate on the same D1
    for (let i = 0; i < 4; i++) expect((await file(a, "198.51.100.78")).status).toBe(201);
    await a.dispose();
    workers.pop();
    const b = await startWorker({ persistTo: dir });
    workers.push(b);
    const next = [];
    for (let i = 0; i < 7; i++) next.push((await file(b, "198.51.100.78")).status);
    // 6 more fit in the hour (4 + 6 = 10); the 7th is refused by the new isolate
    expect(next).toEqual([201, 201, 201, 201, 201, 201, 429]);
    expect((await file(b, "198.51.100.77")).status).toBe(429);
    expect((await b.d1.prepare("select count(*) as n from complaints").first<{ n: number }>())?.n).toBe(20);
  }, 120_000);

  it("status checks: the 31st in a minute from one address is 429 also when spread over parallel requests", async () => {
    const w = workers[0]!;
    const statuses = (await Promise.all(Array.from({ length: 40 }, (_, i) => w.fetch(`/api/v1/complaints/RC-${String(i).padStart(6, "0")}`, { headers: { "cf-connecting-ip": "203.0.113.40" } })))).map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});
