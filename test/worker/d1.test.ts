import { count, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomic } from "../../src/db/atomic";
import { D1_MAX_BOUND_PARAMETERS, insertInChunks, rowsPerInsert } from "../../src/db/chunks";
import type { Db } from "../../src/db/client";
import { openNodeDatabase } from "../../src/db/node";
import * as schema from "../../src/db/schema";
import { contacts, outbox } from "../../src/db/schema";
import { enqueueOutbound } from "../../src/services/outbox/enqueue";
import { startWorker, type LocalWorker } from "./harness";

// What differs on D1, checked against workerd's real D1 (not a mock), next to the Node build.
let worker: LocalWorker;
let d1: Db;
beforeAll(async () => {
  worker = await startWorker();
  d1 = drizzle(worker.d1 as never, { schema }) as unknown as Db;
});
afterAll(async () => {
  await worker?.dispose();
});

const contact = (n: number, urn = `tel:+519870${String(n).padStart(5, "0")}`) => ({
  id: `c-${n}`,
  urn,
  lang: "qu" as const,
  createdAt: 1,
  updatedAt: 1,
});

function bothDatabases(): { name: string; db: () => Db }[] {
  return [
    { name: "D1", db: () => d1 },
    { name: "SQLite (Node)", db: () => openNodeDatabase(":memory:").db },
  ];
}

describe("no interactive transactions on D1", () => {
  it("D1 refuses BEGIN, which is why atomic() maps to db.batch", async () => {
    await expect(worker.d1.prepare("BEGIN TRANSACTION").run()).rejects.toThrow(/transaction/i);
  });

  describe.each(bothDatabases())("atomic() on $name", ({ db: open }) => {
    it("stores every statement of a batch", async () => {
      const db = open();
      await atomic(db, [db.insert(contacts).values(contact(1)), db.insert(contacts).values(contact(2))]);
      expect(await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, "c-2")).get()).toEqual({ id: "c-2" });
    });

    it("stores nothing when one statement fails (a change and its outbox message stay together)", async () => {
      const db = open();
      const before = (await db.select({ n: count() }).from(outbox).get())!.n;
      const write = atomic(db, [
        enqueueOutbound(db, { channel: "sms", address: "+51987000999", lang: "ay", body: [{ key: "common:goodbye" }] }, 1),
        db.insert(contacts).values(contact(3, "tel:+51987000999")),
        db.insert(contacts).values(contact(4, "tel:+51987000999")), // same URN: unique index refuses
      ]);
      await expect(write).rejects.toThrow();
      expect((await db.select({ n: count() }).from(outbox).get())!.n).toBe(before);
      expect(await db.select().from(contacts).where(eq(contacts.id, "c-3")).get()).toBeUndefined();
    });
  });
});

describe("bound parameters per statement", () => {
  const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => contact(from + i));

  it(`D1 refuses a statement binding more than ${D1_MAX_BOUND_PARAMETERS} parameters; SQLite on Node does not`, async () => {
    const rows = many(1000, 20); // 20 rows x 6 columns = 120 parameters
    expect(d1.insert(contacts).values(rows).toSQL().params.length).toBeGreaterThan(D1_MAX_BOUND_PARAMETERS);
    const error: unknown = await Promise.resolve(d1.insert(contacts).values(rows).run()).then(
      () => null,
      (e: unknown) => e,
    );
    // drizzle wraps the driver's error ("Failed query: …"); D1's own message is the cause
    expect(String((error as { cause?: unknown } | null)?.cause)).toMatch(/too many SQL variables/);
    const node = openNodeDatabase(":memory:").db;
    await node.insert(contacts).values(rows).run();
  });

  it("insertInChunks keeps every statement within the limit", () => {
    const rows = many(2000, 500);
    const perInsert = rowsPerInsert(contacts);
    expect(perInsert).toBe(11); // 100 parameters / 9 columns of contacts (wa_user_id by issue 17, department by issue 20, sms_gateway: Africa's Talking SMS)
    expect(d1.insert(contacts).values(rows.slice(0, perInsert)).toSQL().params.length).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
  });

  describe.each(bothDatabases())("insertInChunks on $name", ({ db: open }) => {
    it("loads 500 rows, and a rerun with onConflict ignore adds nothing", async () => {
      const db = open();
      const rows = many(5000, 500);
      const statements = await insertInChunks(db, contacts, rows, { onConflict: "ignore", statementsPerBatch: 10 });
      expect(statements).toBe(Math.ceil(500 / rowsPerInsert(contacts)));
      await insertInChunks(db, contacts, rows, { onConflict: "ignore" });
      const stored = await db.select({ n: count() }).from(contacts).where(eq(contacts.lang, "qu")).get();
      expect(stored!.n).toBeGreaterThanOrEqual(500);
      expect(await db.select().from(contacts).where(eq(contacts.id, "c-5499")).get()).toMatchObject({ urn: "tel:+51987005499" });
    });
  });
});

describe("the outbox on the cron trigger", () => {
  it("a scheduled event takes what is due, once (no SMS provider here: stored not_sent, never 'sent')", async () => {
    await atomic(d1, [
      enqueueOutbound(d1, { id: "cron-1", channel: "sms", address: "+51987000777", lang: "qu", body: [{ key: "common:goodbye" }], ref: "test:cron" }, Date.now() - 1000),
    ]);
    await worker.scheduled("* * * * *");
    expect(await d1.select().from(outbox).where(eq(outbox.id, "cron-1")).get()).toMatchObject({ status: "not_sent", attempts: 1, providerId: null, lastError: "no provider configured for the channel (sms)" });
    await worker.scheduled("* * * * *");
    expect(await d1.select().from(outbox).where(eq(outbox.id, "cron-1")).get()).toMatchObject({ attempts: 1 });
    const dispatched = worker.logs.filter((l) => l.includes('"outbox dispatched"')).map((l) => JSON.parse(l));
    expect(dispatched[0]).toMatchObject({ trigger: "* * * * *", sent: 0, notSent: 1 });
    expect(worker.logs.join("\n")).not.toContain("987000777");
  });
});
