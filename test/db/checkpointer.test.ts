import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/node";
import { startBackgroundCheckpoints } from "../../src/db/checkpointer";

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
  it("moves WAL pages into the database file from the worker; the server's connection never checkpoints by itself", async () => {
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

  it("keeps the WAL from growing without bound under steady writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "checkpointer-"));
    const path = join(dir, "t.db");
    const sqlite = new Database(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.exec("create table t (id integer primary key, v text)");
    const checkpointer = startBackgroundCheckpoints(sqlite, path, 50, 300);
    const insert = sqlite.prepare("insert into t (v) values (?)");
    const commit = sqlite.transaction(() => {
      for (let i = 0; i < 40; i++) insert.run("x".repeat(500));
    });
    // a commit of ~5 pages every 2 ms for 3 s, as a busy service's group commits: never a quiet moment
    let largestWal = 0;
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      commit();
      largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
      await new Promise((r) => setTimeout(r, 2));
    }
    const written = (sqlite.prepare("select count(*) as n from t").get() as { n: number }).n * 500;
    const { restarts, restartPagesCopied } = checkpointer;
    await checkpointer.stop();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    // with the worker's passes alone the WAL held every page written (36 MB for ~24 MB of rows)
    expect(written).toBeGreaterThan(10 * 1024 * 1024);
    expect(restarts).toBeGreaterThan(0);
    expect(largestWal).toBeLessThan(4 * 300 * 4096);
    // the server's own passes (event-loop pauses) copy what the worker's last pass left, not a cap's worth
    expect(restartPagesCopied / restarts).toBeLessThan(300);
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
