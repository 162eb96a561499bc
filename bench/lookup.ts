// npm run bench:lookup — POST /api/v1/lookup over HTTP at 50 concurrent clients on a registry of
// BENCH_PERSONS people and BENCH_PAYMENTS payments (default 3 per person; the size is
// BENCH_PERSONS=2000000 BENCH_PAYMENTS=5000000), against the bare-route baseline of the foundation
// benchmark (a Hono route answering "ok") and (b) the verified-lookup floor (bench/servers.ts
// `floor`: raw better-sqlite3 doing only the irreducible work), in interleaved rounds. The last
// line is the issue's figure: `lookup / floor: NN.N %` (median of the rounds). Every request is a right DNI +
// birth date of a random person (a verify, four reads and one two-row audit INSERT); the non-2xx
// column shows that no request hit the per-DNI lock or the per-client slowdown.
import autocannon from "autocannon";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { birthDateOf, dniOf, writePayments, writePersons } from "./generate";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 300_000);
// the sizes are 2 M persons and 5 M payments: BENCH_PERSONS=2000000 BENCH_PAYMENTS=5000000
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? PERSONS * 3);
const PAYMENTS_PER_PERSON = PAYMENTS / PERSONS;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
// BENCH_DB: an already loaded registry (made by an earlier run with BENCH_KEEP=1) of BENCH_PERSONS people
const dir = process.env.BENCH_DB ? undefined : mkdtempSync(join(tmpdir(), "bench-lookup-"));
const db = process.env.BENCH_DB ?? join(dir!, "registry.db");

if (dir) {
  const loadStarted = performance.now();
  await writePersons(join(dir, "persons.csv"), PERSONS);
  await writePayments(join(dir, "payments.csv"), PAYMENTS, PAYMENTS_PER_PERSON);
  for (const kind of ["persons", "payments"]) {
    const run = spawnSync(process.execPath, ["--max-old-space-size=96", "--max-semi-space-size=8", "--import", "tsx", "bench/import-child.ts", kind, join(dir, `${kind}.csv`), db], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(run.stderr);
    rmSync(join(dir, `${kind}.csv`));
  }
  console.log(`generated and imported ${PERSONS.toLocaleString("en")} persons and ${PAYMENTS.toLocaleString("en")} payments in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s (${db})`);
}

async function startServer(mode: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/servers.ts", mode, String(port), db], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

function load(port: number, path: string): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: 50,
        duration: SECONDS,
        requests: [
          {
            method: "POST",
            path,
            headers: { "content-type": "application/json" },
            setupRequest: ((req: Record<string, unknown>) => {
              const i = Math.floor(Math.random() * PERSONS);
              return { ...req, body: JSON.stringify({ dni: dniOf(i), birthDate: birthDateOf(i), lang: "es" }) };
            }) as never,
          },
        ],
      },
      (error: unknown, result: { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number }) =>
        error ? reject(error) : resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx }),
    );
  });
}

// interleaved rounds (bare, lookup, bare, lookup …), both servers up, so a burst of other work on
// the shared machine hits both alike
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const bare = await startServer("bare", 18791);
const app = await startServer("app", 18792);
const floorServer = await startServer("floor", 18793);
const rounds: { baseline: Awaited<ReturnType<typeof load>>; floor: Awaited<ReturnType<typeof load>>; lookup: Awaited<ReturnType<typeof load>> }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const baseline = await load(18791, "/channels/ussd");
  const floor = await load(18793, "/api/v1/lookup");
  const lookup = await load(18792, "/api/v1/lookup");
  rounds.push({ baseline, floor, lookup });
}
bare.kill();
app.kill();
floorServer.kill();
if (dir && !process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });

const load1 = (await import("node:os")).loadavg()[0].toFixed(2);
console.log(`load average (1 min) at the end: ${load1}`);
console.log("| data | bare req/s | floor req/s | floor p99 ms | lookup req/s | lookup p50 / p99 ms | lookup/bare | lookup/floor | non-2xx |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const { baseline, floor, lookup } of rounds) {
  console.log(
    `| ${PERSONS.toLocaleString("en")} persons, ${PAYMENTS.toLocaleString("en")} payments | ${Math.round(baseline.rps).toLocaleString("en")} | ${Math.round(floor.rps).toLocaleString("en")} | ${floor.p99} | ${Math.round(lookup.rps).toLocaleString("en")} | ${lookup.p50} / ${lookup.p99} | ${((lookup.rps / baseline.rps) * 100).toFixed(1)} % | ${((lookup.rps / floor.rps) * 100).toFixed(1)} % | ${lookup.non2xx + floor.non2xx} |`,
  );
}
const ratios = rounds.map((r) => r.lookup.rps / r.floor.rps).sort((a, b) => a - b);
console.log(`lookup / floor: ${((ratios[Math.floor(ratios.length / 2)]) * 100).toFixed(1)} %`);
