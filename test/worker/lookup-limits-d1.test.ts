import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_splitSqlQuery } from "wrangler";
import { exportForD1 } from "../../src/db/d1-export";
import { registryDemoLoader } from "../../src/db/demo-registry";
import { silentLogger } from "../../src/logging/logger";
import { makeTestApp } from "../helpers/app";
import { startWorker, type LocalWorker } from "./harness";

// Issue 14 item 3 on workerd's D1: the identity check's bounds hold under parallel requests,
// decided at write time by the guard in the attempt's batch (no in-process queue can help
// across Workers isolates): one client gets at most LOOKUP_MAX_FAILURES (5) answered guesses at a
// DNI, all clients together at most LOOKUP_DNI_MAX_FAILURES (10), and one client's lock never
// keeps the real person out.
let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker();
  const app = makeTestApp();
  await registryDemoLoader.load(app.deps.db, silentLogger);
  const chunks: string[] = [];
  exportForD1(app.database.sqlite, (c) => chunks.push(c), { tables: ["persons", "enrolments", "classifications", "payments"] });
  await worker.d1.batch(unstable_splitSqlQuery(chunks.join("")).map((s) => worker.d1.prepare(s)));
});
afterAll(async () => {
  await worker?.dispose();
});

async function lookup(ip: string, dni: string, birthDate: string): Promise<number> {
  const res = await worker.fetch("/api/v1/lookup", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ dni, birthDate, lang: "es" }),
  });
  await res.arrayBuffer();
  return res.status;
}

const wrongDates = (n: number) => Array.from({ length: n }, (_, i) => `1950-02-${String((i % 28) + 1).padStart(2, "0")}`);
const tally = (xs: number[]) => xs.reduce<Record<number, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {});

async function evaluated(): Promise<number> {
  const row = await worker.d1.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'lookup.verify' AND outcome IN ('failed', 'failed_locked', 'verified')").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("identity-check limits on D1 under parallel requests", () => {
  it("30 parallel guesses from one address at one DNI: at most 5 answered; the person from elsewhere still gets in", async () => {
    const statuses = await Promise.all(wrongDates(30).map((d) => lookup("198.51.100.7", "12345678", d)));
    expect(tally(statuses)[401] ?? 0).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(await evaluated()).toBe(5);
    // the guesser is locked out of this DNI even with the right date; the real person is not
    expect(await lookup("198.51.100.7", "12345678", "1950-04-21")).toBe(429);
    expect(await lookup("203.0.113.20", "12345678", "1950-04-21")).toBe(200);
  });

  it("40 parallel guesses from 40 addresses at one DNI: at most 10 answered, then the DNI is locked for everyone", async () => {
    const before = await evaluated();
    const statuses = await Promise.all(wrongDates(40).map((d, i) => lookup(`192.0.2.${i + 1}`, "23456789", d)));
    expect(tally(statuses)[401] ?? 0).toBeLessThanOrEqual(10);
    expect((await evaluated()) - before).toBe(10);
    expect(await lookup("203.0.113.21", "23456789", "1988-07-15")).toBe(429);
  });
});
