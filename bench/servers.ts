// The servers the USSD benchmark compares, one per child process so the load generator never
// shares an event loop with them:  tsx bench/servers.ts <bare|durable|floor|app> <port> <dbPath>
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { createHmac } from "node:crypto";
import { Hono } from "hono";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { openNodeDatabase, SERVICE_BUSY_TIMEOUT_MS } from "../src/db/node";
import { silentLogger } from "../src/logging/logger";

const [mode, portText, dbPath] = process.argv.slice(2);
const port = Number(portText);

function bare(): Hono {
  const app = new Hono();
  app.post("/channels/ussd", (c) => c.text("ok"));
  return app;
}

/** (b) the irreducible durable step: parse the form, one indexed SELECT, one INSERT, answer text. */
function durable(): Hono {
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table if not exists steps (id integer primary key, session text not null, input text, at integer not null)");
  db.exec("create index if not exists steps_session on steps(session)");
  const select = db.prepare("select id, input from steps where session = ? order by id desc limit 1");
  const insert = db.prepare("insert into steps (session, input, at) values (?, ?, ?)");
  const app = new Hono();
  app.post("/channels/ussd", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const session = form.get("sessionId") ?? "";
    const previous = select.get(session) as { id: number } | undefined;
    insert.run(session, form.get("text") ?? "", Date.now());
    return c.text(`CON step ${previous ? previous.id : 0}`);
  });
  return app;
}

/**
 * (b) the verified-lookup floor (bench:lookup): the irreducible work of a lookup on raw
 * better-sqlite3 over the same registry — one HMAC of the DNI, the person, enrolments,
 * classification and payments read by primary key, the two-row audit INSERT (the attempt and what
 * was shown) in one transaction, a JSON answer. No validation, throttling, masking or i18n.
 */
function floor(): Hono {
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const person = db.prepare("select birth_date as birthDate, first_names as firstNames from persons where dni = ?");
  const enrolments = db.prepare("select program, status, status_reason as statusReason, since from enrolments where dni = ? order by program");
  const classification = db.prepare("select level, valid_until as validUntil from classifications where dni = ?");
  const payments = db.prepare("select * from payments where dni = ? order by program, period desc");
  const audit = db.prepare("insert into audit_log (at, actor, action, subject, channel, outcome) values (?, 'citizen:api', ?, ?, 'api', ?)");
  const write = db.transaction((subject: string, at: number) => {
    audit.run(at, "lookup.verify", subject, "verified");
    audit.run(at, "lookup.all", subject, "shown");
  });
  const app = new Hono();
  app.post("/api/v1/lookup", async (c) => {
    const body = (await c.req.json()) as { dni: string; birthDate: string };
    const subject = `dni:${createHmac("sha256", "benchmark-secret-0123456789").update(`dni:${body.dni}`).digest("hex").slice(0, 32)}`;
    const found = person.get(body.dni) as { birthDate: string } | undefined;
    if (!found || found.birthDate !== body.birthDate) return c.json({ error: "verification_failed" }, 401);
    const record = { enrolments: enrolments.all(body.dni), classification: classification.get(body.dni) ?? null, payments: payments.all(body.dni) };
    write(subject, Date.now());
    return c.json(record);
  });
  return app;
}

function real(): Hono {
  const { config } = loadConfig({ NODE_ENV: "production", APP_SECRET: "benchmark-secret-0123456789", DATABASE_PATH: dbPath, USSD_ALLOWED_SOURCES: "127.0.0.1/32" });
  const { db } = openNodeDatabase(dbPath, { backgroundCheckpoints: true, busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS }); // as src/server.ts
  return createApp({ db, config, logger: silentLogger });
}

const app = mode === "bare" ? bare() : mode === "durable" ? durable() : mode === "floor" ? floor() : real();
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log("listening"));
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
