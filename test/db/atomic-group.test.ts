// atomic() on Node goes through the database's group committer: writes awaited together are one
// transaction (the lookups' audit rows, a filing, a staff change share the commit with the turns
// of the same pass), and a write that fails is rejected alone.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { atomic } from "../../src/db/atomic";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/node";
import { auditLog } from "../../src/db/schema";

const opened: NodeDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function fresh(): NodeDatabase {
  const db = openNodeDatabase(join(mkdtempSync(join(tmpdir(), "atomic-group-")), "t.db"));
  opened.push(db);
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return db;
}

/** frames in the WAL since the last checkpoint: a commit writes each page it changed once */
const frames = (db: NodeDatabase) => (db.sqlite.pragma("wal_checkpoint(PASSIVE)") as { log: number }[])[0].log;
const row = (db: NodeDatabase, i: number) => db.db.insert(auditLog).values({ at: 1_000 + i, actor: "test", action: "test.write", subject: `s:${i}`, channel: "api", outcome: "ok" });

describe("atomic() on Node", () => {
  it("commits the writes of one pass of the event loop together: fewer WAL frames than one by one", async () => {
    const together = fresh();
    await Promise.all(Array.from({ length: 20 }, (_, i) => atomic(together.db, [row(together, i) as never, row(together, 100 + i) as never])));
    const alone = fresh();
    for (let i = 0; i < 20; i++) await atomic(alone.db, [row(alone, i) as never, row(alone, 100 + i) as never]);
    const count = (db: NodeDatabase) => (db.sqlite.prepare("select count(*) n from audit_log where actor = 'test'").get() as { n: number }).n;
    expect([count(together), count(alone)]).toEqual([40, 40]);
    // each commit writes the table's and its indexes' pages: 20 commits write them 20 times
    expect(frames(together) * 4).toBeLessThan(frames(alone));
  });

  it("rejects a failing write alone; the others of its pass are stored", async () => {
    const db = fresh();
    db.sqlite.exec("create table u (v text unique); insert into u values ('taken')");
    // a statement as drizzle's are: run() for a transaction, awaitable on its own
    const insert = (v: string) => {
      const run = () => db.sqlite.prepare("insert into u (v) values (?)").run(v);
      return { run, then: (ok: () => void, fail: (e: unknown) => void) => Promise.resolve().then(run).then(() => ok(), fail) };
    };
    const results = await Promise.allSettled([atomic(db.db, [insert("a") as never, insert("b") as never]), atomic(db.db, [insert("c") as never, insert("taken") as never]), atomic(db.db, [insert("d") as never])]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((db.sqlite.prepare("select v from u order by v").all() as { v: string }[]).map((r) => r.v)).toEqual(["a", "b", "d", "taken"]);
  });
});
