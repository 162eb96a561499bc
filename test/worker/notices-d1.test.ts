import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomic } from "../../src/db/atomic";
import { insertInChunks } from "../../src/db/chunks";
import type { Db } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { enrolments, notices, outbox, payments, persons } from "../../src/db/schema";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { grantConsentStatements, revokeConsent } from "../../src/services/notices/consent";
import { limaDate } from "../../src/services/notices/lima-clock";
import { startWorker, type LocalWorker } from "./harness";

// Issue 21 item 2 on workerd + D1: the notices job declared once runs from the Worker's cron (at a
// quarter hour), over more consenting people than D1's 100 bound parameters per statement; a
// second cron run adds nothing; a revoked consent gets nothing; an import trigger works on D1.
const SECRET = "notices-d1-secret-0123456789abcdef";
let worker: LocalWorker;
let d1: Db;
beforeAll(async () => {
  worker = await startWorker({ vars: { APP_SECRET: SECRET, NOTICES_QUIET_HOURS: "off" } });
  d1 = drizzle(worker.d1 as never, { schema }) as unknown as Db;
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
});

const PEOPLE = 150;
const dniOf = (i: number) => String(41_000_000 + i);

/** the Worker's cron at the next quarter hour (the notices job is due at minutes 0, 15, 30, 45) */
async function cronAtQuarter(): Promise<void> {
  const at = new Date(Math.ceil(Date.now() / 900_000) * 900_000);
  const fetcher = (await worker.mf.getWorker()) as unknown as { scheduled(o: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }> };
  const result = await fetcher.scheduled({ cron: "* * * * *", scheduledTime: at });
  expect(result.outcome).toBe("ok");
}

describe("payment notices on the cron trigger (D1)", () => {
  it("150 consenting people whose window opens today: one notice each, once across two cron runs; none after a revocation", async () => {
    const now = Date.now();
    const today = limaDate(now);
    await insertInChunks(d1, persons, Array.from({ length: PEOPLE + 1 }, (_, i) => ({ dni: dniOf(i), birthDate: "1950-01-01", firstNames: "X", lastNames: "Y", ubigeo: "030101", phone: null })));
    await insertInChunks(d1, payments, Array.from({ length: PEOPLE + 1 }, (_, i) => ({ dni: dniOf(i), program: "pension65", period: "2026-12", amountCents: 35000, status: "programado" as const, availableFrom: today, availableUntil: "2099-01-31", paymentPoint: "Banco de la Nación, Abancay" })));
    const consent = { db: d1, hash: createKeyedHash(SECRET), now: () => now };
    const grants = [];
    for (let i = 0; i <= PEOPLE; i++) {
      grants.push(...(await grantConsentStatements(consent, { dni: dniOf(i), channel: "sms", address: `+519871${String(i).padStart(5, "0")}`, lang: i % 3 === 0 ? "ay" : "es", via: "sms", actor: "citizen:sms" })));
    }
    await atomic(d1, grants);
    // the last one said BAJA before the morning
    await revokeConsent(consent, { address: `+519871${String(PEOPLE).padStart(5, "0")}`, via: "keyword", actor: "citizen:sms" });

    await cronAtQuarter();
    await cronAtQuarter();
    const rows = await d1.select({ ref: outbox.ref, n: sql<number>`count(*)` }).from(outbox).where(sql`${outbox.ref} like 'notice:%'`).groupBy(outbox.ref).all();
    expect(rows).toEqual([{ ref: "notice:payment_available", n: PEOPLE }]);
    const sample = await d1.select().from(outbox).where(sql`${outbox.ref} like 'notice:%' and ${outbox.lang} = 'ay'`).limit(1).get();
    expect(sample?.body).toEqual([{ key: "notices:payment_available", params: { program: "pension65", amount: "350", from: `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`, until: "31/01/2099", place: "Banco de la Nación, Abancay" } }]);
    expect((await d1.select({ n: sql<number>`count(*)` }).from(notices).where(sql`${notices.status} = 'sent'`).get())?.n).toBe(PEOPLE);
  });

  it("an import that suspends an enrolment fires the trigger on D1: one status_changed notice at the next cron", async () => {
    await insertInChunks(d1, enrolments, [{ dni: dniOf(0), program: "pension65", status: "activo", since: "2020-01-01", statusReason: null }]);
    await d1.run(sql`update enrolments set status = 'suspendido', status_reason = 'supervivencia', since = '2026-12-01' where dni = ${dniOf(0)}`);
    await cronAtQuarter();
    const rows = await d1.select({ body: outbox.body }).from(outbox).where(sql`${outbox.ref} = 'notice:status_changed'`).all();
    expect(rows.map((r) => r.body[0].key)).toEqual(["notices:status.suspendido"]);
  });
});
