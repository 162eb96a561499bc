import { afterEach, describe, expect, it } from "vitest";
import { renderWhatsAppTemplate } from "../../../src/channels/whatsapp/render";
import { parseWhatsAppWebhook } from "../../../src/channels/whatsapp/parse";
import { WHATSAPP_PROFILE } from "../../../src/channels/whatsapp/routes";
import { contacts, outbox } from "../../../src/db/schema";
import { createTranslator } from "../../../src/i18n/translator";
import { makeTestApp } from "../../helpers/app";
import { startFakeGraph } from "../../helpers/fake-graph";
import { postWebhook, WA_PHONE_ID, whatsappEnv } from "../../helpers/whatsapp";

/**
 * WhatsApp users who hide their number behind a business-scoped user id (BSUID), as Meta's
 * webhooks carry them since 2026 (`from_user_id`; courier's hello_from_bsuid / hello_user_id).
 */
const USER = "PE.13491208655302741918";
const PHONE = "51987654321";

function webhook(message: Record<string, unknown>, value: Record<string, unknown> = {}): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { phone_number_id: WA_PHONE_ID }, ...value, ...(message ? { messages: [message] } : {}) } }] }],
  });
}
const text = (id: string, body: string, sender: { from?: string; from_user_id?: string }, at: number, ts: "s" | "ms" = "s") => ({
  ...sender,
  id,
  timestamp: ts === "s" ? String(Math.floor(at / 1000)) : String(at),
  type: "text",
  text: { body },
});

let graph: Awaited<ReturnType<typeof startFakeGraph>> | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

describe("WhatsApp senders known by their user id (BSUID)", () => {
  it("one person writing with their number and then with the user id alone is one contact and one conversation", async () => {
    const t = makeTestApp({ env: whatsappEnv() });
    await postWebhook(t.app, webhook(text("wamid.1", "hola", { from: PHONE, from_user_id: USER }, t.clock.now())));
    t.clock.advance(60_000);
    await postWebhook(t.app, webhook(text("wamid.2", "1", { from_user_id: USER }, t.clock.now())));
    const people = await t.deps.db.select().from(contacts).all();
    expect(people).toEqual([expect.objectContaining({ urn: `tel:+${PHONE}`, waUserId: USER, lang: "es" })]);
    const rows = await t.deps.db.select().from(outbox).all();
    // the second answer goes to the id the message came with, and continues the conversation (1 = Español → menu)
    expect(rows.map((r) => [r.address, r.body[0].key])).toEqual([
      [`+${PHONE}`, "common:language.first"],
      [USER, "common:main.title"],
    ]);
  });

  it("a person first known by the user id alone keeps their contact when a later message brings the number", async () => {
    const t = makeTestApp({ env: whatsappEnv() });
    await postWebhook(t.app, webhook(text("wamid.1", "hola", { from_user_id: USER }, t.clock.now())));
    expect(await t.deps.db.select({ urn: contacts.urn }).from(contacts).all()).toEqual([{ urn: `bsuid:${USER}` }]);
    t.clock.advance(60_000);
    await postWebhook(t.app, webhook(text("wamid.2", "1", { from: PHONE, from_user_id: USER }, t.clock.now())));
    expect(await t.deps.db.select({ urn: contacts.urn, waUserId: contacts.waUserId, lang: contacts.lang }).from(contacts).all()).toEqual([{ urn: `tel:+${PHONE}`, waUserId: USER, lang: "es" }]);
  });

  it("replies to a user id go out as Meta's `recipient`, not `to`, and its statuses (recipient_user_id) reach the row", async () => {
    graph = await startFakeGraph();
    const t = makeTestApp({ env: whatsappEnv(graph.url) });
    await postWebhook(t.app, webhook(text("wamid.in", "hola", { from_user_id: USER }, t.clock.now())));
    expect(await t.ctx().dispatchOutbox()).toEqual({ sent: 1, retried: 0, failed: 0, notSent: 0 });
    const body = graph.requests[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ messaging_product: "whatsapp", recipient_type: "individual", recipient: USER });
    expect(body).not.toHaveProperty("to");
    const [row] = await t.deps.db.select().from(outbox).all();
    const status = { id: row.providerId, status: "delivered", timestamp: String(Math.floor(t.clock.now() / 1000)), recipient_user_id: USER };
    await postWebhook(t.app, JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { metadata: { phone_number_id: WA_PHONE_ID }, statuses: [status] } }] }] }));
    expect((await t.deps.db.select().from(outbox).all())[0].delivery).toBe("delivered");
  });

  it("asks a person known only by the user id for a number, saying why, before an answer by SMS", async () => {
    const t = makeTestApp({ env: whatsappEnv() });
    const ctx = t.ctx();
    const state = { lang: "es" as const, node: "complaints.phone", page: 0, stack: [], data: { cx: { kind: "reclamo", contact: "sms" } }, ended: false };
    const screen = (urn: string) => ctx.engine.render(state, { now: t.clock.now(), channel: WHATSAPP_PROFILE, services: ctx.services, urn });
    expect((await screen(`bsuid:${USER}`)).messages.map((m) => m.key)).toEqual(["complaints:contact.phone_needed"]);
    expect((await screen(`tel:+${PHONE}`)).messages.map((m) => m.key)).toEqual(["complaints:contact.phone"]);
    expect(ctx.i18n.t("es", "complaints:contact.phone_needed")).toMatch(/no nos dio su número/);
  });
});

describe("timestamps and template text", () => {
  it("reads Unix seconds (10 digits) and milliseconds (13 digits) as the same moment", () => {
    const at = Date.parse("2026-11-23T15:00:00Z");
    for (const ts of ["s", "ms"] as const) {
      const parsed = parseWhatsAppWebhook(webhook(text("wamid.x", "hola", { from: PHONE }, at, ts)));
      expect(parsed.ok && parsed.events[0]).toMatchObject({ kind: "message", sentAt: at });
    }
  });

  it("the generic notice template never repeats its own 'MIDIS Orienta:' opening", () => {
    const i18n = createTranslator();
    const templates = { notice: "orienta_aviso", byKey: {}, lang: "es" };
    const { payload } = renderWhatsAppTemplate([{ key: "complaints:notify.filed", params: { code: "MO-2026-000123", deadline: "2026-12-20" } }], i18n, templates, PHONE);
    const param = (payload as { template: { components: { parameters: { text: string }[] }[] } }).template.components[0].parameters[0].text;
    expect(i18n.t("es", "complaints:notify.filed", { code: "x", deadline: "y" })).toMatch(/^MIDIS Orienta:/);
    expect(param).toMatch(/^registramos su caso MO-2026-000123/);
    expect(param).not.toContain("MIDIS Orienta");
  });
});
