import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheWriteStatements } from "../../src/db/statement-cache";

describe("cacheWriteStatements: one prepared statement per write SQL", () => {
  it("hands back the same statement for the same INSERT, and a fresh one for every SELECT", () => {
    const sqlite = new Database(":memory:");
    cacheWriteStatements(sqlite);
    sqlite.exec("create table t (id integer primary key, v text)");
    const insert = "insert into t (v) values (?)";
    expect(sqlite.prepare(insert)).toBe(sqlite.prepare(insert));
    expect(sqlite.prepare("select v from t")).not.toBe(sqlite.prepare("select v from t"));
    // RETURNING reads rows: not kept either
    expect(sqlite.prepare("insert into t (v) values (?) returning id")).not.toBe(sqlite.prepare("insert into t (v) values (?) returning id"));
    sqlite.prepare(insert).run("a");
    sqlite.prepare(insert).run("b");
    expect(sqlite.prepare("select count(*) as n from t").get()).toEqual({ n: 2 });
  });

  it("a kept statement still works after a migration changes its table, and inside a transaction", () => {
    const sqlite = new Database(":memory:");
    cacheWriteStatements(sqlite);
    sqlite.exec("create table t (id integer primary key, v text)");
    const insert = "insert into t (v) values (?)";
    sqlite.prepare(insert).run("before");
    sqlite.exec("alter table t add column w text default 'x'");
    sqlite.transaction(() => sqlite.prepare(insert).run("after"))();
    expect(sqlite.prepare("select v, w from t order by id").all()).toEqual([{ v: "before", w: "x" }, { v: "after", w: "x" }]);
  });

  it("starts over when full (SQL texts that vary do not grow it without bound)", () => {
    const sqlite = new Database(":memory:");
    cacheWriteStatements(sqlite, 4);
    sqlite.exec("create table t (id integer primary key)");
    const first = sqlite.prepare("delete from t where id in (1)");
    for (let n = 2; n <= 5; n++) sqlite.prepare(`delete from t where id in (${Array.from({ length: n }, (_, i) => i + 1).join(",")})`);
    expect(sqlite.prepare("delete from t where id in (1)")).not.toBe(first);
  });
});
