import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomic } from "../../src/db/atomic";
import { insertInChunks } from "../../src/db/chunks";
import type { Db } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { broadcastRecipients, broadcasts, enrolments, outbox, persons } from "../../src/db/schema";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { grantConsentStatements } from "../../src/services/notices/consent";
import { startWorker, type LocalWorker } from "./harness";

// Issue 21 item 3 on workerd + D1: the broadcasts job declared once runs from the Worker's cron,
// over an audience larger than D1's 100 bound parameters per statement, throttled per minute.
const SECRET = "broadcasts-d1-secret-0123456789";
let worker: LocalWorker;
let d1: Db;
beforeAll(async () => {
  worker = await startWorker({ vars: { APP_SECRET: SECRET, BROADCAST_RATE_PER_MINUTE: "100" } });
  d1 = drizzle(worker.d1 as never, { schema }) as unknown as Db;
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
});

const PEOPLE = 150;
const dniOf = (i: number) => String(40_000_000 + i);

describe("broadcasts on the cron trigger (D1)", () => {
  it("an approved broadcast to 150 consenting people: 100 queued in the first minute, the rest the next, then sent", async () => {
    const now = Date.now();
    await insertInChunks(d1, persons, Array.from({ length: PEOPLE }, (_, i) => ({ dni: dniOf(i), birthDate: "1950-01-01", firstNames: "X", lastNames: "Y", ubigeo: i % 2 ? "030201" : "030101", phone: null })));
    await insertInChunks(d1, enrolments, Array.from({ length: PEOPLE }, (_, i) => ({ dni: dniOf(i), program: "pension65", status: "activo", since: "2020-01-01", statusReason: null })));
    // and one in Puno, outside the audience
    await insertInChunks(d1, persons, [{ dni: "49999999", birthDate: "1950-01-01", firstNames: "X", lastNames: "Y", ubigeo: "210101", phone: null }]);
    await insertInChunks(d1, enrolments, [{ dni: "49999999", program: "pension65", status: "activo", since: "2020-01-01", statusReason: null }]);
    const consent = { db: d1, hash: createKeyedHash(SECRET), now: () => now };
    const grants = [];
    for (let i = 0; i <= PEOPLE; i++) {
      const dni = i === PEOPLE ? "49999999" : dniOf(i);
      grants.push(...(await grantConsentStatements(consent, { dni, channel: "sms", address: `+519870${String(i).padStart(5, "0")}`, lang: i % 3 === 0 ? "qu" : "es", via: "sms", actor: "citizen:sms" })));
    }
    await atomic(d1, grants);
    const id = "b-d1-1";
    await d1.insert(broadcasts).values({
      id,
      title: "Carrito Apurímac",
      audience: { programs: ["pension65"], ubigeoPrefix: "03", langs: ["es", "qu"] },
      texts: { es: "El carrito pagador llega el 12 de diciembre a la plaza.", qu: "Qullqi apaq carrito 12 diciembre p'unchaw plazaman chayamunqa." },
      status: "approved",
      scheduledAt: null,
      createdBy: "author",
      createdAt: now,
      approvedBy: "approver",
      approvedAt: now,
      updatedAt: now,
    });

    await worker.scheduled("* * * * *");
    const queued = async () => (await d1.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.ref, `broadcast:${id}`)).get())!.n;
    expect(await queued()).toBe(100);
    expect(await d1.select().from(broadcasts).where(eq(broadcasts.id, id)).get()).toMatchObject({ status: "sending", recipients: PEOPLE });
    await worker.scheduled("* * * * *"); // the same minute: the budget is spent
    expect(await queued()).toBe(100);

    // a minute later (the queue times moved back instead of waiting)
    await d1.update(broadcastRecipients).set({ queuedAt: sql`${broadcastRecipients.queuedAt} - 61000` }).where(and(eq(broadcastRecipients.broadcastId, id), eq(broadcastRecipients.status, "queued")));
    await worker.scheduled("* * * * *");
    expect(await queued()).toBe(PEOPLE);
    expect((await d1.select().from(broadcasts).where(eq(broadcasts.id, id)).get())!.status).toBe("sent");
    const quechua = await d1.select().from(outbox).where(and(eq(outbox.ref, `broadcast:${id}`), eq(outbox.lang, "qu"))).all();
    expect(quechua).toHaveLength(50);
    expect(quechua[0].body).toEqual([{ key: "broadcasts:message", params: { text: "Qullqi apaq carrito 12 diciembre p'unchaw plazaman chayamunqa." } }]);
    expect(await d1.select().from(outbox).where(eq(outbox.address, `+519870${String(PEOPLE).padStart(5, "0")}`)).all()).toEqual([]);
    const runs = worker.logs.filter((l) => l.includes('"broadcasts run done"')).map((l) => JSON.parse(l));
    expect(runs.map((r) => r.queued)).toEqual([100, 0, 50]);
    expect(worker.logs.join("\n")).not.toContain("+519870");
  }, 60_000);
});
