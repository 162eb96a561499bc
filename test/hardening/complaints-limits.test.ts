import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";

const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe("issue 14 item 6: complaints API abuse limits (per client address)", () => {
  it("the finding: filings from one address stop at COMPLAINTS_RATE_LIMIT_PER_HOUR with 429, Retry-After and the request's language; another address still files", async () => {
    const t = makeTestApp();
    const file = (address: string, lang = "es") =>
      t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "accept-language": lang }, body: JSON.stringify(reclamoBody) }, from(address));
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await file("198.51.100.20")).status);
    expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
    const refused = await file("198.51.100.20", "qu");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: string; message: string };
    expect(body.error).toBe("rate_limited");
    expect(body.message).toContain("Línea 101");
    expect(body.message).not.toContain("Espere");
    expect([200, 201]).toContain((await file("198.51.100.21")).status);
  });

  it("status enumeration: GET /api/v1/complaints/{code} stops at STATUS_RATE_LIMIT_PER_MINUTE", async () => {
    const t = makeTestApp({ env: { STATUS_RATE_LIMIT_PER_MINUTE: "30" } });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await t.app.request(`/api/v1/complaints/RC-${String(i).padStart(6, "0")}`, {}, from("203.0.113.5"))).status);
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });

  it("behind TRUST_PROXY the limit is per real client, not per proxy", async () => {
    const t = makeTestApp({ env: { TRUST_PROXY: "10.0.0.1", STATUS_RATE_LIMIT_PER_MINUTE: "2" } });
    const get = (xff: string) => t.app.request("/api/v1/complaints/RC-000001", { headers: { "x-forwarded-for": xff } }, from("10.0.0.1"));
    expect((await get("198.51.100.1")).status).not.toBe(429);
    expect((await get("198.51.100.1")).status).not.toBe(429);
    expect((await get("198.51.100.1")).status).toBe(429);
    expect((await get("198.51.100.2")).status).not.toBe(429);
  });
});
