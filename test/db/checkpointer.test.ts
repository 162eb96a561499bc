import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/node";

const opened: { database: NodeDatabase; dir: string }[] = [];
afterEach(() => {
  for (const { database, dir } of opened.splice(0)) {
    if (database.sqlite.open) database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function open(backgroundCheckpoints: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "checkpointer-"));
  const path = join(dir, "t.db");
  const database = openNodeDatabase(path, { backgroundCheckpoints });
  opened.push({ database, dir });
  return { database, path };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe("background checkpoints", () => {
  it("moves WAL pages into the database file from the worker; the server's connection never checkpoints itself", async () => {
    const { database, path } = open(true);
    expect(database.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    database.sqlite.exec("create table t (id integer primary key, v text)");
    const before = statSync(path).size;
    const insert = database.sqlite.prepare("insert into t (v) values (?)");
    for (let i = 0; i < 3000; i++) insert.run("x".repeat(200)); // ~150 pages, one commit each
    // the file grows when the worker copies; its report arrives as a message a moment later
    expect(await until(() => statSync(path).size > before + 100 * 4096 && database.checkpointer!.checkpoints > 0, 10_000)).toBe(true);
    expect(database.sqlite.prepare("select count(*) as n from t").get()).toEqual({ n: 3000 });
  });

  it("gives the connection its automatic checkpoint back when the worker stops", async () => {
    const { database } = open(true);
    await database.checkpointer!.stop();
    expect(database.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });

  it("is off unless asked for (CLIs keep SQLite's automatic checkpoint)", () => {
    const { database } = open(false);
    expect(database.checkpointer).toBeUndefined();
    expect(database.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });
});
