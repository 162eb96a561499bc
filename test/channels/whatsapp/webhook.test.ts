import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, inboundMessages, outbox } from "../../../src/db/schema";
import { makeTestApp } from "../../helpers/app";
import { postWebhook, textWebhook, waFixture, whatsappEnv, WA_VERIFY } from "../../helpers/whatsapp";

function appWithWhatsApp() {
  return makeTestApp({ env: whatsappEnv() });
}

async function stored(t: ReturnType<typeof appWithWhatsApp>) {
  const db = t.deps.db;
  return {
    outbox: await db.select().from(outbox).orderBy(asc(outbox.createdAt)).all(),
    contacts: await db.select().from(contacts).all(),
    inbound: await db.select().from(inboundMessages).all(),
  };
}

type Case = {
  label: string;
  before?: string[];
  file: string;
  signature?: "valid" | "bad" | "missing";
  status: number;
  /** outbox rows this POST adds, by address, with the first message key of each */
  replies: { address: string; firstKey: string; options?: number }[];
};

const MEDIA = "whatsapp:media_unsupported";

const cases: Case[] = [
  { label: "a first text message gets the trilingual language choice", file: "text.json", status: 200, replies: [{ address: "+51987654321", firstKey: "common:language.first", options: 3 }] },
  { label: "a button reply carries the option id (1 = Español) → main menu", before: ["text.json"], file: "button-reply.json", status: 200, replies: [{ address: "+51987654321", firstKey: "common:main.title", options: 6 }] },
  { label: "a list reply carries the row id (1 = programs) → program list", before: ["text.json", "button-reply.json"], file: "list-reply.json", status: 200, replies: [{ address: "+51987654321", firstKey: "programs:list.title" }] },
  { label: "an image without words is answered politely: only text for now", file: "image-no-caption.json", status: 200, replies: [{ address: "+51987654321", firstKey: MEDIA }] },
  { label: "an image with words under it (a first message): told the photo is not seen", file: "image.json", status: 200, replies: [{ address: "+51987654321", firstKey: "whatsapp:caption_only" }] },
  { label: "an audio file is answered politely", file: "audio.json", status: 200, replies: [{ address: "+51987654321", firstKey: MEDIA }] },
  { label: "a voice note is answered politely", file: "voice.json", status: 200, replies: [{ address: "+51987654321", firstKey: MEDIA }] },
  { label: "a sticker is answered politely", file: "sticker.json", status: 200, replies: [{ address: "+51987654321", firstKey: MEDIA }] },
  { label: "a location is answered politely", file: "location.json", status: 200, replies: [{ address: "+51987654321", firstKey: MEDIA }] },
  { label: "a reaction needs no answer", file: "reaction.json", status: 200, replies: [] },
  // Meta sends request_welcome when someone opens a chat with the business for the first time (welcome messages on) and expects an answer
  { label: "a first chat opened (request_welcome) is greeted with the trilingual language choice", file: "request-welcome.json", status: 200, replies: [{ address: "+51987654321", firstKey: "common:language.first", options: 3 }] },
  { label: "a welcome request delivered again is answered once", before: ["request-welcome.json"], file: "request-welcome.json", status: 200, replies: [] },
  // WhatsApp keeps the old mobile "1" in Mexican wa_ids (521…), which phone metadata calls invalid
  { label: "a wa_id our phone metadata does not accept (Mexico's 521…) is still answered, at that wa_id", file: "text-mexico-wa-id.json", status: 200, replies: [{ address: "+5215512345678", firstKey: "common:language.first", options: 3 }] },
  {
    label: "a batch (two entries, several changes) answers each of its three people once",
    file: "batch.json",
    status: 200,
    replies: [
      { address: "+51987654321", firstKey: "common:language.first" },
      { address: "+51951234567", firstKey: "common:language.first" },
      { address: "+51961122334", firstKey: "common:language.first" },
    ],
  },
  { label: "the same message delivered again is processed once", before: ["text.json"], file: "text.json", status: 200, replies: [] },
  { label: "a malformed but signed payload is acknowledged and dropped", file: "malformed.json", status: 200, replies: [] },
  { label: "a signed payload of another object type is acknowledged and dropped", file: "other-object.json", status: 200, replies: [] },
  { label: "a bad signature is refused and nothing is stored", file: "text.json", signature: "bad", status: 401, replies: [] },
  { label: "a missing signature is refused and nothing is stored", file: "text.json", signature: "missing", status: 401, replies: [] },
];

describe("POST /channels/whatsapp (Meta webhook)", () => {
  it.each(cases)("$label", async ({ before = [], file, signature, status, replies }) => {
    const t = appWithWhatsApp();
    for (const previous of before) {
      expect((await postWebhook(t.app, waFixture(previous))).status).toBe(200);
      t.clock.advance(3 * 60_000); // minutes apart, as Meta's retries are
    }
    const was = await stored(t);
    const res = await postWebhook(t.app, waFixture(file), signature);
    expect(res.status).toBe(status);
    const now = await stored(t);
    const added = now.outbox.slice(was.outbox.length);
    expect(added.map((r) => r.address).sort()).toEqual(replies.map((r) => r.address).sort());
    for (const expected of replies) {
      const row = added.find((r) => r.address === expected.address)!;
      expect(row).toMatchObject({ channel: "whatsapp", status: "pending" });
      expect(row.body[0].key).toBe(expected.firstKey);
      if (expected.options !== undefined) expect(row.choices?.options).toHaveLength(expected.options);
    }
    if (status === 401) {
      expect(now.contacts).toHaveLength(was.contacts.length);
      expect(now.inbound).toHaveLength(was.inbound.length);
    }
  });

  it("records each processed message id with when the person sent it", async () => {
    const t = appWithWhatsApp();
    await postWebhook(t.app, waFixture("text.json"));
    const { inbound } = await stored(t);
    expect(inbound).toEqual([
      expect.objectContaining({ channel: "whatsapp", externalId: "wamid.HBgLNTE5ODc2NTQzMjEVAgASGBQzQTg1RjE3MEM0NUJDNEQxQjBBRgA=", address: "+51987654321", sentAt: 1795445940_000 }),
    ]);
  });

  it("two deliveries of the same message at the same moment are processed once", async () => {
    const t = appWithWhatsApp();
    const body = waFixture("text.json");
    const results = await Promise.all([postWebhook(t.app, body), postWebhook(t.app, body), postWebhook(t.app, body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const now = await stored(t);
    expect(now.outbox).toHaveLength(1);
    expect(now.inbound).toHaveLength(1);
  });

  it("a body that is not JSON but signed is acknowledged with 200", async () => {
    const t = appWithWhatsApp();
    expect((await postWebhook(t.app, "not json")).status).toBe(200);
  });

  it("a message from the same batch delivered twice in one POST is answered once", async () => {
    const t = appWithWhatsApp();
    const once = JSON.parse(waFixture("text.json"));
    const change = once.entry[0].changes[0];
    once.entry.push({ id: once.entry[0].id, changes: [change] });
    await postWebhook(t.app, JSON.stringify(once));
    expect((await stored(t)).outbox).toHaveLength(1);
  });

  it("the reply to a photo is in the person's language", async () => {
    const t = appWithWhatsApp();
    await postWebhook(t.app, waFixture("text.json"));
    // choose Quechua, then send a photo
    await postWebhook(t.app, textWebhook({ id: "wamid.Q1", buttonId: "2", timestamp: t.clock.now() }));
    await postWebhook(t.app, waFixture("image-no-caption.json"));
    const rows = (await stored(t)).outbox.filter((r) => r.address === "+51987654321");
    const last = rows[rows.length - 1];
    expect(last.lang).toBe("qu");
    expect(last.body.map((m) => m.key)).toEqual([MEDIA, "common:main.title"]);
  });

  it("the words written under a photo are the person's answer (4 → complaints), with a word that the photo itself is not seen", async () => {
    const t = appWithWhatsApp();
    await postWebhook(t.app, waFixture("text.json"));
    await postWebhook(t.app, textWebhook({ id: "wamid.E1", buttonId: "1", timestamp: t.clock.now() }));
    await postWebhook(t.app, waFixture("image-caption-menu.json"));
    const rows = (await stored(t)).outbox.filter((r) => r.address === "+51987654321");
    const last = rows[rows.length - 1];
    expect(last.body.map((m) => m.key)).toEqual(["whatsapp:caption_only", "complaints:start.title"]);
  });

  it("logs neither the person's number nor their name, even for refused or odd payloads", async () => {
    const t = appWithWhatsApp();
    for (const file of ["text.json", "image.json", "batch.json", "malformed.json", "status-failed.json"]) await postWebhook(t.app, waFixture(file));
    await postWebhook(t.app, waFixture("text.json"), "bad");
    expect(t.logs.length).toBeGreaterThan(0);
    for (const line of t.logs) {
      expect(line).not.toMatch(/98765432|95123456|96112233|Rosa Quispe|Juan Mamani/);
    }
  });

  it("a webhook for another phone number of the business account is not answered", async () => {
    const t = appWithWhatsApp();
    await postWebhook(t.app, waFixture("text.json").replace('"phone_number_id": "106540352242922"', '"phone_number_id": "999999999999999"'));
    expect((await stored(t)).outbox).toHaveLength(0);
  });
});

describe("GET /channels/whatsapp (webhook verification)", () => {
  const cases = [
    { label: "subscribe with the right token echoes the challenge", query: `hub.mode=subscribe&hub.verify_token=${WA_VERIFY}&hub.challenge=1158201444`, status: 200, body: "1158201444" },
    { label: "a wrong token is refused", query: "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", status: 403 },
    { label: "another mode is refused", query: `hub.mode=unsubscribe&hub.verify_token=${WA_VERIFY}&hub.challenge=1158201444`, status: 403 },
    { label: "no parameters is refused", query: "", status: 403 },
  ];
  it.each(cases)("$label", async ({ query, status, body }) => {
    const { app } = appWithWhatsApp();
    const res = await app.request(`/channels/whatsapp?${query}`);
    expect(res.status).toBe(status);
    if (body) expect(await res.text()).toBe(body);
  });

  it("without WHATSAPP_APP_SECRET the channel is off (404)", async () => {
    const { app } = makeTestApp();
    expect((await app.request("/channels/whatsapp?hub.mode=subscribe")).status).toBe(404);
  });
});
