import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../../src/db/node";
import { backupDatabase } from "../../src/ops/backup";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("npm run backup (online SQLite backup)", () => {
  it("copies a live WAL database, including commits still in the WAL, while it keeps writing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienta-backup-"));
    dirs.push(dir);
    const live = openNodeDatabase(join(dir, "live.db"));
    live.sqlite.exec("CREATE TABLE probe (n INTEGER)");
    const insert = live.sqlite.prepare("INSERT INTO probe (n) VALUES (?)");
    for (let i = 0; i < 500; i++) insert.run(i);

    // the service's connection stays open and writes again while the backup runs
    const running = backupDatabase(live.sqlite, join(dir, "copy.db"));
    insert.run(500);
    await running;
    live.close();

    const copy = new Database(join(dir, "copy.db"), { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const { n } = copy.prepare("SELECT count(*) AS n FROM probe").get() as { n: number };
    expect(n).toBeGreaterThanOrEqual(500);
    // the migrated schema came along: the copy can be put at DATABASE_PATH and started
    const tables = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["complaints", "outbox", "sessions", "audit_log"]));
    copy.close();

    // and opening it as the service does (migrations already applied) works
    const restored = openNodeDatabase(join(dir, "copy.db"));
    restored.close();
  });
});
