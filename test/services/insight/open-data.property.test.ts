import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { complaintCounts, usageCounts } from "../../../src/db/schema";
import { openData } from "../../../src/services/insight/open-data";
import { makeTestApp } from "../../helpers/app";

// few distinct values per column, so many rows fall into the same published cell (sums of small counts)
const complaintRow = fc.record({
  day: fc.constantFrom("2026-01-03", "2026-01-20", "2026-02-11"),
  program: fc.constantFrom("juntos", "pension65", "general"),
  kind: fc.constantFrom("reclamo", "denuncia"),
  category: fc.constantFrom("pago_no_recibido", "informacion"),
  ubigeo: fc.constantFrom("030101", "030102", "150101"),
  channel: fc.constantFrom("ussd", "web"),
  lang: fc.constantFrom("es", "qu", "ay"),
  queue: fc.constantFrom("payments", "queries"),
  answerDays: fc.constantFrom(-1, 0, 3),
  onTime: fc.constantFrom(0, 1),
  count: fc.integer({ min: 0, max: 12 }),
});
const usageRow = fc.record({
  day: fc.constantFrom("2026-01-03", "2026-02-11"),
  channel: fc.constantFrom("ussd", "whatsapp"),
  lang: fc.constantFrom("es", "qu"),
  section: fc.constantFrom("programs", "complaints") as fc.Arbitrary<"programs" | "complaints">,
  department: fc.constantFrom("03", "unknown"),
  outcome: fc.constantFrom("entered", "completed") as fc.Arbitrary<"entered" | "completed">,
  node: fc.constant(""),
  count: fc.integer({ min: 0, max: 9 }),
});
const uniqueBy = <T>(rows: T[], key: (r: T) => string) => [...new Map(rows.map((r) => [key(r), r])).values()];

describe("open data: small cells suppressed (property)", () => {
  it("no published cell is 1, 2, 3 or 4; every '<5' hides a true count of 1–4; nothing else than codes and counts", async () => {
    // one database, emptied before each run (migrating a fresh one per run would dominate the time)
    const { deps } = makeTestApp();
    await fc.assert(
      fc.asyncProperty(fc.array(complaintRow, { maxLength: 60 }), fc.array(usageRow, { maxLength: 30 }), async (complaints, usage) => {
        await deps.db.delete(complaintCounts);
        await deps.db.delete(usageCounts);
        const c = uniqueBy(complaints, (r) => JSON.stringify({ ...r, count: 0 }));
        const u = uniqueBy(usage, (r) => JSON.stringify({ ...r, count: 0 }));
        if (c.length) await deps.db.insert(complaintCounts).values(c);
        if (u.length) await deps.db.insert(usageCounts).values(u);
        const data = await openData(deps.db, { from: "2026-01", to: "2026-02" });
        for (const table of [data.complaints, data.usage]) {
          const last = table.columns.length - 1;
          for (const row of table.rows) {
            expect(row).toHaveLength(table.columns.length);
            expect(["1", "2", "3", "4"]).not.toContain(row[last]);
            expect(row[last]).toMatch(/^(<5|[5-9]|\d{2,})$/);
            for (const cell of row.slice(0, last)) expect(cell).toMatch(/^[a-z0-9_-]+$/);
          }
        }
        // the truth behind each published complaints cell
        const truth = new Map<string, number>();
        for (const r of c) {
          const k = [r.day.slice(0, 7), r.ubigeo.slice(0, 2), r.program, r.kind, r.category, r.channel, r.lang].join("|");
          truth.set(k, (truth.get(k) ?? 0) + r.count);
        }
        for (const row of data.complaints.rows) {
          const n = truth.get(row.slice(0, 7).join("|"))!;
          expect(row[7]).toBe(n < 5 ? "<5" : String(n));
        }
        expect(data.complaints.rows.length).toBe([...truth.values()].filter((n) => n > 0).length);
      }),
      { numRuns: 100 },
    );
  });
});
