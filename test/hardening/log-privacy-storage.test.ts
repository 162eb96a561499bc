import Database from "better-sqlite3";
import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createJsonLogger } from "../../src/logging/logger";
import { createPinoLogger } from "../../src/logging/pino";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";

/**
 * Session 8 review: a failed query on D1 (the Worker) is drizzle's `DrizzleQueryError`, whose
 * message and stack are "Failed query: … params: <every value bound>". The log scrubber masked
 * DNIs and phones in it, but a reporter's name, birth date and the complaint's own words went to
 * the log in clear. (On Node, better-sqlite3's errors carry no values: the first case holds.)
 */
const SECRETS = [reclamoBody.reporter.name, "Mamani", reclamoBody.reporter.birthDate, reclamoBody.description, reclamoBody.reporter.dni, reclamoBody.reporter.phone];

function pinoLines() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).split("\n").filter(Boolean)), done()) });
  return { lines, logger: createPinoLogger("debug", sink) };
}

/** the error D1 gives drizzle for a write that fails, wrapped exactly as drizzle's D1 session does */
function d1QueryError() {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table reporters (dni text primary key, name text, birth_date text, description text)");
  const sql = "insert into reporters (dni, name, birth_date, description) values (?, ?, ?, ?)";
  const params = [reclamoBody.reporter.dni, reclamoBody.reporter.name, reclamoBody.reporter.birthDate, reclamoBody.description];
  sqlite.prepare(sql).run(...params);
  try {
    sqlite.prepare(sql).run(...params);
  } catch (cause) {
    return new DrizzleQueryError(sql, params, cause as Error);
  }
  throw new Error("the second insert should have failed");
}

describe("a failed write is logged without the values it carried", () => {
  it("Node: the complaints API on a read-only database logs the failure and its code, nothing personal", async () => {
    const { lines, logger } = pinoLines();
    const t = makeTestApp({ logger });
    t.database.sqlite.pragma("query_only = ON");
    const res = await t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) });
    expect(res.status).toBe(503);
    const log = lines.join("\n");
    expect(log).toContain("storage unavailable");
    expect(log).toContain("SQLITE_READONLY");
    for (const secret of SECRETS) expect(log).not.toContain(secret);
  });

  for (const [label, make] of [
    ["pino (Node)", () => pinoLines()],
    ["the JSON logger (Workers)", () => { const lines: string[] = []; return { lines, logger: createJsonLogger("debug", (l) => lines.push(l)) }; }],
  ] as const) {
    it(`${label}: drizzle's query error keeps the SQL and the SQLite cause, not the bound values`, () => {
      const { lines, logger } = make();
      logger.error({ error: d1QueryError(), path: "/api/v1/complaints" }, "unhandled error");
      const log = lines.join("\n");
      expect(log).toContain("Failed query: insert into reporters");
      expect(log).toContain("SQLITE_CONSTRAINT_PRIMARYKEY");
      expect(log).toContain("params: [withheld]");
      for (const secret of SECRETS) expect(log).not.toContain(secret);
    });
  }
});
