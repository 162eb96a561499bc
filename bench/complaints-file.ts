// Filing throughput (`npm run bench:complaints`): fileComplaint on a WAL SQLite file, one at a
// time, against two baselines measured in the same run:
//   (a) the same number of rows written the plainest way (one atomic write of a complaint row
//       with a precomputed code, its history row, an outbox row and an audit row);
//   (b) fileComplaint itself on an empty table vs with 100,000 complaints already filed this
//       year (the next code comes from max(seq) over the unique (year, seq) index).
// Bounded: ~3 s per measurement; writes a temp file under os.tmpdir() only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atomic } from "../src/db/atomic";
import { openNodeDatabase } from "../src/db/node";
import { auditLog, complaintEvents, complaints, outbox } from "../src/db/schema";
import { createComplaintsService } from "../src/services/complaints";

const WINDOW_MS = 3_000;
const PRELOAD = 100_000;
const body = {
  kind: "reclamo",
  program: "juntos",
  category: "pago_no_recibido",
  description: "No llegó el pago de noviembre",
  ubigeo: "030101",
  reporter: { dni: "12345678", name: "Rosa" },
  contact: { channel: "sms", address: "987654321" },
  lang: "qu",
};

async function timed(label: string, op: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < WINDOW_MS) await op(n++);
  const perSecond = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(48)} ${Math.round(perSecond).toLocaleString("en")} /s`);
  return perSecond;
}

const dir = mkdtempSync(join(tmpdir(), "bench-complaints-"));
try {
  const now = () => Date.parse("2026-12-07T15:00:00Z");

  // (a) baseline: the same four rows, code known in advance
  const plain = openNodeDatabase(join(dir, "plain.db"));
  const baseline = await timed("(a) 4-row atomic write, code precomputed", async (i) => {
    const id = `p-${i}`;
    const code = `MO-2026-${String(i + 1).padStart(6, "0")}`;
    const t = now();
    await atomic(plain.db, [
      plain.db.insert(complaints).values({ id, code, year: 2026, seq: i + 1, kind: "reclamo", program: "juntos", category: "pago_no_recibido", description: body.description, ubigeo: "030101", region: "03", queue: "payments", priority: 2, deadline: "2027-01-22", lang: "qu", channel: "api", contactChannel: "sms", contactAddress: "+51987654321", createdAt: t, updatedAt: t }),
      plain.db.insert(complaintEvents).values({ complaintId: id, seq: 1, at: t, actor: "api", type: "status", toStatus: "registrado" }),
      plain.db.insert(outbox).values({ id: `o-${i}`, channel: "sms", address: "+51987654321", lang: "qu", body: [{ key: "complaints:notify.filed", params: { code } }], ref: `complaint:${code}`, nextAttemptAt: t, createdAt: t, updatedAt: t }),
      plain.db.insert(auditLog).values({ at: t, actor: "api", action: "complaint.file", subject: code }),
    ]);
  });
  plain.close();

  // (b) fileComplaint: validation, routing, deadline, code inside the insert, reporter row
  const empty = openNodeDatabase(join(dir, "empty.db"));
  const emptyService = createComplaintsService({ db: empty.db, now });
  const fresh = await timed("fileComplaint, empty table", () => emptyService.file({ body, channel: "api", actor: "api" }));
  empty.close();

  const full = openNodeDatabase(join(dir, "full.db"));
  const insert = full.sqlite.prepare(
    "insert into complaints (id, code, year, seq, kind, program, category, description, ubigeo, region, queue, priority, deadline, status, lang, channel, contact_channel, created_at, updated_at) values (?, ?, 2026, ?, 'reclamo', 'juntos', 'pago_no_recibido', 'x', '030101', '03', 'payments', 2, '2027-01-22', 'registrado', 'es', 'api', 'none', 0, 0)",
  );
  full.sqlite.transaction(() => {
    for (let i = 1; i <= PRELOAD; i++) insert.run(`pre-${i}`, `MO-2026-${String(i).padStart(6, "0")}`, i);
  })();
  const service = createComplaintsService({ db: full.db, now });
  const loaded = await timed(`fileComplaint, ${PRELOAD.toLocaleString("en")} complaints this year`, () => service.file({ body, channel: "api", actor: "api" }));
  const status = await timed("getComplaintByCode (status check)", (i) => service.getByCode(`MO-2026-${String((i % PRELOAD) + 1).padStart(6, "0")}`));
  full.close();

  console.log(`\nfileComplaint / (a): empty ${(fresh / baseline).toFixed(2)}, with ${PRELOAD.toLocaleString("en")} rows ${(loaded / baseline).toFixed(2)}; status check ${(status / baseline).toFixed(1)}× (a)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
