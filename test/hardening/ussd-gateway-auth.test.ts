import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { ConfigError, loadConfig } from "../../src/config";
import { makeTestApp } from "../helpers/app";
import { ussdForm } from "../helpers/ussd";

const KEY = "gateway-key-0123456789abcdef";
const form = (sessionId: string) => ussdForm({ sessionId, phoneNumber: "+51987654321", text: "" });
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

async function sessions(database: ReturnType<typeof makeTestApp>["database"]): Promise<number> {
  const row = (await database.db.get(sql`select count(*) as n from sessions`)) as { n: number };
  return row.n;
}

describe("issue 14 item 1: the USSD callback speaks for a phone only when the gateway is authenticated", () => {
  it("a forged callback without the key (the finding: anyone reaching /channels/ussd) gets 403 and nothing is stored", async () => {
    const t = makeTestApp({ env: { USSD_CALLBACK_KEY: KEY } });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    for (const path of ["/channels/ussd", "/channels/ussd?key=wrong-key-0123456789abcd", `/channels/ussd?key=${KEY}x`]) {
      const res = await t.app.request(path, { method: "POST", headers, body: form("forged-1") });
      expect(res.status).toBe(403);
    }
    const wrongHeader = await t.app.request("/channels/ussd", { method: "POST", headers: { ...headers, "x-callback-key": KEY.slice(0, -1) }, body: form("forged-2") });
    expect(wrongHeader.status).toBe(403);
    expect(await sessions(t.database)).toBe(0);
  });

  it("the gateway's key in the callback URL or the X-Callback-Key header is accepted", async () => {
    const t = makeTestApp({ env: { USSD_CALLBACK_KEY: KEY } });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const byQuery = await t.app.request(`/channels/ussd?key=${KEY}`, { method: "POST", headers, body: form("gw-1") });
    expect(byQuery.status).toBe(200);
    expect(await byQuery.text()).toMatch(/^CON /);
    const byHeader = await t.app.request("/channels/ussd", { method: "POST", headers: { ...headers, "x-callback-key": KEY }, body: form("gw-2") });
    expect(byHeader.status).toBe(200);
    expect(await sessions(t.database)).toBe(2);
  });

  it("USSD_ALLOWED_SOURCES: judged on the socket address; a forged X-Forwarded-For does not get in", async () => {
    const t = makeTestApp({ env: { USSD_ALLOWED_SOURCES: "10.20.0.0/16, 2001:db8::/32" } });
    const init = (extra: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...extra }, body: form(`s-${Math.random()}`) });
    expect((await t.app.request("/channels/ussd", init(), from("10.20.3.4"))).status).toBe(200);
    expect((await t.app.request("/channels/ussd", init(), from("::ffff:10.20.3.4"))).status).toBe(200);
    expect((await t.app.request("/channels/ussd", init(), from("2001:db8::7"))).status).toBe(200);
    expect((await t.app.request("/channels/ussd", init(), from("10.21.0.1"))).status).toBe(403);
    expect((await t.app.request("/channels/ussd", init({ "x-forwarded-for": "10.20.3.4" }), from("203.0.113.9"))).status).toBe(403);
  });

  it("behind a trusted proxy the gateway's forwarded address is what counts (rightmost untrusted hop)", async () => {
    const t = makeTestApp({ env: { USSD_ALLOWED_SOURCES: "10.20.0.0/16", TRUST_PROXY: "192.168.1.0/24" } });
    const init = (xff: string) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": xff }, body: form(`p-${Math.random()}`) });
    expect((await t.app.request("/channels/ussd", init("10.20.0.5"), from("192.168.1.2"))).status).toBe(200);
    // the client wrote the left entry itself; the proxy appended what it saw (an outsider)
    expect((await t.app.request("/channels/ussd", init("10.20.0.5, 198.51.100.7"), from("192.168.1.2"))).status).toBe(403);
    // two trusted proxies in a row are skipped
    expect((await t.app.request("/channels/ussd", init("10.20.0.5, 192.168.1.9"), from("192.168.1.2"))).status).toBe(200);
  });

  it("with both set, both must hold", async () => {
    const t = makeTestApp({ env: { USSD_CALLBACK_KEY: KEY, USSD_ALLOWED_SOURCES: "10.20.0.0/16" } });
    const init = (extra: Record<string, string>) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...extra }, body: form(`b-${Math.random()}`) });
    expect((await t.app.request("/channels/ussd", init({ "x-callback-key": KEY }), from("10.20.0.1"))).status).toBe(200);
    expect((await t.app.request("/channels/ussd", init({ "x-callback-key": KEY }), from("10.99.0.1"))).status).toBe(403);
    expect((await t.app.request("/channels/ussd", init({}), from("10.20.0.1"))).status).toBe(403);
  });

  it("production refuses to start with neither, naming both; a short key or a bad CIDR is refused", () => {
    const prod = { NODE_ENV: "production", APP_SECRET: "a-long-enough-secret-value" };
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(() => loadConfig(prod)).toThrow(/USSD_CALLBACK_KEY.*USSD_ALLOWED_SOURCES/);
    expect(() => loadConfig({ ...prod, USSD_ALLOWED_SOURCES: "10.0.0.0/8" })).not.toThrow();
    expect(() => loadConfig({ ...prod, USSD_CALLBACK_KEY: "short" })).toThrow(/USSD_CALLBACK_KEY/);
    expect(() => loadConfig({ ...prod, USSD_ALLOWED_SOURCES: "10.0.0.0/33" })).toThrow(/USSD_ALLOWED_SOURCES/);
    expect(() => loadConfig({ TRUST_PROXY: "proxy.local" })).toThrow(/TRUST_PROXY/);
  });

  it("development with neither set stays open (existing tests and `npm run ussd` without a key)", async () => {
    const t = makeTestApp();
    const res = await t.app.request("/channels/ussd", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form("dev-1") });
    expect(res.status).toBe(200);
  });
});

describe("issue 14 items 8 and 9: /healthz writes, /metrics closed in production without a token", () => {
  it("/healthz answers 503 when the write probe fails (a read-only database), 200 otherwise", async () => {
    const t = makeTestApp();
    expect((await t.app.request("/healthz")).status).toBe(200);
    t.database.db.run(sql`create trigger healthz_refuses before insert on lookup_throttle begin select raise(abort, 'disk full'); end`);
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(503);
  });

  it("production without METRICS_TOKEN: /metrics is 404; with it, a bearer token is required", async () => {
    const metrics = { middleware: async (_c: unknown, next: () => Promise<void>) => next(), serve: () => new Response("m 1") };
    const prod = { NODE_ENV: "production", APP_SECRET: "a-long-enough-secret-value", USSD_CALLBACK_KEY: KEY };
    const open = makeTestApp({ env: prod, metrics: metrics as never });
    expect((await open.app.request("/metrics")).status).toBe(404);
    const locked = makeTestApp({ env: { ...prod, METRICS_TOKEN: "metrics-token-0123456789" }, metrics: metrics as never });
    expect((await locked.app.request("/metrics")).status).toBe(401);
    expect((await locked.app.request("/metrics", { headers: { authorization: "Bearer metrics-token-0123456789" } })).status).toBe(200);
  });
});
