import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGroupCommitter, type SyncSqlite } from "../../src/db/group-commit";

const opened: Database.Database[] = [];

function fileDb(path = join(mkdtempSync(join(tmpdir(), "group-commit-")), "t.db")) {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 20");
  sqlite.exec("create table if not exists t (id integer primary key, v text unique)");
  opened.push(sqlite);
  return { sqlite, path };
}

/** the committer over `sqlite`, counting the transactions it commits */
function counted(sqlite: Database.Database, options?: { busyRetryMs?: number }) {
  const counts = { commits: 0 };
  const view: SyncSqlite = {
    get inTransaction() {
      return sqlite.inTransaction;
    },
    prepare(source: string) {
      const statement = sqlite.prepare(source);
      return source === "COMMIT" ? { run: () => (counts.commits++, statement.run()) } : statement;
    },
  };
  return { committer: createGroupCommitter(view, options), counts };
}

const insert = (sqlite: Database.Database, v: string) => () => void sqlite.prepare("insert into t (v) values (?)").run(v);
const values = (sqlite: Database.Database) => (sqlite.prepare("select v from t order by id").all() as { v: string }[]).map((r) => r.v);

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe("group commit (the conversation runner's writes, src/db/group-commit.ts)", () => {
  it("commits the writes queued in one pass of the event loop in one transaction, each answered only once it is committed", async () => {
    const { sqlite, path } = fileDb();
    const other = new Database(path); // what another process sees: committed data only
    opened.push(other);
    const { committer, counts } = counted(sqlite);
    const seenWhenAnswered: string[][] = [];
    const writes = ["a", "b", "c"].map((v) => committer.write(insert(sqlite, v)).then(() => seenWhenAnswered.push(values(other))));
    expect(values(other)).toEqual([]); // nothing before the loop reaches its check phase
    await Promise.all(writes);
    expect(counts.commits).toBe(1);
    expect(seenWhenAnswered).toEqual([["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"]]);
    // a later pass: its own transaction
    await committer.write(insert(sqlite, "d"));
    expect(counts.commits).toBe(2);
    expect(values(other)).toEqual(["a", "b", "c", "d"]);
  });

  it("a write that fails is rolled back alone and gets its own error; the others of the batch commit", async () => {
    const { sqlite } = fileDb();
    const { committer, counts } = counted(sqlite);
    await committer.write(insert(sqlite, "taken"));
    const results = await Promise.allSettled([
      committer.write(insert(sqlite, "first")),
      // two statements, the second hits the unique index: neither of them stays
      committer.write(() => {
        insert(sqlite, "half")();
        insert(sqlite, "taken")();
      }),
      committer.write(insert(sqlite, "last")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(values(sqlite)).toEqual(["taken", "first", "last"]);
    expect(counts.commits).toBe(2);
    expect(sqlite.inTransaction).toBe(false);
  });

  it("a database that cannot be written fails every write of the batch with the storage error, and stores none", async () => {
    const { sqlite } = fileDb();
    const { committer } = counted(sqlite);
    sqlite.pragma("query_only = ON");
    const results = await Promise.allSettled([committer.write(insert(sqlite, "a")), committer.write(insert(sqlite, "b"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    for (const r of results) expect(String((r as PromiseRejectedResult).reason)).toMatch(/readonly|read-only|query_only/i);
    sqlite.pragma("query_only = OFF");
    expect(values(sqlite)).toEqual([]);
    expect(sqlite.inTransaction).toBe(false);
    // and it works again once the database does
    await committer.write(insert(sqlite, "c"));
    expect(values(sqlite)).toEqual(["c"]);
  });

  it("waits asynchronously for a write lock another process holds, then commits (the event loop keeps running)", async () => {
    const { sqlite, path } = fileDb();
    const other = new Database(path);
    opened.push(other);
    other.pragma("busy_timeout = 20");
    const { committer } = counted(sqlite);
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const release = setTimeout(() => other.exec("COMMIT"), 150);
    await committer.write(insert(sqlite, "after the lock"));
    clearInterval(ticker);
    clearTimeout(release);
    expect(values(sqlite)).toEqual(["after the lock"]);
    expect(ticks).toBeGreaterThan(3);
  });

  it("a lock that stays: the write gets the busy error once it waited its time, and nothing is stored", async () => {
    const { sqlite, path } = fileDb();
    const other = new Database(path);
    opened.push(other);
    const { committer } = counted(sqlite, { busyRetryMs: 120 });
    other.exec("BEGIN IMMEDIATE");
    await expect(committer.write(insert(sqlite, "never"))).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    other.exec("ROLLBACK");
    expect(values(sqlite)).toEqual([]);
  });
});
