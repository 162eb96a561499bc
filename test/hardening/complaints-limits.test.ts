import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { loadConfig } from "../../src/config";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../../src/db/node";
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

  it("two processes on one database share the count (rate_limit_hits, keyed hashes only): the 11th filing is refused by either", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienta-limits-"));
    const path = join(dir, "orienta.db");
    const one = openNodeDatabase(path);
    const first = makeTestApp({ db: one.db });
    const second = makeTestApp({ db: openNodeDatabase(path).db });
    const file = (t: ReturnType<typeof makeTestApp>) =>
      t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) }, from("198.51.100.90"));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await file(i % 2 ? second : first)).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // (the filings' confirmations per number are counted beside, under their own limiter name)
    const rows = one.sqlite.prepare("select key, hits from rate_limit_hits where key like 'complaints-file:%'").all();
    expect(rows).toEqual([{ key: expect.stringMatching(/^complaints-file:[0-9a-f]{32}$/), hits: 12 }]);
    expect(JSON.stringify(rows)).not.toContain("198.51.100.90");
    rmSync(dir, { recursive: true, force: true });
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

describe("issue 14 item 6: integrators' API keys (COMPLAINTS_API_KEYS, stored hashed)", () => {
  const KEY = "muni-sanjuan-4f9c2a7e1b8d6c3f0a5e9b2d7c4f1a8e";
  const digest = createHash("sha256").update(KEY).digest("hex");
  const env = { COMPLAINTS_API_KEYS: `sha256:${"0".repeat(64)}, sha256:${digest}`, COMPLAINTS_API_KEY_RATE_LIMIT_PER_HOUR: "25", COMPLAINTS_RATE_LIMIT_PER_HOUR: "3" };
  const file = (t: ReturnType<typeof makeTestApp>, headers: Record<string, string>, address = "198.51.100.30") =>
    t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(reclamoBody) }, from(address));

  it("a key files past the address limit under its own limit, by either header; then 429 with Retry-After", async () => {
    const t = makeTestApp({ env });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await file(t, i % 2 ? { authorization: `Bearer ${KEY}` } : { "x-api-key": KEY })).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const refused = await file(t, { authorization: `Bearer ${KEY}` });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // the address's own limit is separate: the same address without a key still has its 3
    expect((await file(t, {})).status).toBe(201);
    const actors = t.database.sqlite.prepare("select distinct actor from complaint_events").all() as { actor: string }[];
    expect(actors.map((a) => a.actor).sort()).toEqual(["api", `api:key:${digest.slice(0, 12)}`]);
    expect(JSON.stringify(actors)).not.toContain(KEY);
  });

  const invalid: Array<[string, Record<string, string>, string]> = [
    ["an unknown key in Authorization", { authorization: "Bearer not-a-key-we-gave" }, "Authorization"],
    ["another scheme in Authorization", { authorization: `Basic ${btoa(`x:${KEY}`)}` }, "Authorization"],
    ["an empty X-Api-Key", { "x-api-key": "" }, "X-Api-Key"],
    ["the digest itself sent as the key", { "x-api-key": `sha256:${digest}` }, "X-Api-Key"],
  ];
  it.each(invalid)("%s → 401 in the API's error shape, nothing stored", async (_label, headers, field) => {
    const t = makeTestApp({ env });
    const res = await file(t, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_api_key", field });
    expect(t.database.sqlite.prepare("select count(*) as n from complaints").get()).toEqual({ n: 0 });
  });

  it("a malformed COMPLAINTS_API_KEYS refuses to load, naming the variable and how to hash a key", () => {
    expect(() => loadConfig({ NODE_ENV: "test", COMPLAINTS_API_KEYS: "plain-key-not-hashed" })).toThrow(/COMPLAINTS_API_KEYS.*sha256sum/);
  });
});
