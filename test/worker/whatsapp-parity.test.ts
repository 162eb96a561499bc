import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignatureHeader } from "../../src/channels/whatsapp/verify";
import { makeTestApp } from "../helpers/app";
import { startFakeGraph } from "../helpers/fake-graph";
import { textWebhook, whatsappEnv, WA_SECRET } from "../helpers/whatsapp";
import { nodeClient, Transcript, type Client } from "../parity/client";
import { startWorker, type LocalWorker } from "./harness";

// A signed WhatsApp conversation against both builds: the webhook answers and, above all, the
// messages sent to Meta's Graph API must be the same. Node sends to a fake Graph on 127.0.0.1;
// the Worker's outbound fetches are caught by Miniflare (no network either way).
type GraphCall = { method: string; path: string; authorization: string | null; body: unknown };

let worker: LocalWorker;
const workerGraph: GraphCall[] = [];
let fake: Awaited<ReturnType<typeof startFakeGraph>>;

beforeAll(async () => {
  fake = await startFakeGraph();
  worker = await startWorker({
    vars: whatsappEnv("https://graph.facebook.test"),
    outbound: async (request) => {
      const url = new URL(request.url);
      const body = (await request.json()) as { to?: string };
      workerGraph.push({ method: request.method, path: url.pathname + url.search, authorization: request.headers.get("authorization"), body });
      return Response.json({ messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.W${workerGraph.length}` }] });
    },
  });
});
afterAll(async () => {
  await worker?.dispose();
  await fake?.close();
});

const sentAt = Date.now() - 5_000;
const steps = [
  { label: "text hola", body: textWebhook({ id: "wamid.IN1", text: "hola", timestamp: sentAt }) },
  { label: "button 1 (Español)", body: textWebhook({ id: "wamid.IN2", buttonId: "1", timestamp: sentAt + 1000 }) },
  { label: "list row 1 (programs)", body: textWebhook({ id: "wamid.IN3", listId: "1", timestamp: sentAt + 2000 }) },
  { label: "the same message again", body: textWebhook({ id: "wamid.IN3", listId: "1", timestamp: sentAt + 2000 }) },
];

async function converse(client: Client, afterEach: (expected: number) => Promise<void>) {
  const t = new Transcript(client);
  let expected = 0;
  for (const step of steps) {
    const signature = await metaSignatureHeader(WA_SECRET, step.body);
    const res = await t.send(step.label, "/channels/whatsapp", { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body: step.body });
    expect(res.status).toBe(200);
    if (step.label !== "the same message again") expected += 1;
    await afterEach(expected);
  }
  const forged = await t.send("forged", "/channels/whatsapp", {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": await metaSignatureHeader("not-the-secret", steps[0].body) },
    body: steps[0].body,
  });
  expect(forged.status).toBe(401);
  return t;
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("WhatsApp parity", () => {
  it("a signed conversation gets the same webhook answers and the same Graph messages", async () => {
    const node = makeTestApp({ env: whatsappEnv(fake.url) });
    const nodeCtx = node.ctx();
    const onNode = await converse(nodeClient(node.app), async () => {
      await nodeCtx.dispatchOutbox();
    });
    // on the Worker nothing is dispatched by the test: the request that queued a reply sends it
    // (waitUntil), without waiting for the cron minute
    const onWorker = await converse(worker.fetch, (expected) => until(() => workerGraph.length >= expected, `Graph call ${expected}`));

    expect(onWorker.exchanges).toEqual(onNode.exchanges);
    const nodeGraph: GraphCall[] = fake.requests.map((r) => ({ method: r.method, path: r.path, authorization: r.authorization ?? null, body: r.body }));
    expect(workerGraph).toEqual(nodeGraph);
    expect(workerGraph).toHaveLength(3);
    expect(workerGraph[0]).toMatchObject({ method: "POST", path: "/v24.0/106540352242922/messages", authorization: "Bearer EAAtesttoken" });
    expect(workerGraph[0].body).toMatchObject({ to: "51987654321", type: "interactive" });
    expect(JSON.stringify(workerGraph[2].body)).toContain("Pensión 65");
    // the delivery was recorded on the Worker's outbox like on Node
    const { results } = await worker.d1.prepare("SELECT status, provider_id FROM outbox ORDER BY created_at").all<{ status: string; provider_id: string }>();
    expect(results.map((r: { status: string }) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(worker.logs.join("\n")).not.toContain("987654321");
  });
});
