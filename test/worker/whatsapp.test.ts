import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGraph } from "../helpers/fake-graph";
import { WA_SECRET, waFixture, whatsappEnv } from "../helpers/whatsapp";
import { metaSignatureHeader } from "../../src/channels/whatsapp/verify";
import { startWorker, type LocalWorker } from "./harness";

// The WhatsApp channel on Workers + D1: Web Crypto signature check, the inbound-id primary key
// inside a D1 batch, and the reply sent from waitUntil right after the webhook.
let worker: LocalWorker;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
beforeAll(async () => {
  graph = await startFakeGraph();
  worker = await startWorker({ vars: whatsappEnv(graph.url) });
});
afterAll(async () => {
  await worker?.dispose();
  await graph?.close();
});

async function post(body: string, signature?: string) {
  return worker.fetch("/channels/whatsapp", {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature ?? (await metaSignatureHeader(WA_SECRET, body)) },
    body,
  });
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

describe("WhatsApp on the Worker (D1)", () => {
  it("a signed message is answered once through the Graph API, even when delivered again", async () => {
    // the Worker runs on the real clock: a fixture written days ago would be outside WhatsApp's
    // 24-hour window (no free-form reply allowed), so the message is dated now
    const body = waFixture("text.json").replace(/"timestamp": "\d+"/, `"timestamp": "${Math.floor(Date.now() / 1000)}"`);
    expect(body).not.toBe(waFixture("text.json"));
    expect((await post(body)).status).toBe(200);
    await until(() => graph.requests.length >= 1);
    expect((await post(body)).status).toBe(200);
    await worker.scheduled();
    await new Promise((r) => setTimeout(r, 200));
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]).toMatchObject({ path: "/v24.0/106540352242922/messages", body: { to: "51987654321", type: "interactive" } });
    const rows = await worker.d1.prepare("select status, provider_id from outbox").all();
    expect(rows.results).toEqual([{ status: "sent", provider_id: expect.stringMatching(/^wamid\./) }]);
    const inbound = await worker.d1.prepare("select count(*) as n from inbound_messages").first();
    expect(inbound).toEqual({ n: 1 });
  });

  it("a bad signature is refused with 401", async () => {
    expect((await post(waFixture("text.json"), "sha256=" + "0".repeat(64))).status).toBe(401);
  });

  it("verification answers the challenge", async () => {
    const res = await worker.fetch("/channels/whatsapp?hub.mode=subscribe&hub.verify_token=orienta-verify-token&hub.challenge=42");
    expect(await res.text()).toBe("42");
  });
});
