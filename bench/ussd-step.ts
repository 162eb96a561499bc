// npm run bench:ussd — throughput and latency of a USSD step (session read + engine + session
// write + render) at 50 concurrent sessions on 127.0.0.1, against two baselines measured in the
// same run: (a) a bare Hono route, (b) the irreducible durable step. Bounded: ~2 minutes.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// a realistic walk: language → main menu → programs → a program → pages → back → menu
const WALK = ["", "1", "1*1", "1*1*2", "1*1*2*98", "1*1*2*98*98", "1*1*2*98*98*0", "1*1*2*98*98*0*00"];

async function startServer(mode: string, port: number, dbPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/servers.ts", mode, String(port), dbPath], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start`)), 20_000);
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

// returning callers: the walks go round this many phones, so a phone dials again after its
// walk (as a person does); 50 connections walk with 50 consecutive phones, never the same one at once
const PHONES = CONNECTIONS * 10;
// across rounds too: a gateway never names the same session twice
let walks = 0;

function load(port: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        // one request per step of the walk: autocannon keeps `context` through the sequence and
        // clears it when it starts over (a context kept across restarts does not survive: until
        // 2026-12-07 every request here was the first dial of a new phone)
        requests: WALK.map((text, step) => ({
          method: "POST",
          path: "/channels/ussd",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            if (step === 0) {
              const walk = walks++;
              context.phone = `+5198${String(1_000_000 + (walk % PHONES)).padStart(7, "0")}`;
              context.session = `bench-${process.pid}-${walk}`;
            }
            req.body = new URLSearchParams({
              sessionId: context.session as string,
              serviceCode: "*123#",
              phoneNumber: context.phone as string,
              networkCode: "71610",
              text,
            }).toString();
            return req;
          },
        })),
      } as unknown as autocannon.Options,
      (error, result) => {
        if (error) return reject(error);
        resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx });
      },
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function summarize(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

/**
 * All three servers run at once and the rounds interleave (a, b, USSD, a, b, USSD, …), so a
 * burst of other work on the machine hits every contender alike instead of one of them.
 */
async function measureInterleaved(dir: string): Promise<Record<"bare" | "durable" | "app", Figures>> {
  const modes = [
    { mode: "bare", port: 18081 },
    { mode: "durable", port: 18082 },
    { mode: "app", port: 18083 },
  ] as const;
  const servers = await Promise.all(modes.map((m) => startServer(m.mode, m.port, join(dir, `${m.mode}.db`))));
  try {
    for (const m of modes) await load(m.port); // warm-up (JIT, page cache), not counted
    const runs: Record<string, Figures[]> = { bare: [], durable: [], app: [] };
    for (let i = 0; i < ROUNDS; i++) for (const m of modes) runs[m.mode].push(await load(m.port));
    return { bare: summarize(runs.bare), durable: summarize(runs.durable), app: summarize(runs.app) };
  } finally {
    for (const server of servers) server.kill("SIGTERM");
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-ussd-"));
  const { bare, durable, app: ussd } = await measureInterleaved(dir);
  const result = { date: new Date().toISOString(), connections: CONNECTIONS, seconds: DURATION_S, rounds: ROUNDS, bare, durable, ussd, ratioToBare: ussd.rps / bare.rps, ratioToDurable: ussd.rps / durable.rps };
  mkdirSync("bench/out", { recursive: true });
  writeFileSync("bench/out/ussd-step.json", JSON.stringify(result, null, 2));
  const row = (name: string, f: Figures) => `| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.errors + f.non2xx} |`;
  console.log(
    [
      `| route (${CONNECTIONS} connections, median of ${ROUNDS} interleaved rounds × ${DURATION_S}s) | req/s | p50 ms | p99 ms | errors |`,
      "|---|---|---|---|---|",
      row("(a) bare Hono", bare),
      row("(b) durable step: form + SELECT + INSERT (WAL)", durable),
      row("USSD step: session read + engine + session write + render", ussd),
      "",
      `USSD step / (a) bare: ${(result.ratioToBare * 100).toFixed(1)} %`,
      `USSD step / (b) durable: ${(result.ratioToDurable * 100).toFixed(1)} %  (target ≥ 50 %, p99 < 20 ms)`,
    ].join("\n"),
  );
  process.exit(0);
}

void main();
