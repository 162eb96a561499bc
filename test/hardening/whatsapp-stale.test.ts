import { describe, expect, it } from "vitest";
import { inboundMessages, outbox, sessions } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { postWebhook, textWebhook, whatsappEnv } from "../helpers/whatsapp";

describe("issue 14 item 9: a WhatsApp message older than 7 days is recorded, never answered", () => {
  it("the finding: a signed message dated 2017 was processed as new", async () => {
    const t = makeTestApp({ env: whatsappEnv() });
    const old = await postWebhook(t.app, textWebhook({ id: "wamid.OLD2017", text: "hola", timestamp: Date.parse("2017-03-01T10:00:00Z") }));
    expect(old.status).toBe(200);
    expect((await t.deps.db.select().from(inboundMessages)).map((m) => m.externalId)).toEqual(["wamid.OLD2017"]);
    expect(await t.deps.db.select().from(sessions)).toHaveLength(0);
    expect(await t.deps.db.select().from(outbox)).toHaveLength(0);
    // six days old (within Meta's retry horizon) is still answered
    const recent = await postWebhook(t.app, textWebhook({ id: "wamid.RECENT", text: "hola", timestamp: t.clock.now() - 6 * 86_400_000 }));
    expect(recent.status).toBe(200);
    expect((await t.deps.db.select().from(outbox)).length).toBeGreaterThan(0);
  });
});
