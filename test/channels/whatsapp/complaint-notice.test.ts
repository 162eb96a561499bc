import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp } from "../../helpers/app";
import { startFakeGraph } from "../../helpers/fake-graph";
import { postWebhook, textWebhook, waFixture, whatsappEnv } from "../../helpers/whatsapp";
import { complaintBody } from "../../services/complaints/factory";

let graph: Awaited<ReturnType<typeof startFakeGraph>>;
afterEach(async () => graph?.close());

describe("complaint notices on WhatsApp", () => {
  it("a person who never wrote gets the Spanish template; after they write, the answer comes free-form in Quechua; a delivery failure shows on the complaint", async () => {
    graph = await startFakeGraph();
    const t = makeTestApp({ env: whatsappEnv(graph.url) });
    const ctx = t.ctx();
    const complaints = ctx.services.complaints;
    const { complaint } = await complaints.file({ body: complaintBody({ contact: { channel: "whatsapp", address: "987654321" }, lang: "qu" }), channel: "ussd", actor: "citizen:ussd" });
    await ctx.dispatchOutbox();
    const filed = graph.requests[0].body as { to: string; type: string; template: { name: string; language: { code: string }; components: { parameters: { text: string }[] }[] } };
    expect(filed).toMatchObject({ to: "51987654321", type: "template", template: { name: "orienta_aviso", language: { code: "es" } } });
    expect(filed.template.components[0].parameters[0].text).toContain(complaint.code);

    // the person writes on WhatsApp: the 24-hour window opens
    t.clock.advance(60_000);
    await postWebhook(t.app, textWebhook({ id: "wamid.HELLO", text: "Hola", timestamp: t.clock.now() }));
    await complaints.changeStatus({ code: complaint.code, to: "en_revision", actor: "staff:agent-1" });
    await complaints.changeStatus({ code: complaint.code, to: "respondido", actor: "staff:agent-1", answer: "Pagoykiqa huk p'unchawmanmi churakun." });
    await ctx.dispatchOutbox();
    const answered = graph.requests.slice(1).map((r) => r.body as { type: string; text?: { body: string } }).filter((b) => b.type === "text");
    expect(answered.some((b) => b.text!.body.includes("Pagoykiqa huk p'unchawmanmi churakun."))).toBe(true);

    // Meta later reports the first notice failed: staff see it on the complaint
    const failed = waFixture("status-failed.json");
    await postWebhook(t.app, failed);
    const detail = await complaints.detail(complaint.code, { id: "agent-1", role: "quality_agent" });
    const first = detail.messages[0];
    expect(first).toMatchObject({ channel: "whatsapp", status: "sent", delivery: "failed" });
    expect(first.deliveryError).toMatch(/^131047/);
  });
});
