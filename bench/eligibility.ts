// npm run bench:eligibility — cost of the eligibility self-check, against baselines measured in
// the same run and the same process: (a) a Hono route that parses the same JSON body and answers
// JSON; (b) the USSD step of the same app (a program-information walk) on the same database.
// Measured: the pure evaluator (answers → 6 results), POST /api/v1/eligibility (parse, zod,
// evaluate, texts in the person's language, anonymous counts upsert of 6 rows in one write),
// and USSD steps of a whole self-check (13 keypresses: questions, district by name, results).
// In-process (`app.request`, one request at a time), WAL SQLite file. Bounded: ~5 × BENCH_SECONDS.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { createApp, createContext } from "../src/app";
import { loadConfig } from "../src/config";
import { openNodeDatabase } from "../src/db/node";
import { silentLogger } from "../src/logging/logger";
import type { Answers } from "../src/services/eligibility/fields";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function timed(op: (i: number) => Promise<void> | void) {
  for (let i = 0; i < 200; i++) await op(1_000_000 + i); // warm-up
  const samples: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t0 = performance.now();
    await op(i++);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((s, x) => s + x, 0);
  return { ops: Math.round((samples.length / total) * 1000), p50: +samples[Math.floor(samples.length / 2)].toFixed(3), p99: +samples[Math.floor(samples.length * 0.99)].toFixed(3), n: samples.length };
}

// a spread of people: ages across the boundaries, with and without DNI/CSE/district
const DISTRICTS = ["010103", "150101", "030701", "050403", undefined];
const CSES = ["pobre_extremo", "pobre", "no_pobre", "sin_clasificacion", "no_sabe", undefined] as const;
function person(i: number): Answers {
  return {
    age: 18 + (i % 70),
    hasDni: i % 11 !== 0,
    cse: CSES[i % CSES.length],
    contributoryPension: i % 7 === 0,
    essalud: i % 5 === 0,
    severeDisability: i % 13 === 0,
    household: { pregnant: i % 9 === 0, childrenUnder19: i % 3, childrenUnder3: i % 3 === 2 ? 1 : 0, childrenInPublicSchool: i % 3 === 0 ? 0 : 1 },
    ubigeo: DISTRICTS[i % DISTRICTS.length],
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-elig-"));
  const database = openNodeDatabase(join(dir, "bench.db"));
  const { config } = loadConfig({ NODE_ENV: "test" });
  const deps = { db: database.db, config, logger: silentLogger };
  const ctx = createContext(deps);
  const app = createApp(deps, ctx);
  const bodies = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ lang: ["es", "qu", "ay"][i % 3], answers: person(i) }));

  const baseline = new Hono();
  baseline.post("/echo", async (c) => c.json({ results: [JSON.parse(await c.req.text())] }));
  const json = { method: "POST", headers: { "content-type": "application/json" } };

  const a = await timed(async (i) => {
    await (await baseline.request("/echo", { ...json, body: bodies[i % bodies.length] })).text();
  });

  const ussd = (session: string, phone: string, text: string) =>
    app.request("/channels/ussd", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ sessionId: session, serviceCode: "*123#", phoneNumber: phone, networkCode: "71610", text }).toString(),
    });
  const INFO = ["", "1", "1*1", "1*1*2", "1*1*2*98", "1*1*2*98*0", "1*1*2*98*0*00"];
  const CHECK = ["", "1", "1*2", "1*2*1", "1*2*1*70", "1*2*1*70*2", "1*2*1*70*2*1", "1*2*1*70*2*1*1", "1*2*1*70*2*1*1*1", "1*2*1*70*2*1*1*1*2", "1*2*1*70*2*1*1*1*2*2", "1*2*1*70*2*1*1*1*2*2*2", "1*2*1*70*2*1*1*1*2*2*2*balsas", "1*2*1*70*2*1*1*1*2*2*2*balsas*1"];
  const walk = (steps: string[], tag: string) => async (i: number) => {
    const round = Math.floor(i / steps.length);
    const phone = `+5199${String(round % 5000).padStart(7, "0")}`;
    await (await ussd(`${tag}-${round}`, phone, steps[i % steps.length])).text();
  };
  const b = await timed(walk(INFO, "info"));

  const evaluator = await timed((i) => {
    ctx.services.eligibility.evaluate(person(i));
  });
  const api = await timed(async (i) => {
    const res = await app.request("/api/v1/eligibility", { ...json, body: bodies[i % bodies.length] });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    await res.text();
  });
  const check = await timed(walk(CHECK, "check"));

  const result = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    baselineJson: a,
    ussdInfoStep: b,
    evaluator,
    api,
    ussdCheckStep: check,
    apiToJsonBaseline: api.ops / a.ops,
    checkStepToInfoStep: check.ops / b.ops,
  };
  mkdirSync("bench/out", { recursive: true });
  writeFileSync("bench/out/eligibility.json", JSON.stringify(result, null, 2));
  const row = (name: string, f: { ops: number; p50: number; p99: number; n: number }) => `| ${name} | ${f.ops} | ${f.p50} | ${f.p99} | ${f.n} |`;
  console.log(
    [
      `| operation (in-process, one at a time, ${SECONDS} s each) | ops/s | p50 ms | p99 ms | n |`,
      "|---|---|---|---|---|",
      row("(a) baseline: Hono route parsing the same JSON, answering JSON", a),
      row("(b) baseline: USSD step, program-information walk", b),
      row("evaluator alone (answers → 6 results)", evaluator),
      row("POST /api/v1/eligibility (zod, evaluate, texts, counts upsert)", api),
      row("USSD step of a whole self-check (13 keypresses)", check),
      "",
      `API / (a): ${(result.apiToJsonBaseline * 100).toFixed(1)} %   self-check step / (b): ${(result.checkStepToInfoStep * 100).toFixed(1)} %`,
    ].join("\n"),
  );
  database.close?.();
}

await main();
