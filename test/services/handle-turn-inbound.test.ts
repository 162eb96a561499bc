import { WHATSAPP_PROFILE } from "../../src/channels/whatsapp/routes";
import { describe, expect, it } from "vitest";
import { inboundMessages, outbox, sessions, smsContinuations, smsInbound } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";

const channel = WHATSAPP_PROFILE;

describe("handleTurn with a provider message id and an outbox reply", () => {
  it("stores the session, the inbound id and the reply together", async () => {
    const t = makeTestApp();
    const ctx = t.ctx();
    const result = await ctx.handleTurn({ channel, urn: "tel:+51987654321", text: "Hola", inbound: { id: "wamid.1", sentAt: t.clock.now() - 1000 }, replyTo: { address: "+51987654321" } });
    expect(result.duplicate).toBeUndefined();
    const [row] = await t.deps.db.select().from(outbox).all();
    expect(row).toMatchObject({ channel: "whatsapp", address: "+51987654321", ref: "reply:wamid.1", body: result.reply.messages, choices: { options: result.reply.options, nav: result.reply.nav } });
    expect(await t.deps.db.select().from(inboundMessages).all()).toHaveLength(1);
  });

  it("the same id twice at the same moment: one turn, one reply; the loser's write is refused as a whole", async () => {
    const t = makeTestApp();
    const ctx = t.ctx();
    const turn = { channel, urn: "tel:+51987654321", text: "Hola", inbound: { id: "wamid.race", sentAt: t.clock.now() }, replyTo: { address: "+51987654321" } };
    // first make a session exist, so both racers step the engine on the same screen
    await ctx.handleTurn({ ...turn, inbound: { id: "wamid.first", sentAt: t.clock.now() } });
    const results = await Promise.all([ctx.handleTurn(turn), ctx.handleTurn(turn), ctx.handleTurn(turn)]);
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    expect(await t.deps.db.select().from(outbox).all()).toHaveLength(2);
    expect(await t.deps.db.select().from(inboundMessages).all()).toHaveLength(2);
    expect(await t.deps.db.select().from(sessions).all()).toHaveLength(1);
  });

  it("a notice for what the channel cannot read shows the same screen again below it, without stepping", async () => {
    const t = makeTestApp();
    const ctx = t.ctx();
    const first = await ctx.handleTurn({ channel, urn: "tel:+51987654321", text: "Hola" });
    const again = await ctx.handleTurn({ channel, urn: "tel:+51987654321", notice: { key: "whatsapp:media_unsupported" } });
    expect(again.reply.messages).toEqual([{ key: "whatsapp:media_unsupported" }, ...first.reply.messages]);
    expect(again.reply.options).toEqual(first.reply.options);
  });
});

describe("purgeInboundMessages", () => {
  it("forgets processed ids after 30 days, keeps recent ones", async () => {
    const t = makeTestApp();
    const ctx = t.ctx();
    const turn = (id: string) => ({ channel, urn: "tel:+51987654321", text: "Hola", inbound: { id, sentAt: t.clock.now() }, replyTo: { address: "+51987654321" } });
    await ctx.handleTurn(turn("wamid.old"));
    t.clock.advance(29 * 24 * 3_600_000);
    await ctx.handleTurn(turn("wamid.recent"));
    t.clock.advance(2 * 24 * 3_600_000);
    await ctx.purgeInboundMessages();
    expect((await t.deps.db.select().from(inboundMessages).all()).map((r) => r.externalId)).toEqual(["wamid.recent"]);
  });

  it("forgets SMS message ids after 30 days, and expired MAS continuations at once", async () => {
    const t = makeTestApp();
    const ctx = t.ctx();
    const day = 24 * 3_600_000;
    const now = t.clock.now();
    await t.deps.db.insert(smsInbound).values([
      { provider: "twilio", messageId: "SMold", receivedAt: now - 31 * day },
      { provider: "twilio", messageId: "SMrecent", receivedAt: now - 29 * day },
    ]);
    await t.deps.db.insert(smsContinuations).values([
      { urn: "tel:+51911111111", lang: "es", text: "resto viejo", expiresAt: now - 1 },
      { urn: "tel:+51922222222", lang: "qu", text: "resto vigente", expiresAt: now + 60_000 },
    ]);
    await ctx.purgeInboundMessages();
    expect((await t.deps.db.select().from(smsInbound).all()).map((r) => r.messageId)).toEqual(["SMrecent"]);
    expect((await t.deps.db.select().from(smsContinuations).all()).map((r) => r.urn)).toEqual(["tel:+51922222222"]);
  });
});
