import { drizzle } from "drizzle-orm/d1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { openNodeDatabase } from "../../src/db/node";
import * as schema from "../../src/db/schema";
import { complaintEvents, complaints, outbox } from "../../src/db/schema";
import { createComplaintsService } from "../../src/services/complaints";
import { startWorker, type LocalWorker } from "./harness";

// Filing computes the tracking code inside the insert (printf, sub-select) and builds the
// confirmation with json_object: checked on workerd's real D1 next to the Node build.
let worker: LocalWorker;
let d1: Db;
beforeAll(async () => {
  worker = await startWorker();
  d1 = drizzle(worker.d1 as never, { schema }) as unknown as Db;
});
afterAll(async () => {
  await worker?.dispose();
});

const body = {
  kind: "reclamo",
  program: "juntos",
  category: "pago_no_recibido",
  description: "No llegó el pago",
  ubigeo: "030101",
  reporter: { dni: "12345678" },
  contact: { channel: "sms", address: "987654321" },
  lang: "qu",
};

describe.each([
  { name: "D1", db: () => d1 },
  { name: "SQLite (Node)", db: () => openNodeDatabase(":memory:").db },
])("complaints on $name", ({ db: open }) => {
  it("numbers simultaneous filings without gaps or repeats, each with its confirmation, and answers idempotent replays", async () => {
    const db = open();
    const service = createComplaintsService({ db, now: () => Date.parse("2026-12-07T15:00:00Z") });
    const filed = await Promise.all(Array.from({ length: 10 }, (_, i) => service.file({ body, channel: "api", actor: "api", idempotencyKey: `k-${i % 5}` })));
    const codes = [...new Set(filed.map((f) => f.complaint.code))].sort();
    expect(codes).toEqual(["MO-2026-000001", "MO-2026-000002", "MO-2026-000003", "MO-2026-000004", "MO-2026-000005"]);
    expect(await db.select().from(complaints).all()).toHaveLength(5);
    const messages = await db.select().from(outbox).all();
    expect(messages).toHaveLength(5);
    expect(messages.map((m) => m.ref).sort()).toEqual(codes.map((c) => `complaint:${c}`));
    expect(messages[0].body).toEqual([{ key: "complaints:notify.filed", params: { code: messages[0].ref!.slice(10), deadline: "22/01/2027" } }]);

    const { outboxId } = await service.changeStatus({ code: codes[0], to: "respondido", actor: "staff:a", answer: "Kutichiy" });
    expect(outboxId).not.toBeNull();
    expect((await db.select().from(complaintEvents).all()).filter((e) => e.toStatus === "respondido")).toHaveLength(1);
  });
});
