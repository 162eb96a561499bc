import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BACKFILL_COMPLAINT_COUNTS_SQL } from "../../../src/db/repos/complaint-counts";
import { complaintCounts } from "../../../src/db/schema";
import { createComplaintsService } from "../../../src/services/complaints";
import { makeTestApp } from "../../helpers/app";
import { complaintBody } from "./factory";

const DAY = 86_400_000;

describe("pre-aggregated complaint counts (complaint_counts)", () => {
  it("are kept in the filing's and the first answer's write, and the migration's backfill gives the same table", async () => {
    const t = makeTestApp();
    // 21:00 in Lima is already the next day in UTC: the count's day is Lima's
    t.clock.set(Date.parse("2026-12-08T02:00:00Z"));
    const service = createComplaintsService({ db: t.deps.db, now: t.clock.now });
    const a = (await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" })).complaint;
    await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" });
    const c = (await service.file({ body: complaintBody({ program: "juntos" }), channel: "web", lang: "qu", actor: "citizen:web" })).complaint;
    t.clock.advance(3 * DAY);
    await service.changeStatus({ code: a.code, to: "en_revision", actor: "staff:x" });
    await service.changeStatus({ code: a.code, to: "respondido", actor: "staff:x", answer: "Respuesta." });
    await service.changeStatus({ code: a.code, to: "cerrado", actor: "staff:x" }); // not a first answer: nothing moves
    t.clock.advance(60 * DAY);
    await service.changeStatus({ code: c.code, to: "improcedente", actor: "staff:x", answer: "No procede." });

    const live = (await t.deps.db.select().from(complaintCounts).all()).filter((r) => r.count !== 0);
    const byDays = live.map((r) => `${r.day} ${r.program} ${r.channel} ${r.lang} days=${r.answerDays} onTime=${r.onTime} n=${r.count}`).sort();
    expect(byDays).toEqual([
      `2026-12-07 ${a.program} ussd ${a.lang} days=-1 onTime=0 n=1`,
      `2026-12-07 ${a.program} ussd ${a.lang} days=3 onTime=1 n=1`,
      "2026-12-07 juntos web qu days=63 onTime=0 n=1",
    ]);

    await t.deps.db.delete(complaintCounts);
    t.database.sqlite.exec(BACKFILL_COMPLAINT_COUNTS_SQL);
    const rebuilt = await t.deps.db.select().from(complaintCounts).all();
    const order = (rows: typeof live) => rows.map((r) => JSON.stringify(r)).sort();
    expect(order(rebuilt)).toEqual(order(live));
  });

  it("the migration carries the same backfill statement", () => {
    const dir = new URL("../../../db/migrations/", import.meta.url);
    const file = readdirSync(dir).find((f) => f.endsWith(".sql") && readFileSync(new URL(f, dir), "utf8").includes("CREATE TABLE `complaint_counts`"));
    const migration = readFileSync(new URL(file!, dir), "utf8");
    expect(migration).toContain(BACKFILL_COMPLAINT_COUNTS_SQL);
  });
});
