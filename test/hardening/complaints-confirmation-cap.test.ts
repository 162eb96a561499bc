import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { complaints, outbox } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";

/**
 * Session 8 review: `POST /api/v1/complaints` needs no account, and every filing with an SMS or
 * WhatsApp contact queues a confirmation to that number. With a handful of addresses (10 filings
 * an hour each) anyone could make the ministry text a stranger's phone again and again, at the
 * ministry's cost. A number now gets at most 3 filing confirmations a day through the public API;
 * further cases are filed (201, nothing the person gave is lost) without the SMS.
 */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const VICTIM = "911222333";

const file = (t: ReturnType<typeof makeTestApp>, address: string, phone: string) =>
  t.app.request(
    "/api/v1/complaints",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...reclamoBody, reporter: { ...reclamoBody.reporter, phone }, contact: { channel: "sms", address: phone } }) },
    from(address),
  );

describe("the public complaints API cannot be used to text one number over and over", () => {
  it("6 filings naming one number from 6 addresses: all filed, 3 confirmations to it; another number still gets its own", async () => {
    const t = makeTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await file(t, `198.51.100.${30 + i}`, VICTIM)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
    expect(await t.deps.db.select().from(complaints).all()).toHaveLength(6);
    expect(await t.deps.db.select().from(outbox).where(eq(outbox.address, `+51${VICTIM}`)).all()).toHaveLength(3);
    expect((await file(t, "198.51.100.40", "987000123")).status).toBe(201);
    expect(await t.deps.db.select().from(outbox).where(eq(outbox.address, "+51987000123")).all()).toHaveLength(1);
  });

  it("the count is kept under a keyed hash: the number is nowhere in rate_limit_hits", async () => {
    const t = makeTestApp();
    for (let i = 0; i < 4; i++) await file(t, `198.51.100.${50 + i}`, VICTIM);
    const rows = t.database.sqlite.prepare("select key, hits from rate_limit_hits where key like 'complaints-confirm:%'").all();
    expect(rows).toEqual([{ key: expect.stringMatching(/^complaints-confirm:[0-9a-f]{32}$/), hits: 4 }]);
    expect(JSON.stringify(t.database.sqlite.prepare("select * from rate_limit_hits").all())).not.toContain(VICTIM);
  });
});

/**
 * Session 9 review: the cap read the raw body's `contact.address`, but the validation answers by
 * `contact.address ?? reporter.phone`. A filing that left the address out (or sent "") and put the
 * victim's number in `reporter.phone` was never counted: every one of them texted the number.
 */
const fileVia = (t: ReturnType<typeof makeTestApp>, address: string, body: object) =>
  t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, from(address));

describe("the per-number cap counts the number the confirmation is really sent to", () => {
  const shapes: [string, (phone: string) => object][] = [
    ["no contact.address, reporter.phone", (phone) => ({ ...reclamoBody, reporter: { ...reclamoBody.reporter, phone }, contact: { channel: "sms" } })],
    ['contact.address "", reporter.phone', (phone) => ({ ...reclamoBody, reporter: { ...reclamoBody.reporter, phone }, contact: { channel: "whatsapp", address: "" } })],
    ["contact.address null, reporter.phone", (phone) => ({ ...reclamoBody, reporter: { ...reclamoBody.reporter, phone }, contact: { channel: "sms", address: null } })],
  ];
  for (const [name, body] of shapes) {
    it(`${name}: 6 filings, 3 confirmations`, async () => {
      const t = makeTestApp();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await fileVia(t, `198.51.100.${60 + i}`, body(VICTIM))).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
      expect(await t.deps.db.select().from(outbox).where(eq(outbox.address, `+51${VICTIM}`)).all()).toHaveLength(3);
    });
  }

  it("sms and whatsapp, written six ways, count as one number", async () => {
    const t = makeTestApp();
    const ways = ["911222333", "+51 911 222 333", "0051911222333", "51911222333", "911-222-333", "+51 (911) 222-333"];
    for (const [i, way] of ways.entries()) {
      const channel = i % 2 ? "whatsapp" : "sms";
      expect((await fileVia(t, `198.51.100.${80 + i}`, { ...reclamoBody, contact: { channel, address: way } })).status).toBe(201);
    }
    expect(await t.deps.db.select().from(outbox).where(eq(outbox.address, `+51${VICTIM}`)).all()).toHaveLength(3);
  });

  it("a replay of the same Idempotency-Key does not use up the number's confirmations", async () => {
    const t = makeTestApp();
    const body = JSON.stringify({ ...reclamoBody, contact: { channel: "sms", address: VICTIM } });
    for (let i = 0; i < 4; i++) {
      const res = await t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "same-filing-1" }, body }, from("198.51.100.90"));
      expect(res.status).toBe(201);
    }
    const other = await fileVia(t, "198.51.100.91", { ...reclamoBody, contact: { channel: "sms", address: VICTIM } });
    expect(other.status).toBe(201);
    expect(await t.deps.db.select().from(outbox).where(eq(outbox.address, `+51${VICTIM}`)).all()).toHaveLength(2);
  });
});

describe("the per-number cap under concurrency", () => {
  it("8 filings naming one number sent at once from 8 addresses: all filed, exactly 3 confirmations", async () => {
    const t = makeTestApp();
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => Promise.resolve(file(t, `198.51.100.${100 + i}`, VICTIM)).then((r) => r.status)));
    expect(statuses).toEqual(Array(8).fill(201));
    expect(await t.deps.db.select().from(outbox).where(eq(outbox.address, `+51${VICTIM}`)).all()).toHaveLength(3);
  });
});
