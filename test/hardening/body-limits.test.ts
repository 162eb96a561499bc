import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { jsonDepth, MAX_JSON_DEPTH } from "../../src/http/body-limits";
import { makeTestApp } from "../helpers/app";
import { postWebhook, whatsappEnv } from "../helpers/whatsapp";

/** A real HTTP POST with a chunked body (no Content-Length): what the cap must cut while reading. */
function postChunked(port: number, path: string, chunk: Buffer, chunks: number, contentType: string): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers: { "content-type": contentType, "transfer-encoding": "chunked" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on("error", (error) => (sent > 0 ? resolve({ status: -1, body: String(error), sent }) : reject(error)));
    const pump = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("issue 14 item 4: bodies are capped per route while reading", () => {
  const t = makeTestApp({ env: whatsappEnv() });
  let server: ServerType;
  let port = 0;
  beforeAll(async () => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("the finding: a 10 MB nested-array body to /api/v1/eligibility is refused 413 in the API shape, over HTTP, before it is parsed", async () => {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/eligibility`, { method: "POST", headers: { "content-type": "application/json" }, body: nested(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "payload_too_large", field: "body" });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("a chunked body without Content-Length is cut at the cap (64 KB JSON APIs)", async () => {
    const res = await postChunked(port, "/api/v1/eligibility", Buffer.alloc(16 * 1024, 0x5b), 640, "application/json");
    if (res.status !== -1) expect(res.status).toBe(413);
    // the server stopped reading long before the 10 MB the client offered
    expect(res.sent).toBeLessThan(640);
  });

  it("JSON nested deeper than 32 levels is a 400, at every public JSON API", async () => {
    expect(jsonDepth(nested(MAX_JSON_DEPTH))).toBe(32);
    expect(jsonDepth('{"a":"[[[[[[[["}')).toBe(1);
    for (const path of ["/api/v1/eligibility", "/api/v1/chat", "/api/v1/lookup", "/api/v1/complaints"]) {
      const res = await t.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: `{"x":${nested(40)}}` });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe("body");
    }
    const ok = await t.app.request("/api/v1/chat", { method: "POST", headers: { "content-type": "application/json" }, body: `{"lang":"es","x":${nested(20)}}` });
    expect(ok.status).not.toBe(400);
  });

  it("USSD and SMS forms over 16 KB: 413 and nothing reaches the route", async () => {
    const big = "text=" + "1*".repeat(9000);
    for (const path of ["/channels/ussd", "/channels/sms", "/channels/sms/twilio"]) {
      const res = await t.app.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: big });
      expect(res.status, path).toBe(413);
    }
  });

  it("WhatsApp: a 2 MB unsigned POST (the finding: 250 MB read whole before the signature) is 413; a signed body under 1 MB still checks its signature", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/channels/whatsapp`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    const chunked = await postChunked(port, "/channels/whatsapp", Buffer.alloc(64 * 1024, 0x20), 40, "application/json");
    if (chunked.status !== -1) expect(chunked.status).toBe(413);
    expect((await postWebhook(t.app, JSON.stringify({ object: "whatsapp_business_account", entry: [] }), "bad")).status).toBe(401);
  });

  it("staff forms over 64 KB: 413", async () => {
    const res = await t.app.request("/staff/login", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a&password=" + "x".repeat(70 * 1024) });
    expect(res.status).toBe(413);
  });
});
