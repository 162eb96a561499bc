// Duplicate webhook storms: providers retry, and a retry can arrive while the first delivery is
// still being processed. The same signed WhatsApp message and the same Twilio-signed SMS,
// each delivered many times at the same moment, are processed once: one inbound row, one reply.
import { count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { inboundMessages, outbox, smsInbound } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { startProviderStub, type ProviderStub } from "../helpers/provider-stub";
import { postTwilio, SMS_ENV, twilioForm } from "../helpers/sms";
import { postWebhook, textWebhook, whatsappEnv } from "../helpers/whatsapp";

const COPIES = 25; // deliveries of each message, all at once
const PEOPLE = 8; // different people, each with one message, interleaved

const stubs: ProviderStub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

/** `PEOPLE` × `COPIES` deliveries, shuffled deterministically so copies of different messages interleave. */
function storm<T>(make: (person: number) => T): T[] {
  const all = Array.from({ length: PEOPLE * COPIES }, (_, i) => make(i % PEOPLE));
  for (let i = all.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

describe("floods: duplicate webhook storms", () => {
  it(`the same signed WhatsApp message delivered ${COPIES} times at once, for ${PEOPLE} people: one inbound row and one reply each`, async () => {
    const graph = await startProviderStub();
    stubs.push(graph);
    const t = makeTestApp({ env: whatsappEnv(graph.url) });
    const bodies = Array.from({ length: PEOPLE }, (_, p) => textWebhook({ id: `wamid.storm${p}`, from: `5198765430${p}`, text: "hola", timestamp: t.clock.now() }));
    const results = await Promise.all(storm((p) => postWebhook(t.app, bodies[p])));
    expect(results.filter((r) => r.status !== 200)).toEqual([]);

    const db = t.deps.db;
    expect((await db.select({ n: count() }).from(inboundMessages).get())!.n).toBe(PEOPLE);
    const replies = await db.select().from(outbox).all();
    expect(replies.map((r) => r.address).sort()).toEqual(Array.from({ length: PEOPLE }, (_, p) => `+5198765430${p}`));
    await t.ctx().dispatchOutbox();
    expect(graph.deliveries.map((d) => d.to).sort()).toEqual(Array.from({ length: PEOPLE }, (_, p) => `5198765430${p}`));
    expect((await db.select({ n: count() }).from(outbox).where(eq(outbox.status, "sent")).get())!.n).toBe(PEOPLE);
  });

  it(`the same Twilio-signed SMS delivered ${COPIES} times at once, for ${PEOPLE} people: one inbound row and one answer each`, async () => {
    const t = makeTestApp({ env: SMS_ENV });
    const forms = Array.from({ length: PEOPLE }, (_, p) => twilioForm({ Body: "MENU", From: `+5198765431${p}`, MessageSid: `SM${String(p).padStart(32, "0")}` }));
    const results = await Promise.all(storm(async (p) => ({ p, res: await postTwilio(t.app, forms[p]) })));
    expect(results.filter((r) => r.res.status !== 200)).toEqual([]);
    // one delivery of each message gets the answer; every other copy an empty <Response/>
    for (let p = 0; p < PEOPLE; p++) {
      const answered = results.filter((r) => r.p === p && r.res.message !== null);
      expect(answered).toHaveLength(1);
    }
    expect((await t.deps.db.select({ n: count() }).from(smsInbound).get())!.n).toBe(PEOPLE);
  });
});
