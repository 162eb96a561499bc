import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { openNodeDatabase } from "../../src/db/node";
import { reusableWrite } from "../../src/db/prepared-writes";
import { incrementUsageStatements } from "../../src/db/repos/usage-counts";
import { usageCounts, usageFunnelRollups } from "../../src/db/schema";
import { atomic } from "../../src/db/atomic";

const kv = sqliteTable("kv", { k: text("k").primaryKey(), n: integer("n").notNull() });

describe("reusableWrite (hot-path writes built once per database)", () => {
  it("builds and prepares the statement once per database; each use runs with its own values, by run() or by await", async () => {
    const { db, sqlite, close } = openNodeDatabase(":memory:");
    sqlite.exec("create table kv (k text primary key, n integer not null)");
    let built = 0;
    const bump = reusableWrite<{ k: string; by: number }>((d, v) => {
      built++;
      return d
        .insert(kv)
        .values({ k: v("k"), n: v("by") } as never)
        .onConflictDoUpdate({ target: kv.k, set: { n: sql`${kv.n} + excluded.n` } });
    });
    (bump(db, { k: "a", by: 1 }) as unknown as { run(): void }).run();
    await bump(db, { k: "a", by: 2 });
    await atomic(db, [bump(db, { k: "b", by: 5 }), bump(db, { k: "a", by: 10 })]);
    expect(sqlite.prepare("select k, n from kv order by k").all()).toEqual([
      { k: "a", n: 13 },
      { k: "b", n: 5 },
    ]);
    expect(built).toBe(1);
    // another database: its own statement
    const other = openNodeDatabase(":memory:");
    other.sqlite.exec("create table kv (k text primary key, n integer not null)");
    await bump(other.db, { k: "c", by: 1 });
    expect(built).toBe(2);
    other.close();
    close();
  });

  it("a turn's usage +1 counts exactly, the same row again adding up", async () => {
    const { db, close } = openNodeDatabase(":memory:");
    const key = { day: "2026-12-07", channel: "ussd", lang: "es", section: "programs" as const, department: "03", outcome: "entered" as const, node: "" };
    await atomic(db, incrementUsageStatements(db, key));
    await atomic(db, incrementUsageStatements(db, key));
    await atomic(db, incrementUsageStatements(db, { ...key, lang: "qu" }));
    const counts = await db.select().from(usageCounts).all();
    expect(counts.map((c) => [c.lang, c.count])).toEqual([
      ["es", 2],
      ["qu", 1],
    ]);
    const funnel = await db.select().from(usageFunnelRollups).all();
    expect(funnel.map((f) => [f.grain, f.period, f.count])).toEqual([
      ["d", "2026-12-07", 3],
      ["m", "2026-12", 3],
    ]);
    close();
  });
});
