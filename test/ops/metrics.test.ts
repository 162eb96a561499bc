import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openNodeDatabase } from "../../src/db/node";
import { silentLogger } from "../../src/logging/logger";
import { channelOf, createMetrics } from "../../src/ops/metrics";
import { reclamoBody } from "../helpers/complaints";
import { dial } from "../helpers/ussd";

function metricsApp(env: Record<string, string> = {}) {
  const database = openNodeDatabase(":memory:");
  const { config } = loadConfig({ NODE_ENV: "test", ...env });
  const metrics = createMetrics(database.db, { defaultMetrics: false });
  const app = createApp({ db: database.db, config, logger: silentLogger, metrics });
  const scrape = async (headers: Record<string, string> = {}) => {
    const res = await app.request("/metrics", { headers });
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  };
  return { app, scrape };
}

/** The value of one sample line, e.g. `orienta_complaints{kind="reclamo",status="registrado"}`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf("}"));
    const has = Object.entries(labels).every(([k, v]) => inside.includes(`${k}="${v}"`));
    if (has) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("/metrics (Prometheus)", () => {
  it.each([
    ["/channels/ussd", "ussd"],
    ["/channels/sms/twilio", "sms"],
    ["/channels/whatsapp", "whatsapp"],
    ["/api/v1/chat", "web"],
    ["/widget.js", "web"],
    ["/api/v1/lookup", "api"],
    ["/staff/complaints", "staff"],
    ["/", "other"],
  ])("counts %s under channel %s", (path, channel) => expect(channelOf(path)).toBe(channel));

  it("counts requests by channel and route, with latency, and never a person's data", async () => {
    const { app, scrape } = metricsApp();
    const phone = dial(app, "+51987654321");
    await phone.start();
    await phone.press("1");
    const filed = await app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) });
    expect(filed.status).toBe(201);
    await app.request("/api/v1/lookup", { method: "POST", headers: { "content-type": "application/json" }, body: "{broken" });

    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, "orienta_http_requests_total", { channel: "ussd", status: "200" })).toBe(2);
    expect(sample(text, "orienta_http_requests_total", { channel: "api", route: "/api/v1/lookup", status: "400" })).toBe(1);
    expect(sample(text, "orienta_http_request_duration_seconds_count", { channel: "ussd" })).toBe(2);
    // the filed complaint and the SMS notice waiting in the outbox
    expect(sample(text, "orienta_complaints", { kind: "reclamo", status: "registrado" })).toBe(1);
    expect(sample(text, "orienta_outbox_messages", { channel: "sms", status: "pending" })).toBeGreaterThanOrEqual(1);
    expect(text).toContain("orienta_outbox_oldest_pending_seconds");
    // scrapes are not counted, and nothing personal is a label
    expect(text).not.toMatch(/route="\/metrics"/);
    expect(text).not.toMatch(/987654321|12345678|Mamani/);
  });

  it("asks for the bearer token when METRICS_TOKEN is set", async () => {
    const { scrape } = metricsApp({ METRICS_TOKEN: "a-long-metrics-token-123" });
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: "Bearer wrong-token-wrong-token" })).status).toBe(401);
    expect((await scrape({ authorization: "Bearer a-long-metrics-token-123" })).status).toBe(200);
  });

  it("is absent when no metrics are injected (the Worker build)", async () => {
    const database = openNodeDatabase(":memory:");
    const { config } = loadConfig({ NODE_ENV: "test" });
    const app = createApp({ db: database.db, config, logger: silentLogger });
    expect((await app.request("/metrics")).status).toBe(404);
  });
});
