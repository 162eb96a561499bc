// npm run bench:worker — the USSD turn in workerd (Miniflare, the Worker bundle built as
// `wrangler deploy` would, over a local D1 with every migration) against a bare Worker route in
// workerd answering "CON ok" after reading the form, in the same run, interleaved rounds.
// CLIENTS concurrent callers each walk one USSD session (dial, language, main menu → programs →
// a program) over and over, every request a new step of a real session.
//   BENCH_SECONDS (default 5) per phase, BENCH_ROUNDS (default 2), BENCH_CLIENTS (default 20)
import { loadavg } from "node:os";
import { Miniflare } from "miniflare";
import setup from "../test/worker/global-setup";
import { startWorker } from "../test/worker/harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const PRESSES = ["", "1", "1*1", "1*1*2"];

setup(); // the bundle, built once (dist/worker-test/)
const worker = await startWorker();
const bare = new Miniflare({
  modules: true,
  script: `export default { async fetch(request) { const form = new URLSearchParams(await request.text()); return new Response("CON ok " + (form.get("text") ?? ""), { headers: { "content-type": "text/plain" } }); } };`,
  compatibilityDate: "2025-01-01",
});
await bare.ready;

type Post = (body: string) => Promise<Response>;
const postWorker: Post = (body) => worker.fetch("/channels/ussd", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
const postBare: Post = (body) => bare.dispatchFetch("http://bare.test/channels/ussd", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }) as unknown as Promise<Response>;

let sessionCounter = 0;
async function phase(post: Post): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const n = ++sessionCounter;
        const phone = `%2B5198${String(n % 10_000_000).padStart(7, "0")}`;
        for (const text of PRESSES) {
          const started = performance.now();
          const res = await post(`sessionId=ATUid_bench_${n}&serviceCode=*500%23&phoneNumber=${phone}&networkCode=71610&text=${encodeURIComponent(text)}`);
          const body = await res.text();
          latencies.push(performance.now() - started);
          if (res.status !== 200 || !body.startsWith("CON")) errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { rps: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99), errors };
}

// warm both (JIT, D1's first statements)
await phase(postBare);
await phase(postWorker);
const rounds: { bare: Awaited<ReturnType<typeof phase>>; turn: Awaited<ReturnType<typeof phase>> }[] = [];
for (let r = 0; r < ROUNDS; r++) rounds.push({ bare: await phase(postBare), turn: await phase(postWorker) });
await worker.dispose();
await bare.dispose();

console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(2)}; ${CLIENTS} clients, ${SECONDS} s per phase`);
console.log("| round | bare Worker req/s | p50 / p99 ms | USSD turn in workerd + D1 req/s | p50 / p99 ms | turn / bare | errors |");
console.log("|---|---|---|---|---|---|---|");
rounds.forEach(({ bare: b, turn: t }, i) =>
  console.log(`| ${i + 1} | ${Math.round(b.rps).toLocaleString("en")} | ${b.p50} / ${b.p99} | ${Math.round(t.rps).toLocaleString("en")} | ${t.p50} / ${t.p99} | ${((t.rps / b.rps) * 100).toFixed(1)} % | ${b.errors + t.errors} |`),
);
const ratios = rounds.map((r) => r.turn.rps / r.bare.rps).sort((a, b) => a - b);
console.log(`worker turn / bare worker: ${(ratios[Math.floor(ratios.length / 2)] * 100).toFixed(1)} %`);
