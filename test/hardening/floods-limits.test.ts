// Payment day: many USSD sessions and lookups at once, while one DNI is brute-forced from many
// addresses and one address (and one phone) hammers with unknown DNIs. The limits must hold under
// concurrency: the DNI gets exactly its 5 guesses (4 answered "no match", the 5th locks it), the
// hammering address and phone are stopped at their 10th failure, and nobody else is slowed.
//
// The limits are checked over real HTTP (the app served on 127.0.0.1, each attacker a socket from
// its own loopback address 127.0.0.N, which Linux routes to lo), because that is how attempts
// reach a Node server: each socket's request runs from its own I/O callback. Started all in the
// same tick with `app.request`, simultaneous attempts interleave between the throttle read and
// the failure write and all get evaluated (since d5755f0 made the hash synchronous: 39 × 401 and
// the right date 200) — see RELIABILITY.md "Not yet proven": the bound rests on verifyIdentity
// having no real I/O between that read and that write, which D1 does not give.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { auditLog } from "../../src/db/schema";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { dial } from "../helpers/ussd";

const PHONES = 48; // people checking their payment on USSD
const BRUTE = 40; // guesses at one DNI, each from its own address
const HAMMER = 30; // unknown DNIs tried from one address
const PHONE_HAMMER = 12; // unknown DNIs tried from one phone, one after another

const LEGIT = [DEMO.pension65Available, DEMO.juntosActive, DEMO.juntosSuspended, DEMO.pension65Suspended];
const TARGET = DEMO.inEvaluation;
const isoDate = (ddmmyyyy: string) => `${ddmmyyyy.slice(4)}-${ddmmyyyy.slice(2, 4)}-${ddmmyyyy.slice(0, 2)}`;

/** POST /api/v1/lookup over HTTP from the loopback address `from` (the route reads the socket's address). */
function lookup(port: number, from: string, dni: string, birthDate: string): Promise<number> {
  const body = JSON.stringify({ dni, birthDate });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, localAddress: from, method: "POST", path: "/api/v1/lookup", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function served(app: Hono) {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

/** people on basic phones: language, "my payments and status", "I have a DNI", DNI, date, payments */
function payingPeople(app: Hono, counted: () => void) {
  return Array.from({ length: PHONES }, async (_, i) => {
    const person = LEGIT[i % LEGIT.length];
    const phone = dial(app, `+519100${String(i).padStart(5, "0")}`);
    const screens = [await phone.start(), await phone.press("1"), await phone.press("3"), await phone.press("1"), await phone.press(person.dni)];
    await phone.press(person.date);
    const menu = await phone.press("1"); // the date read back: yes
    const payments = await phone.press("1");
    counted();
    return { menu: menu.body, payments: payments.body, statuses: [...screens, menu, payments].map((s) => s.status) };
  });
}

/** one phone trying unknown DNIs on USSD, one after another, retrying from the "no match" screen */
async function phoneHammer(app: Hono, counted: (n: number) => void): Promise<string[]> {
  const phone = dial(app, "+51919999999");
  await phone.start();
  await phone.press("1");
  await phone.press("3");
  await phone.press("1");
  counted(4);
  const outcomes: string[] = [];
  for (let i = 0; i < PHONE_HAMMER; i++) {
    const dni = await phone.press(`7100${String(i).padStart(4, "0")}`);
    counted(1);
    // a phone already locked is told at once, at the DNI
    const screen = dni.body.startsWith("END") ? dni : (await phone.press("01011970"), counted(2), await phone.press("1")); // the date read back: yes
    outcomes.push(screen.body.startsWith("END") ? "locked" : "failed");
    if (screen.body.startsWith("END")) break;
    await phone.press("2"); // another DNI
    counted(1);
  }
  return outcomes;
}

describe("floods: payment day", () => {
  it(`${PHONES} USSD payment checks and one phone hammering with unknown DNIs at once: the phone is stopped at its 10th failure, everyone else gets in`, async () => {
    const { app } = await makeRegistryApp();
    let requests = 0;
    const started = performance.now();
    const [peopleDone, phoneOutcomes] = await Promise.all([Promise.all(payingPeople(app, () => (requests += 7))), phoneHammer(app, (n) => (requests += n))]);
    const seconds = (performance.now() - started) / 1000;

    expect(peopleDone.flatMap((p) => p.statuses).every((s) => s === 200)).toBe(true);
    expect(peopleDone.filter((p) => !p.menu.includes("Hola,")).map((p) => p.menu)).toEqual([]);
    expect(peopleDone.filter((p) => !p.payments.startsWith("CON")).map((p) => p.payments)).toEqual([]);
    expect(phoneOutcomes).toEqual([...Array(9).fill("failed"), "locked"]);
    console.log(`payment day (USSD): ${requests} requests in ${seconds.toFixed(2)} s = ${Math.round(requests / seconds)} req/s in-process`);
  });

  it(`a DNI guessed from ${BRUTE} addresses and ${HAMMER} unknown DNIs from one address, all at once over HTTP and during ${PHONES} USSD payment checks: the DNI is locked at its 10th guess, the address at its 10th failure`, async () => {
    const { app, deps } = await makeRegistryApp();
    const { port, close } = await served(app);
    const people = payingPeople(app, () => {});

    // one DNI guessed from many addresses at once; the right date comes last
    const guesses = Array.from({ length: BRUTE }, (_, i) => {
      const birthDate = i === BRUTE - 1 ? isoDate(TARGET.date) : `1948-01-${String((i % 28) + 1).padStart(2, "0")}`;
      return lookup(port, `127.0.0.${i + 2}`, TARGET.dni, birthDate);
    });
    // one address trying unknown DNIs
    const hammer = Array.from({ length: HAMMER }, (_, i) => lookup(port, "127.0.1.66", `7000${String(i).padStart(4, "0")}`, "1970-01-01"));
    const [peopleDone, guessStatuses, hammerStatuses] = await Promise.all([Promise.all(people), Promise.all(guesses), Promise.all(hammer)]);

    expect(peopleDone.flatMap((p) => p.statuses).every((s) => s === 200)).toBe(true);
    // the DNI from many addresses: its own bound (LOOKUP_DNI_MAX_FAILURES, 10 an hour) holds under
    // parallel guesses, decided at write time: at most 10 are answered, the rest refused
    expect((tally(guessStatuses)[401] ?? 0) + (tally(guessStatuses)[200] ?? 0)).toBeLessThanOrEqual(10);
    expect(tally(guessStatuses)[429]).toBeGreaterThanOrEqual(BRUTE - 10);
    // the address: at most 10 "no match", then locked
    expect(tally(hammerStatuses)[401]).toBeLessThanOrEqual(10);
    expect(tally(hammerStatuses)[429]).toBeGreaterThanOrEqual(HAMMER - 10);

    // the audit saw exactly 10 evaluated guesses at the DNI, every other one refused as locked
    const audits = (await deps.db.select().from(auditLog).all()).filter((a) => a.action === "lookup.verify");
    const bySubject = new Map<string, string[]>();
    for (const a of audits) bySubject.set(a.subject ?? "", [...(bySubject.get(a.subject ?? "") ?? []), a.outcome ?? ""]);
    const target = [...bySubject.values()].find((outcomes) => outcomes.length === BRUTE)!;
    expect(target.filter((o) => o !== "locked").length).toBe(10);
    expect(target.filter((o) => o === "locked").length).toBe(BRUTE - 10);

    // afterwards: the hammering address is refused even with a real person's data, the locked
    // DNI is refused even from a new address, and a new address with a real person gets in
    expect(await lookup(port, "127.0.1.66", DEMO.pension65Available.dni, isoDate(DEMO.pension65Available.date))).toBe(429);
    expect(await lookup(port, "127.0.0.200", TARGET.dni, isoDate(TARGET.date))).toBe(429);
    expect(await lookup(port, "127.0.0.201", DEMO.juntosActive.dni, isoDate(DEMO.juntosActive.date))).toBe(200);
    await close();
  });
});
