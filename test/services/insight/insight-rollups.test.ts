import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { atomic } from "../../../src/db/atomic";
import { insightRepo } from "../../../src/db/repos/insight";
import { periodRanges, REBUILD_INSIGHT_ROLLUPS_SQL } from "../../../src/db/repos/insight-rollups";
import { incrementUsageStatements } from "../../../src/db/repos/usage-counts";
import { complaintAnswerRollups, complaintCounts, complaintKindRollups, complaintPlaceRollups, usageCounts, usageEnteredRollups, usageFunnelRollups } from "../../../src/db/schema";
import { createComplaintsService } from "../../../src/services/complaints";
import { makeTestApp } from "../../helpers/app";
import { complaintBody } from "../complaints/factory";

const DAY = 86_400_000;
const ROLLUPS = [complaintPlaceRollups, complaintKindRollups, complaintAnswerRollups, usageEnteredRollups, usageFunnelRollups];

async function snapshot(t: ReturnType<typeof makeTestApp>) {
  const out: string[] = [];
  for (const table of ROLLUPS) for (const r of await t.deps.db.select().from(table).all()) if (r.count !== 0) out.push(JSON.stringify(r));
  return out.sort();
}

describe("insight rollups (narrow monthly and daily counts)", () => {
  it("are kept in the filing's, the first answer's and the turn's write, and the rebuild from the fine counts gives the same rows", async () => {
    const t = makeTestApp();
    t.clock.set(Date.parse("2026-11-30T02:00:00Z")); // Lima: 2026-11-29
    const service = createComplaintsService({ db: t.deps.db, now: t.clock.now });
    const a = (await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" })).complaint;
    t.clock.advance(2 * DAY); // Lima: 2026-12-01, another month
    await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" });
    const c = (await service.file({ body: complaintBody({ program: "pension65", ubigeo: "150101" }), channel: "web", lang: "qu", actor: "citizen:web" })).complaint;
    t.clock.advance(3 * DAY);
    await service.changeStatus({ code: a.code, to: "respondido", actor: "staff:x", answer: "Respuesta." });
    await service.changeStatus({ code: a.code, to: "cerrado", actor: "staff:x" });
    t.clock.advance(40 * DAY);
    await service.changeStatus({ code: c.code, to: "improcedente", actor: "staff:x", answer: "No procede." });
    for (const [day, outcome, node] of [
      ["2026-11-29", "entered", ""],
      ["2026-11-29", "abandoned", "eligibility.q.age"],
      ["2026-12-02", "entered", ""],
      ["2026-12-02", "completed", ""],
    ] as const)
      await atomic(t.deps.db, incrementUsageStatements(t.deps.db, { day, channel: "ussd", lang: "es", section: "eligibility", department: "03", outcome, node }));

    const live = await snapshot(t);
    const place = (await t.deps.db.select().from(complaintPlaceRollups).all()).map((r) => `${r.grain} ${r.period} ${r.program} ${r.province} ${r.count}`).sort();
    expect(place).toEqual([`d 2026-11-29 ${a.program} ${a.ubigeo.slice(0, 4)} 1`, `d 2026-12-01 ${a.program} ${a.ubigeo.slice(0, 4)} 1`, "d 2026-12-01 pension65 1501 1", `m 2026-11 ${a.program} ${a.ubigeo.slice(0, 4)} 1`, `m 2026-12 ${a.program} ${a.ubigeo.slice(0, 4)} 1`, "m 2026-12 pension65 1501 1"].sort());

    for (const s of REBUILD_INSIGHT_ROLLUPS_SQL) t.database.sqlite.exec(s);
    expect(await snapshot(t)).toEqual(live);
  });

  it("the migration carries the rebuild's INSERTs", () => {
    const migration = readFileSync(new URL("../../../db/migrations/0019_insight_rollups.sql", import.meta.url), "utf8");
    for (const s of REBUILD_INSIGHT_ROLLUPS_SQL.filter((s) => s.startsWith("INSERT"))) expect(migration).toContain(s);
  });

  it("split a period into whole months and the days of its edge months", () => {
    expect(periodRanges("2025-12-08", "2026-12-07")).toEqual({ months: ["2026-01", "2026-11"], days: [["2025-12-08", "2025-12-31"], ["2026-12-01", "2026-12-07"]] });
    expect(periodRanges("2026-01-01", "2026-03-31")).toEqual({ months: ["2026-01", "2026-03"], days: [] });
    expect(periodRanges("2026-02-01", "2026-02-28")).toEqual({ months: ["2026-02", "2026-02"], days: [] });
    expect(periodRanges("2024-02-01", "2024-02-28")).toEqual({ months: null, days: [["2024-02-01", "2024-02-28"]] });
    expect(periodRanges("2026-01-15", "2026-02-10")).toEqual({ months: null, days: [["2026-01-15", "2026-02-10"]] });
    expect(periodRanges("2026-01-15", "2026-01-15")).toEqual({ months: null, days: [["2026-01-15", "2026-01-15"]] });
  });

  it("answer any period exactly as the fine counts do (random counts, random periods)", async () => {
    const t = makeTestApp();
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const day = (i: number) => new Date(Date.parse("2025-10-01T00:00:00Z") + i * DAY).toISOString().slice(0, 10);
    const rows = new Map<string, typeof complaintCounts.$inferInsert>();
    for (let i = 0; i < 600; i++) {
      const days = pick([-1, 0, 1, 5, 30]);
      const r = { day: day(Math.floor(rand() * 200)), program: pick(["juntos", "pension65"]), kind: pick(["reclamo", "denuncia"]), category: "otro", ubigeo: pick(["030101", "030201", "150101", "200101"]), channel: "ussd", lang: "es", queue: pick(["payments", "general"]), answerDays: days, onTime: days >= 0 && days < 10 ? 1 : 0, count: 1 + Math.floor(rand() * 5) };
      rows.set(JSON.stringify({ ...r, count: 0 }), r);
    }
    await t.deps.db.insert(complaintCounts).values([...rows.values()]);
    const usage = new Map<string, typeof usageCounts.$inferInsert>();
    for (let i = 0; i < 400; i++) {
      const r = { day: day(Math.floor(rand() * 200)), channel: pick(["ussd", "whatsapp"]), lang: pick(["es", "qu"]), section: pick(["eligibility", "help"] as const), department: pick(["03", "15", "unknown"]), outcome: pick(["entered", "completed", "abandoned"] as const), node: "", count: 1 + Math.floor(rand() * 5) };
      if (r.outcome === "abandoned") r.node = pick(["a", "b"]);
      usage.set(JSON.stringify({ ...r, count: 0 }), r);
    }
    await t.deps.db.insert(usageCounts).values([...usage.values()]);
    for (const s of REBUILD_INSIGHT_ROLLUPS_SQL) t.database.sqlite.exec(s);

    const q = (s: string, ...p: unknown[]) => t.database.sqlite.prepare(s).all(...p) as Record<string, unknown>[];
    const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    for (let i = 0; i < 40; i++) {
      const [a, b] = [day(Math.floor(rand() * 210) - 5), day(Math.floor(rand() * 210) - 5)].sort();
      const program = pick([undefined, "juntos"]);
      const repo = insightRepo(t.deps.db, { from: a, to: b, program });
      const pf = program ? `and program = '${program}'` : "";
      const where = `day between ? and ? ${pf}`;
      expect(sorted(await repo.complaintsByPlace()), `${a}..${b}`).toEqual(sorted(q(`select substr(ubigeo,1,4) key, sum(count) n from complaint_counts where ${where} group by 1`, a, b)));
      expect(sorted(await repo.complaintsPerWeek())).toEqual(sorted(q(`select date(day,'-6 days','weekday 1') week, kind, sum(count) n from complaint_counts where ${where} group by 1, 2`, a, b)));
      expect(sorted(await repo.answeredByProgramQueue())).toEqual(
        sorted(q(`select program, queue, sum(count) filed, sum(case when answer_days >= 0 then count else 0 end) answered, sum(case when on_time = 1 then count else 0 end) onTime from complaint_counts where ${where} group by 1, 2`, a, b)),
      );
      expect(sorted(await repo.answerDaysByProgram())).toEqual(sorted(q(`select program, answer_days days, sum(count) n from complaint_counts where ${where} and answer_days >= 0 group by 1, 2`, a, b)));
      expect(sorted(await repo.usageEntered())).toEqual(sorted(q(`select department, channel, lang, sum(count) n from usage_counts where day between ? and ? and outcome = 'entered' group by 1, 2, 3`, a, b)));
      expect(sorted(await repo.usageFunnel())).toEqual(sorted(q(`select section, outcome, node, sum(count) n from usage_counts where day between ? and ? group by 1, 2, 3`, a, b)));
    }
    // a place (a help desk's district) reads the fine counts by their index on (ubigeo, day)
    const plan = q(`explain query plan select sum(count) from complaint_counts where ubigeo = '030101' and day between '2026-01-01' and '2026-02-01'`).map((r) => String(r.detail));
    expect(plan.join(" ")).toMatch(/USING (COVERING )?INDEX complaint_counts_ubigeo_day_idx/);
    const rollupPlan = q(`explain query plan select sum(count) from complaint_place_rollups where grain = 'm' and period between '2026-01' and '2026-03'`).map((r) => String(r.detail));
    expect(rollupPlan.join(" ")).toMatch(/USING (COVERING )?(PRIMARY KEY|INDEX)/);

  });
});
