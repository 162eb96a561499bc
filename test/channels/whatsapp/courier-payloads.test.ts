import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createApp, type AppDeps } from "../../../src/app";
import { parseWhatsAppWebhook, type WhatsAppEvent } from "../../../src/channels/whatsapp/parse";
import { loadConfig } from "../../../src/config";
import { openNodeDatabase } from "../../../src/db/node";
import { contacts, inboundMessages, outbox } from "../../../src/db/schema";
import { createJsonLogger } from "../../../src/logging/logger";
import { createMetrics } from "../../../src/ops/metrics";
import { testClock } from "../../helpers/app";
import { postWebhook, whatsappEnv } from "../../helpers/whatsapp";

/**
 * Every Meta Cloud API payload in nyaruka/courier's test data (handlers/meta/testdata/wac at
 * 350e935), copied unchanged into fixtures/courier/. Each is read twice: by the parser as it is,
 * and by the whole app. For the app the courier placeholder number `5678` (not a phone anywhere)
 * becomes a Peruvian one and the clock is set to just after the payload's time (2016-01-30),
 * so the cases test the payload's shape, not its invented number or its age.
 */
const DIR = new URL("./fixtures/courier/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, DIR), "utf8");
const SENT_AT = 1454119029 * 1000;
const PHONE = "+51987654321";

type Expect = {
  /** what the parser gives: event kinds in order, and how many items it skipped */
  events: WhatsAppEvent["kind"][];
  skipped?: number;
  /** the sender of the first message-like event */
  sender?: { phone?: string; userId?: string };
  /** through the app: outbox replies (by address), contacts (by urn), inbound ids recorded */
  replies: string[];
  contacts?: { urn: string; waUserId: string | null }[];
  inbound?: number;
  /** errors counted in /metrics, as `scope:code` */
  counted?: string[];
  /** a log line the operator sees */
  logs?: string;
};

const ME = { urn: `tel:${PHONE}`, waUserId: null };
const text = (extra: Partial<Expect> = {}): Expect => ({ events: ["message"], sender: { phone: "5678" }, replies: [PHONE], contacts: [ME], inbound: 1, ...extra });
// media and types we cannot read: answered politely (whatsapp:media_unsupported), never read
const media = (extra: Partial<Expect> = {}): Expect => text({ events: ["unsupported"], ...extra });
// media with words under it: the words are read (as courier reads captions), the file never is
const captioned = (extra: Partial<Expect> = {}): Expect => text(extra);

const cases: Record<string, Expect> = {
  "audio.json": media(),
  "button.json": text(),
  "button_reply.json": text(),
  "document.json": captioned(),
  // the same id twice in one payload: one turn, one reply
  "duplicate.json": { ...text(), events: ["message", "message"], logs: "duplicate delivery ignored" },
  "error_errors.json": { events: ["error"], replies: [], contacts: [], inbound: 0, counted: ["webhook:0"], logs: "We were unable to authenticate the app user" },
  "error_msg.json": { ...media(), counted: ["message:131051"], logs: "Unsupported message type" },
  "error_status.json": { events: ["status"], replies: [], contacts: [], inbound: 0, counted: ["status:131014"] },
  // a group conversation: recorded, never answered with a private menu
  "group_message.json": { events: ["group"], sender: { phone: "5678" }, replies: [], contacts: [], inbound: 1, logs: "group message: recorded, not answered" },
  "hello.json": text(),
  "hello_bsuid_in_from.json": { events: ["message"], sender: { userId: "US.1234" }, replies: ["US.1234"], contacts: [{ urn: "bsuid:US.1234", waUserId: "US.1234" }], inbound: 1 },
  "hello_from_bsuid.json": { events: ["message"], sender: { userId: "US.1234" }, replies: ["US.1234"], contacts: [{ urn: "bsuid:US.1234", waUserId: "US.1234" }], inbound: 1 },
  // "foo_bar" is no BSUID: ignored, the phone still counts (as courier does)
  "hello_invalid_user_id.json": text(),
  "hello_user_id.json": { ...text(), sender: { phone: "5678", userId: "US.1234" }, contacts: [{ urn: `tel:${PHONE}`, waUserId: "US.1234" }] },
  "ignore_status.json": { events: [], replies: [], contacts: [], inbound: 0 },
  "image.json": captioned(),
  "invalid_from.json": { events: [], skipped: 1, replies: [], contacts: [], inbound: 0, logs: "no phone and no user id" },
  "invalid_status.json": { events: [], skipped: 1, replies: [], contacts: [], inbound: 0, logs: "unknown status in_orbit" },
  "invalid_timestamp.json": { events: [], skipped: 1, replies: [], contacts: [], inbound: 0, logs: "timestamp" },
  "list_reply.json": text(),
  "location.json": media(),
  "nfm_reply.json": media(),
  "nfm_reply_non_object.json": media(),
  "no_from.json": { events: [], skipped: 1, replies: [], contacts: [], inbound: 0, logs: "no phone and no user id" },
  "valid_status.json": { events: ["status"], replies: [], contacts: [], inbound: 0 },
  "video.json": captioned(),
  "voice.json": media(),
};

function appAt(time: number) {
  const database = openNodeDatabase(":memory:");
  const { config } = loadConfig({ NODE_ENV: "test", ...whatsappEnv(), WHATSAPP_PHONE_NUMBER_ID: "1234567890" });
  const clock = testClock(time);
  const logs: string[] = [];
  const metrics = createMetrics(database.db, { defaultMetrics: false, now: clock.now });
  const deps: AppDeps = { db: database.db, config, logger: createJsonLogger("debug", (line) => logs.push(line)), now: clock.now, metrics };
  return { app: createApp(deps), db: database.db, logs, metrics };
}

describe("courier's Meta Cloud API payloads (every file of testdata/wac)", () => {
  it("covers every fixture file", () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith(".json")).sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.entries(cases))("%s", async (file, expected) => {
    const raw = fixture(file);
    const parsed = parseWhatsAppWebhook(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.events.map((e) => e.kind)).toEqual(expected.events);
    expect(parsed.skipped).toHaveLength(expected.skipped ?? 0);
    const first = parsed.events.find((e) => "sender" in e);
    if (expected.sender) expect(first && "sender" in first ? first.sender : null).toEqual(expected.sender);
    for (const e of parsed.events) if ("sentAt" in e) expect(e.sentAt).toBe(SENT_AT);

    const t = appAt(SENT_AT + 60_000);
    const res = await postWebhook(t.app, raw.replaceAll('"5678"', '"51987654321"'));
    expect(res).toEqual({ status: 200, body: "EVENT_RECEIVED" });
    const rows = await t.db.select().from(outbox).all();
    expect(rows.map((r) => r.address)).toEqual(expected.replies);
    const people = await t.db.select({ urn: contacts.urn, waUserId: contacts.waUserId }).from(contacts).all();
    if (expected.contacts) expect(people).toEqual(expected.contacts);
    if (expected.inbound !== undefined) expect(await t.db.select().from(inboundMessages).all()).toHaveLength(expected.inbound);
    const scraped = await t.metrics.registry.getSingleMetric("orienta_provider_errors_total")!.get();
    expect(scraped.values.map((v) => `${v.labels.scope}:${v.labels.code}`).sort()).toEqual((expected.counted ?? []).sort());
    if (expected.logs) expect(t.logs.join("\n")).toContain(expected.logs);
    // never a person's number in the logs
    expect(t.logs.join("\n")).not.toContain("987654321");
  });
});
