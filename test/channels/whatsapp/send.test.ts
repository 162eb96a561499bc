import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { atomic } from "../../../src/db/atomic";
import { outbox } from "../../../src/db/schema";
import { enqueueOutbound } from "../../../src/services/outbox/enqueue";
import { retryDelay } from "../../../src/services/outbox/dispatch";
import { makeTestApp } from "../../helpers/app";
import { fakeWamid, graphError, startFakeGraph } from "../../helpers/fake-graph";
import { postWebhook, textWebhook, waFixture, whatsappEnv } from "../../helpers/whatsapp";

const HOUR = 3_600_000;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
afterEach(async () => graph?.close());

async function setup(extraEnv: Record<string, string> = {}) {
  graph = await startFakeGraph();
  const t = makeTestApp({ env: { ...whatsappEnv(graph.url), ...extraEnv } });
  const ctx = t.ctx();
  const rows = () => t.deps.db.select().from(outbox).all();
  return { ...t, ctx, rows, dispatch: () => ctx.dispatchOutbox() };
}

describe("WhatsApp sender (through the outbox, against a fake Graph API)", () => {
  it("sends a reply as the exact JSON Meta documents, to the configured version and phone number id", async () => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    expect(await t.dispatch()).toEqual({ sent: 1, retried: 0, failed: 0, notSent: 0 });
    expect(graph.requests).toEqual([
      {
        method: "POST",
        path: "/v24.0/106540352242922/messages",
        authorization: "Bearer EAAtesttoken",
        contentType: "application/json",
        status: 200,
        body: {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: "51987654321",
          type: "interactive",
          interactive: {
            type: "button",
            body: { text: "Elija idioma / Simita akllay / Aru ajllim:" },
            action: {
              buttons: [
                { type: "reply", reply: { id: "1", title: "Español" } },
                { type: "reply", reply: { id: "2", title: "Runasimi (quechua)" } },
                { type: "reply", reply: { id: "3", title: "Aymar aru (aymara)" } },
              ],
            },
          },
        },
      },
    ]);
    expect(await t.rows()).toEqual([expect.objectContaining({ status: "sent", providerId: fakeWamid(1), attempts: 1, lastError: null })]);
  });

  it("retries 503 and 429 with backoff, then sends the same JSON once more and stops", async () => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    graph.respond({ status: 503, body: graphError(2, "Service temporarily unavailable") }, { status: 429, body: graphError(80007, "Rate limit hit") });
    expect((await t.dispatch()).retried).toBe(1);
    expect((await t.dispatch()).retried).toBe(0); // not due yet: backoff
    t.clock.advance(retryDelay(1));
    expect((await t.dispatch()).retried).toBe(1);
    t.clock.advance(retryDelay(2));
    expect((await t.dispatch()).sent).toBe(1);
    t.clock.advance(HOUR);
    expect(await t.dispatch()).toEqual({ sent: 0, retried: 0, failed: 0, notSent: 0 });
    expect(graph.requests).toHaveLength(3);
    expect(new Set(graph.requests.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await t.rows()).toEqual([expect.objectContaining({ status: "sent", attempts: 3, providerId: fakeWamid(1) })]);
  });

  const graphAnswers = [
    { label: "Meta's throughput limit (400, code 130429) is retried", response: { status: 400, body: graphError(130429, "(#130429) Rate limit hit") }, outcome: "retried", error: /HTTP 400 130429/ },
    { label: "a pair rate limit (400, code 131056) is retried", response: { status: 400, body: graphError(131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit") }, outcome: "retried", error: /131056/ },
    {
      label: "a recipient not allowed (400, code 131030) is a permanent failure, recorded",
      response: { status: 400, body: graphError(131030, "(#131030) Recipient phone number not in allowed list", "Add recipient phone number to recipient list and try again.") },
      outcome: "failed",
      error: /HTTP 400 131030 \(#131030\) Recipient phone number not in allowed list Add recipient/,
    },
    { label: "an expired token (401, code 190) is a permanent failure", response: { status: 401, body: graphError(190, "Error validating access token") }, outcome: "failed", error: /HTTP 401 190/ },
    { label: "a 500 without a JSON body is retried", response: { status: 500, body: "oops" }, outcome: "retried", error: /HTTP 500/ },
  ] as const;
  it.each(graphAnswers)("$label", async ({ response, outcome, error }) => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    graph.respond(response);
    const report = await t.dispatch();
    expect(report[outcome]).toBe(1);
    const [row] = await t.rows();
    expect(row.status).toBe(outcome === "retried" ? "pending" : "failed");
    expect(row.lastError).toMatch(error);
  });

  it("a Graph API that cannot be reached is retried", async () => {
    graph = await startFakeGraph();
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const t = makeTestApp({ env: whatsappEnv(`http://127.0.0.1:${closedPort}`) });
    await postWebhook(t.app, waFixture("text.json"));
    expect((await t.ctx().dispatchOutbox()).retried).toBe(1);
    const [row] = await t.deps.db.select().from(outbox).all();
    expect(row.lastError).toMatch(/^network/);
  });
});

describe("delivery statuses (statuses webhook → the outbox row)", () => {
  it("sent → delivered → read are recorded on the row with Meta's times", async () => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    await t.dispatch();
    for (const file of ["status-sent.json", "status-delivered.json", "status-read.json"]) expect((await postWebhook(t.app, waFixture(file))).status).toBe(200);
    expect(await t.rows()).toEqual([expect.objectContaining({ status: "sent", delivery: "read", deliveryAt: 1795446010_000, deliveryError: null })]);
  });

  it("a late 'delivered' after 'read' does not move the row backwards", async () => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    await t.dispatch();
    await postWebhook(t.app, waFixture("status-read.json"));
    await postWebhook(t.app, waFixture("status-delivered.json"));
    expect((await t.rows())[0].delivery).toBe("read");
  });

  it("a failed status keeps Meta's error code, title and details, visible on the row", async () => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    await t.dispatch();
    await postWebhook(t.app, waFixture("status-failed.json"));
    const [row] = await t.rows();
    expect(row.delivery).toBe("failed");
    expect(row.deliveryError).toMatch(/^131047 Re-engagement message Message failed to send because more than 24 hours/);
  });

  it("a 'failed' that outruns the send (before the provider id is stored) is applied once it is", async () => {
    const t = await setup();
    await postWebhook(t.app, waFixture("text.json"));
    graph.hooks.beforeAccept = async (wamid) => {
      const failed = waFixture("status-failed.json").replace(/wamid\.HBgLNTE5ODc2NTQzMjEVAgARGBJGQUtFR1JBUEgwMDAwMDAwMDEA/g, wamid);
      expect((await postWebhook(t.app, failed)).status).toBe(200);
    };
    await t.dispatch();
    const [row] = await t.rows();
    expect(row).toMatchObject({ status: "sent", providerId: fakeWamid(1), delivery: "failed" });
    expect(row.deliveryError).toMatch(/^131047/);
  });

  it("a status for a message we never sent is acknowledged and changes nothing", async () => {
    const t = await setup();
    expect((await postWebhook(t.app, waFixture("status-delivered.json"))).status).toBe(200);
    expect(await t.rows()).toEqual([]);
  });
});

describe("the 24-hour window (injected clock)", () => {
  async function notice(t: Awaited<ReturnType<typeof setup>>, lang: "es" | "qu", body = [{ key: "common:goodbye" }]) {
    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { id: "notice", channel: "whatsapp", address: "+51987654321", lang, body, ref: "complaint:MO-2026-000123" }, t.clock.now())]);
    await t.dispatch();
    return graph.requests[graph.requests.length - 1].body as Record<string, unknown>;
  }
  async function personWrote(t: Awaited<ReturnType<typeof setup>>, hoursAgo: number) {
    // the person wrote (and chose Quechua) `hoursAgo` before the notice; Meta's timestamp says when
    await postWebhook(t.app, textWebhook({ id: "wamid.A", text: "Hola", timestamp: t.clock.now() }));
    await postWebhook(t.app, textWebhook({ id: "wamid.B", buttonId: "2", timestamp: t.clock.now() }));
    await t.dispatch();
    t.clock.advance(hoursAgo * HOUR);
  }

  it("within 24 hours a notice goes free-form, in the person's language", async () => {
    const t = await setup();
    await personWrote(t, 23);
    const body = await notice(t, "qu");
    expect(body).toEqual({ messaging_product: "whatsapp", recipient_type: "individual", to: "51987654321", type: "text", text: { preview_url: false, body: t.ctx.i18n.t("qu", "common:goodbye") } });
  });

  it("after 24 hours it goes as the approved template, in Spanish", async () => {
    const t = await setup();
    await personWrote(t, 25);
    const body = await notice(t, "qu");
    expect(body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "51987654321",
      type: "template",
      template: { name: "orienta_aviso", language: { code: "es" }, components: [{ type: "body", parameters: [{ type: "text", text: t.ctx.i18n.t("es", "common:goodbye") }] }] },
    });
  });

  it("to a person who never wrote, a notice goes as a template", async () => {
    const t = await setup();
    expect((await notice(t, "es")).type).toBe("template");
  });

  it("a key configured with its own template sends its params by name", async () => {
    const t = await setup({ WHATSAPP_TEMPLATES: "complaints:test=orienta_reclamo_estado" });
    const body = await notice(t, "qu", [{ key: "complaints:test", params: { code: "MO-2026-000123", status: "atendido" } } as never]);
    expect(body.template).toEqual({
      name: "orienta_reclamo_estado",
      language: { code: "es" },
      components: [{ type: "body", parameters: [{ type: "text", parameter_name: "code", text: "MO-2026-000123" }, { type: "text", parameter_name: "status", text: "atendido" }] }],
    });
  });

  it("after the template, the conversation resumes in the person's language when they reply", async () => {
    const t = await setup();
    await personWrote(t, 30);
    await notice(t, "qu");
    await postWebhook(t.app, textWebhook({ id: "wamid.C", text: "Hola", timestamp: t.clock.now() }));
    await t.dispatch();
    const body = graph.requests[graph.requests.length - 1].body as { interactive: { body: { text: string } } };
    expect(body.interactive.body.text).toContain(t.ctx.i18n.t("qu", "common:main.title"));
  });

  it("a conversation reply held up past the window is not sent as a template: failed, with the reason", async () => {
    const t = await setup();
    await postWebhook(t.app, textWebhook({ id: "wamid.A", text: "Hola", timestamp: t.clock.now() }));
    graph.respond(...Array.from({ length: 7 }, () => ({ status: 503, body: graphError(2, "unavailable") })));
    for (let i = 0; i < 7; i++) {
      await t.dispatch();
      t.clock.advance(5 * HOUR);
    }
    await t.dispatch();
    const [row] = await t.rows();
    expect(row).toMatchObject({ status: "failed", lastError: "24-hour window closed: a conversation reply is not sent as a template" });
    expect(graph.requests.every((r) => (r.body as { type: string }).type !== "template")).toBe(true);
  });
});
