// `npm run bench:start`: the Node service started as production runs it (compiled, plain node)
// against the same source through tsx, alternated in the same run. Each start: an empty database
// (migrations + demo data), time until /healthz answers, then 20 USSD dials and the process's RSS.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildServer } from "../scripts/build.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PORT = 18_950;
const variants = { compiled: ["dist/node/server.js"], tsx: ["--import", "tsx", "src/server.ts"] } as const;

async function once(args: readonly string[]): Promise<{ readyMs: number; rssMb: number }> {
  const db = join(tmpdir(), `orienta-bench-start-${process.pid}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [...args], { env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATABASE_PATH: db, LOG_LEVEL: "silent" }, stdio: "ignore" });
  try {
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`http://127.0.0.1:${PORT}/healthz`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error("no /healthz within 60 s");
      await new Promise((r) => setTimeout(r, 20));
    }
    const readyMs = performance.now() - started;
    for (let i = 0; i < 20; i++) {
      const body = new URLSearchParams({ sessionId: `b${i}`, serviceCode: "*123#", phoneNumber: `+5198765432${i % 10}`, text: "1" }).toString();
      await fetch(`http://127.0.0.1:${PORT}/channels/ussd`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    }
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]);
    return { readyMs, rssMb: rssKb / 1024 };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
await buildServer();
const results: Record<string, { readyMs: number; rssMb: number }[]> = { compiled: [], tsx: [] };
for (let round = 0; round < ROUNDS; round++) for (const [name, args] of Object.entries(variants)) results[name].push(await once(args));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, runs] of Object.entries(results)) {
  console.log(`${name.padEnd(8)} ready ${runs.map((r) => r.readyMs.toFixed(0)).join("/")} ms (median ${median(runs.map((r) => r.readyMs)).toFixed(0)}), RSS ${runs.map((r) => r.rssMb.toFixed(0)).join("/")} MB`);
}
const ratio = (f: (r: { readyMs: number; rssMb: number }) => number) => (median(results.compiled.map(f)) / median(results.tsx.map(f))).toFixed(2);
console.log(`compiled / tsx: ready ×${ratio((r) => r.readyMs)}, RSS ×${ratio((r) => r.rssMb)}`);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
