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
