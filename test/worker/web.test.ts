import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type LocalWorker } from "./harness";

// The web chat on workerd + D1: HMAC session ids (Web Crypto), the engine, the widget script.
let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker();
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
});

const chat = async (body: unknown) => {
  const res = await worker.fetch("/api/v1/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { sessionId: string; lang: string; reply: { text: string; options: { id: string; label: string }[]; end: boolean } } };
};

describe("web chat on Cloudflare Workers", () => {
  it("a conversation in Quechua keeps its session; a forged id starts anew", async () => {
    const first = await chat({ lang: "qu" });
    expect(first.status).toBe(200);
    expect(first.json.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.json.lang).toBe("qu");
    const list = await chat({ sessionId: first.json.sessionId, choice: "1", seq: 0 });
    expect(list.json.sessionId).toBe(first.json.sessionId);
    expect(list.json.reply.options.at(-1)?.id).toBe("00");
    const retry = await chat({ sessionId: first.json.sessionId, choice: "1", seq: 0 });
    expect(retry.json.reply).toEqual(list.json.reply);
    const forged = await chat({ sessionId: "B".repeat(43), choice: "1" });
    expect(forged.json.sessionId).not.toBe("B".repeat(43));
    expect((await chat({ text: 5 })).status).toBe(400);
  });

  it("a first request that is a keyword opens its section on D1 too (PAGO <DNI> asks only the date)", async () => {
    const first = await chat({ lang: "es", text: "PAGO 12345678" });
    expect(first.status).toBe(200);
    expect(first.json.reply.text).toContain("fecha de nacimiento");
    const plain = await chat({ lang: "es", text: "1" });
    expect(plain.json.reply.text).toBe("MIDIS Orienta. Elija:");
  });

  it("serves /widget.js and /chat", async () => {
    const js = await worker.fetch("/widget.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect(await js.text()).toContain("\"send\":\"Apachiy\"");
    const page = await worker.fetch("/chat?lang=ay");
    expect(await page.text()).toContain('<html lang="ay">');
  });
});
