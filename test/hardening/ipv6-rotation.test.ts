import { describe, expect, it } from "vitest";
import { limitKeyOf } from "../../src/net/cidr";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";

/**
 * Session 8 review: every per-client limit counted each IPv6 address apart. A phone, a home or a
 * rented server gets a whole /64, so an attacker rotated the last 64 bits and never met a limit:
 * status codes walked, filings flooded, the lookup API's per-client lock on a DNI never reached.
 * IPv6 now counts by its /64.
 */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const inBlock = (i: number) => `2001:db8:85a3:12:${(i + 1).toString(16)}::${((i * 7919 + 3) % 0x10000).toString(16)}`;

describe("IPv6 clients are counted by their /64", () => {
  it("the key: IPv4 as itself (mapped too), IPv6 by its /64 in one spelling", () => {
    expect(limitKeyOf("198.51.100.7")).toBe("198.51.100.7");
    expect(limitKeyOf("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(limitKeyOf("2001:db8:85a3:12::1")).toBe("2001:db8:85a3:12::/64");
    expect(limitKeyOf("2001:0db8:85a3:0012:ffff:1:2:3")).toBe("2001:db8:85a3:12::/64");
    expect(limitKeyOf("2001:db8:85a3:13::1")).toBe("2001:db8:85a3:13::/64");
    expect(limitKeyOf("unknown")).toBe("unknown");
  });

  it("status checks from 35 addresses of one /64 stop at STATUS_RATE_LIMIT_PER_MINUTE; the next /64 still asks", async () => {
    const t = makeTestApp({ env: { STATUS_RATE_LIMIT_PER_MINUTE: "30" } });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await t.app.request(`/api/v1/complaints/MO-2026-${String(i).padStart(6, "0")}`, {}, from(inBlock(i)))).status);
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    expect((await t.app.request("/api/v1/complaints/MO-2026-000001", {}, from("2001:db8:85a3:13::1"))).status).not.toBe(429);
  });

  it("filings: the 11th from a rotated address of the same /64 is refused", async () => {
    const t = makeTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) }, from(inBlock(i)))).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("lookup API: wrong birth dates from rotated addresses lock the DNI for that /64 after LOOKUP_MAX_FAILURES", async () => {
    const t = makeTestApp();
    const guess = (i: number) =>
      t.app.request("/api/v1/lookup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dni: "12345678", birthDate: `1950-01-${String(i + 1).padStart(2, "0")}` }) }, from(inBlock(i)));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await guess(i)).status);
    // the 5th failure locks the pair and is answered as the lock (as from one IPv4 address)
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
  });
});
