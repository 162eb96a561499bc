// Crash durability: the real service (src/server.ts, child process, SQLite file in WAL mode) is
// killed with SIGKILL at seeded random moments while many clients file complaints and the outbox
// dispatcher sends their confirmations to a stub provider; after each restart, and at the end:
// every tracking code a client received exists with its history, a client's retry with its
// Idempotency-Key never makes a second complaint, the database passes integrity_check, and every
// outbox message reached the provider: none lost, and none twice except the one in flight when
// the process died. `CRASH_SEED=<n>` replays other kill moments.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reclamoBody } from "../helpers/complaints";
import { startProviderStub, type ProviderStub } from "../helpers/provider-stub";
import { serviceEnv, startServer, type ServerProcess } from "../helpers/server-process";
import { seededRandom } from "../support/seeded-random";

const SEED = Number(process.env.CRASH_SEED ?? 20261130);
const KILLS = 4;
const CLIENTS = 12;
// how long after the load starts each kill comes: between these bounds, drawn from the seed
const KILL_AFTER_MS = { min: 300, max: 4000 };

interface Filing {
  key: string;
  body: typeof reclamoBody;
  /** the code the service answered with, or undefined if the answer never came */
  code?: string;
  replayed?: boolean;
}

function filingBody(n: number): typeof reclamoBody {
  const phone = `9${String(10_000_000 + n).slice(-8)}`;
  return { ...reclamoBody, description: `No cobré el pago (caso ${n})`, contact: { channel: n % 3 === 0 ? "whatsapp" : "sms", address: phone } };
}

async function post(url: string, filing: Filing): Promise<Response> {
  return fetch(`${url}/api/v1/complaints`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": filing.key },
    body: JSON.stringify(filing.body),
    signal: AbortSignal.timeout(30_000),
  });
}

/** `CLIENTS` clients filing one complaint after another until the server stops answering. */
function load(url: string, round: number, filings: Filing[], counter: { n: number }, unexpected: string[]): Promise<void>[] {
  return Array.from({ length: CLIENTS }, async (_, client) => {
    for (;;) {
      const n = counter.n++;
      const filing: Filing = { key: `crash-${SEED}-${round}-${client}-${n}`, body: filingBody(n) };
      filings.push(filing);
      let response: Response;
      try {
        response = await post(url, filing);
      } catch {
        return; // the server died with this request in flight: its answer never came
      }
      const json = (await response.json().catch(() => null)) as { code?: string } | null;
      if (response.status !== 201 || !json?.code) {
        unexpected.push(`${response.status} ${JSON.stringify(json)}`);
        return;
      }
      filing.code = json.code;
    }
  });
}

function openReadOnly(path: string) {
  return new Database(path, { readonly: true, fileMustExist: true });
}

describe("crash durability: SIGKILL while complaints are filed and their messages sent", () => {
  const dir = mkdtempSync(join(tmpdir(), "orienta-crash-"));
  const dbPath = join(dir, "orienta.db");
  let provider: ProviderStub;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    // a few ms per send, like a real API, so the dispatcher is often caught mid-send
    provider = await startProviderStub({ delayMs: 3 });
  });
  afterAll(async () => {
    await server?.kill();
    await provider?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`every answered code survives ${KILLS} kills with its history; every message is sent, again only when in flight at a kill`, async () => {
    const random = seededRandom(SEED);
    // stale "sending" rows are taken back after 2 s instead of 5 min; the timer runs every 200 ms
    const env = serviceEnv(dbPath, provider.url, { OUTBOX_INTERVAL_MS: "200", OUTBOX_STALE_SENDING_SECONDS: "2", COMPLAINTS_RATE_LIMIT_PER_HOUR: "0", STATUS_RATE_LIMIT_PER_MINUTE: "0" });
    const filings: Filing[] = [];
    const unexpected: string[] = [];
    const counter = { n: 0 };
    const spawnedAt: number[] = [];
    const moments: number[] = [];
    const startMs: number[] = [];
    const began = Date.now();

    for (let round = 0; round < KILLS; round++) {
      spawnedAt.push(Date.now());
      server = await startServer(env);
      startMs.push(Date.now() - spawnedAt[round]);
      // durable across the previous kill: every code answered so far is in the restarted database
      const answered = filings.filter((f) => f.code).map((f) => f.code!);
      if (answered.length) {
        const db = openReadOnly(dbPath);
        const stored = new Set((db.prepare("select code from complaints").all() as { code: string }[]).map((r) => r.code));
        db.close();
        expect(answered.filter((code) => !stored.has(code))).toEqual([]);
      }
      const killAfter = Math.round(KILL_AFTER_MS.min + random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
      moments.push(killAfter);
      const clients = load(server.url, round, filings, counter, unexpected);
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      await server.kill();
      await Promise.all(clients);
    }

    // last start: clients whose answer never came retry with the same Idempotency-Key
    spawnedAt.push(Date.now());
    server = await startServer(env);
    startMs.push(Date.now() - spawnedAt[KILLS]);
    const unanswered = filings.filter((f) => !f.code);
    for (const filing of unanswered) {
      const response = await post(server.url, filing);
      expect(response.status).toBe(201);
      filing.code = ((await response.json()) as { code: string }).code;
      filing.replayed = response.headers.get("idempotent-replayed") === "true";
    }
    expect(unexpected).toEqual([]);

    // the outbox drains: the in-flight rows of the killed processes come back after the stale timeout
    const drainDeadline = Date.now() + 30_000;
    let left = -1;
    while (Date.now() < drainDeadline) {
      const db = openReadOnly(dbPath);
      left = (db.prepare("select count(*) as n from outbox where status <> 'sent'").get() as { n: number }).n;
      db.close();
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await server.stop();
    server = null;
    expect(left).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");

      // every complaint: answered to its client, exactly one per Idempotency-Key, with its history
      const complaints = db.prepare("select id, code, idempotency_key as key from complaints").all() as { id: string; code: string; key: string }[];
      const byCode = new Map(complaints.map((c) => [c.code, c]));
      expect(filings.every((f) => f.code)).toBe(true);
      expect(filings.filter((f) => byCode.get(f.code!)?.key !== `api:${f.key}`).map((f) => f.key)).toEqual([]);
      expect(complaints.length).toBe(filings.length);
      const history = db.prepare(
        `select c.code,
           (select count(*) from complaint_events e where e.complaint_id = c.id and e.seq = 1 and e.to_status = 'registrado') as events,
           (select count(*) from complaint_reporters r where r.complaint_id = c.id) as reporters,
           (select count(*) from audit_log a where a.subject = c.code and a.action = 'complaint.file') as audits,
           (select count(*) from outbox o where o.ref = 'complaint:' || c.code) as messages
         from complaints c`,
      ).all() as { code: string; events: number; reporters: number; audits: number; messages: number }[];
      expect(history.filter((h) => h.events !== 1 || h.reporters !== 1 || h.audits !== 1 || h.messages !== 1)).toEqual([]);

      // every message reached the provider, with the provider's id recorded; none it did not queue
      const messages = db.prepare("select id, status, provider_id as providerId from outbox").all() as { id: string; status: string; providerId: string }[];
      expect(messages.length).toBe(complaints.length);
      const ids = new Set(messages.map((m) => m.id));
      const delivered = new Map<string, typeof provider.deliveries>();
      for (const d of provider.deliveries) delivered.set(d.key ?? "", [...(delivered.get(d.key ?? "") ?? []), d]);
      expect(messages.filter((m) => !delivered.has(m.id)).map((m) => m.id)).toEqual([]);
      expect([...delivered.keys()].filter((key) => !ids.has(key))).toEqual([]);
      expect(messages.filter((m) => m.providerId !== provider.idByKey.get(m.id)).map((m) => m.id)).toEqual([]);

      // again only when the earlier send was in flight in a process that was then killed: each
      // delivery but the last in its own killed process, at most one such per kill (one dispatcher
      // per process, one send at a time). A message in flight at two kills in a row is sent three
      // times: the restarted process takes it back after the stale timeout and can die mid-send too.
      const incarnation = (at: number) => spawnedAt.filter((t) => t <= at).length - 1;
      const repeated = [...delivered.entries()].filter(([, list]) => list.length > 1);
      const perKill = new Map<number, number>();
      for (const [, list] of repeated) {
        const lives = list.map((d) => incarnation(d.at));
        expect(lives.every((life, i) => i === 0 || lives[i - 1] < life)).toBe(true);
        for (const life of lives.slice(0, -1)) {
          expect(life).toBeLessThan(KILLS);
          perKill.set(life, (perKill.get(life) ?? 0) + 1);
        }
      }
      expect([...perKill.values()].every((n) => n <= 1)).toBe(true);

      console.log(
        `crash-kill seed ${SEED}: kills at ${moments.join(", ")} ms into the load; ` +
          `${filings.length} filings (${unanswered.length} unanswered at a kill, ${unanswered.filter((f) => f.replayed).length} of them had been stored and were replayed on retry); ` +
          `${messages.length} messages, ${provider.deliveries.length} provider requests, ${repeated.length} repeated (in flight at a kill, deduped by Idempotency-Key); ` +
          `starts took ${startMs.join(", ")} ms; ${Date.now() - began} ms in all`,
      );
    } finally {
      db.close();
    }
  }, 240_000);
});
