import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { atomic } from "../../src/db/atomic";
import { insertInChunks } from "../../src/db/chunks";
import { exportForD1, MAX_STATEMENT_BYTES } from "../../src/db/d1-export";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/node";
import { contacts, staffUsers } from "../../src/db/schema";
import { loadConfig } from "../../src/config";
import { silentLogger } from "../../src/logging/logger";
import { enqueueOutbound } from "../../src/services/outbox/enqueue";
import { nodeClient, Transcript } from "../parity/client";
import { startWorker, wrangler, type LocalWorker } from "./harness";
import { MIGRATIONS_DIR } from "./paths";
import { unstable_splitSqlQuery } from "wrangler";

// The README's move from the single-machine SQLite file to D1, with the real commands:
// npm run d1:export → wrangler d1 migrations apply --local → wrangler d1 execute --local --file.
const dir = mkdtempSync(join(tmpdir(), "orienta-move-"));
const sqlFile = join(dir, "orienta-data.sql");
const persistTo = join(dir, "wrangler-state");
let node: NodeDatabase;
let worker: LocalWorker;
let report: ReturnType<typeof exportForD1>;

const awkward = `O'Higgins "Ñuñoa" ; -- not a comment\nsegunda línea 🙂 \\ '' end`;

beforeAll(async () => {
  node = openNodeDatabase(join(dir, "orienta.db"));
  const { config } = loadConfig({ NODE_ENV: "test" });
  const app = createApp({ db: node.db, config, logger: silentLogger });
  // a person who chose Quechua on the Node service
  const t = new Transcript(nodeClient(app));
  const phone = t.ussd("987000010", "ATUid_move_1");
  await phone.start();
  await phone.press("2");
  await phone.press("1");
  // rows that test the SQL text: quotes, semicolons, comment markers, newlines, emoji, JSON
  await atomic(node.db, [
    enqueueOutbound(node.db, { id: "move-1", channel: "sms", address: "+51987000010", lang: "qu", body: [{ key: "common:goodbye", params: { place: awkward } }], ref: awkward }, Date.parse("2026-11-23T15:00:00Z")),
  ]);
  // enough rows for several statements
  await insertInChunks(
    node.db,
    contacts,
    Array.from({ length: 1500 }, (_, i) => ({ id: `bulk-${i}`, urn: `tel:+5198${String(i).padStart(7, "0")}`, lang: null, createdAt: i, updatedAt: i })),
  );
  await node.db.insert(staffUsers).values({
    id: "s-1",
    email: "agente@orienta.test",
    name: "Agente",
    role: "quality_agent",
    passwordHash: "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==",
    createdAt: 1,
    updatedAt: 1,
  });

  const chunks: string[] = [];
  report = exportForD1(node.sqlite, (c) => chunks.push(c));
  writeFileSync(sqlFile, chunks.join(""));

  wrangler(["d1", "migrations", "apply", "orienta", "--local", "--persist-to", persistTo]);
  wrangler(["d1", "execute", "orienta", "--local", "--persist-to", persistTo, "--file", sqlFile]);
  worker = await startWorker({ persistTo });
}, 120_000);

afterAll(async () => {
  await worker?.dispose();
  node?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("moving from the single-machine SQLite to D1", () => {
  it("exports data only, parents first, in statements under D1's size limit", () => {
    const sql = readFileSync(sqlFile, "utf8");
    expect(sql).not.toMatch(/CREATE TABLE|__drizzle_migrations|BEGIN/);
    expect(report.tables.map((t) => t.name).indexOf("contacts")).toBeLessThan(report.tables.map((t) => t.name).indexOf("sessions"));
    expect(report.tables.find((t) => t.name === "contacts")?.rows).toBe(1501);
    expect(report.statements).toBeGreaterThan(5);
    for (const statement of sql.split(";\n")) expect(statement.length).toBeLessThan(MAX_STATEMENT_BYTES);
  });

  it("warns about staff password hashes Workers cannot verify", () => {
    expect(report.warnings.join("\n")).toMatch(/1 staff account.*100000/);
  });

  it("D1 holds exactly the rows SQLite held, table by table", async () => {
    for (const { name } of report.tables) {
      const query = `SELECT * FROM "${name}" ORDER BY rowid`;
      const expected = node.sqlite.prepare(query).all();
      const { results } = await worker.d1.prepare(query).all();
      expect(results, name).toEqual(expected);
    }
  });

  it("the Worker carries on where the Node service left off: same language, same conversation", async () => {
    const t = new Transcript(worker.fetch);
    const phone = t.ussd("987000010", "ATUid_move_2");
    expect((await phone.start()).body).toMatch(/^CON ¿Saqisqaykimanta qatinkichu\?/);
    expect((await phone.press("1")).body).toMatch(/Programakuna\. Hukta akllay:/);
  });

  it("a reload with onConflict update changes rows in place and adds the new ones", async () => {
    node.sqlite.prepare("UPDATE contacts SET lang = 'ay', updated_at = 99 WHERE id = 'bulk-7'").run();
    node.sqlite.prepare("INSERT INTO contacts (id, urn, created_at, updated_at) VALUES ('late', 'tel:+51987009999', 5, 5)").run();
    const chunks: string[] = [];
    exportForD1(node.sqlite, (c) => chunks.push(c), { tables: ["contacts"], onConflict: "update" });
    const statements = unstable_splitSqlQuery(chunks.join(""));
    await worker.d1.batch(statements.map((s) => worker.d1.prepare(s)));
    const query = "SELECT * FROM contacts ORDER BY id";
    expect((await worker.d1.prepare(query).all()).results).toEqual(node.sqlite.prepare(query).all());
  });

  it("wrangler recorded every migration in d1_migrations, so later ones apply on top", async () => {
    const { results } = await worker.d1.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>();
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")).sort();
    expect(results.map((r: { name: string }) => r.name)).toEqual(files);
  });
});
