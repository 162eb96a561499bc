// Staff console cost on a realistic complaints table (`npm run bench:console`).
// In one process, on a WAL SQLite file in a temp dir: N complaints (default 100,000; BENCH_N to
// change), then each operation repeated for a bounded time. Baseline in the same run: finding one
// complaint by its code (one indexed SELECT through drizzle). Everything is reported as a ratio
// to it, and the password work factors against one SHA-256. Bounded: about 20 s in all.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, createContext } from "../src/app";
import districtData from "../db/reference/districts.json";
import type { DistrictData } from "../src/services/districts/types";
import { loadConfig } from "../src/config";
import { openNodeDatabase } from "../src/db/node";
import { complaintsRepo } from "../src/db/repos/complaints";
import { silentLogger } from "../src/logging/logger";
import { buildDashboard } from "../src/staff/stats/dashboard";
import { buildWorkload } from "../src/staff/stats/workload";
import { hashPassword, verifyPassword } from "../src/staff/auth/password";
import { sha256Hex } from "../src/staff/auth/tokens";
import { createStaffUser } from "../src/staff/users/create-staff-user";
import { REBUILD_INSIGHT_ROLLUPS_SQL } from "../src/db/repos/insight-rollups";

const N = Number(process.env.BENCH_N ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "orienta-bench-console-"));
const database = openNodeDatabase(join(dir, "bench.db"));
const NOW = Date.parse("2026-11-23T15:00:00Z");
const DAY = 86_400_000;

// --- data: N complaints over the last 2 years, 30 % still open, 2 % urgent
const regions = ["03", "15", "20", "22", "08", "21", "05", "02"];
const programs = ["juntos", "pension65", "contigo", "cunamas", "pae", "hakuwinay", "general"];
const shapes = [
  { kind: "reclamo", category: "pago_no_recibido", queue: "payments" },
  { kind: "reclamo", category: "calidad_servicio", queue: "service_quality" },
  { kind: "denuncia", category: "cobro_indebido", queue: "integrity" },
  { kind: "consulta", category: "informacion", queue: "queries" },
];
const insert = database.sqlite.prepare(
  `insert into complaints (id, code, year, seq, kind, urgent, program, category, description, ubigeo, region, queue, priority, deadline, status, anonymous, confidential, lang, channel, contact_channel, contact_address, assignee_id, created_at, updated_at, answered_at, closed_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 'ussd', 'sms', '+51987654321', ?, ?, ?, ?, ?)`,
);
// every complaint's reporter (the search box reads them): DNI, name, phone all distinct
const insertReporter = database.sqlite.prepare("insert into complaint_reporters (complaint_id, dni, name, phone) values (?, ?, ?, ?)");
const surnames = ["Quispe", "Mamani", "Huamán", "Condori", "Ccori", "Apaza", "Flores", "Torres", "Ramos", "Chávez"];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const started = performance.now();
database.sqlite.transaction(() => {
  for (let i = 1; i <= N; i++) {
    const createdAt = NOW - Math.floor(rand() * 730 * DAY);
    const year = new Date(createdAt).getUTCFullYear();
    const shape = shapes[i % shapes.length];
    const open = rand() < 0.3;
    const status = open ? ["registrado", "en_revision", "derivado"][i % 3] : rand() < 0.5 ? "respondido" : "cerrado";
    const answeredAt = open ? null : createdAt + Math.floor(rand() * 50 * DAY);
    const deadline = new Date(createdAt + 42 * DAY).toISOString().slice(0, 10);
    const region = regions[i % regions.length];
    insert.run(
      `c${i}`, `MO-${year}-${String(i).padStart(6, "0")}`, year, i, shape.kind, rand() < 0.02 ? 1 : 0, programs[i % programs.length], shape.category,
      "descripción de prueba", `${region}0101`, region, shape.queue, 2, deadline, status, ["es", "qu", "ay"][i % 3], i % 5 === 0 ? "staff-a" : null,
      createdAt, createdAt, answeredAt, status === "cerrado" ? answeredAt : null,
    );
    insertReporter.run(`c${i}`, String(40_000_000 + i), `Persona${i} ${surnames[i % 10]} ${surnames[(i >> 3) % 10]}`, `+519${String(10_000_000 + i).slice(-8)}`);
  }
})();
database.sqlite.pragma("optimize");
console.log(`${N} complaints loaded in ${Math.round(performance.now() - started)} ms`);

// --- the app, with a signed-in supervisor (low work factor: the page is measured, not the login)
const { config } = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
const deps = { db: database.db, config, logger: silentLogger, now: () => NOW };
const ctx = createContext(deps);
const app = createApp(deps, ctx);
const supervisor = await createStaffUser({ db: database.db, now: () => NOW, passwordIterations: 10_000 }, { email: "bench@orienta.test", role: "quality_supervisor", password: "bench password 1" });
const loginPage = await app.request("/staff/login");
const loginCookie = loginPage.headers.getSetCookie()[0].split(";")[0];
const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1];
const loggedIn = await app.request("/staff/login", {
  method: "POST",
  headers: { cookie: loginCookie, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ _csrf: csrf, email: supervisor.email, password: "bench password 1" }).toString(),
});
const session = loggedIn.headers.getSetCookie().find((c) => c.startsWith("orienta_staff="))!.split(";")[0];

// --- timing: repeat for ~budget ms (at least 3 runs), median ms per call
async function measure(name: string, budgetMs: number, op: () => Promise<unknown>, minRuns = 3) {
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  while (times.length < minRuns || (performance.now() < end && times.length < 5000)) {
    const t0 = performance.now();
    await op();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, runs: times.length, median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)] };
}

const repo = complaintsRepo(database.db);
const page = async (path: string) => {
  const res = await app.request(path, { headers: { cookie: session } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  await res.text();
};
const sample = `MO-2026-${String(Math.floor(N / 2)).padStart(6, "0")}`;
const code = (await repo.findByCode(sample)) ? sample : `MO-2025-${String(Math.floor(N / 2)).padStart(6, "0")}`;

const results = [];
results.push(await measure("baseline: one complaint by code (indexed SELECT)", 1000, () => repo.findByCode(code)));
results.push(await measure("queue query: open, urgent then deadline, 50 + count", 1500, () => ctx.services.complaints.list({ status: ["registrado", "en_revision", "derivado"], limit: 50 })));
results.push(await measure("queue query: one region, overdue", 1500, () => ctx.services.complaints.list({ region: "03", overdue: true, limit: 50 })));
results.push(await measure("queue page GET /staff/complaints (session, query, render)", 2000, () => page("/staff/complaints")));
results.push(await measure("complaint page GET /staff/complaints/{code} (+ audit write)", 1500, () => page(`/staff/complaints/${code}`)));
results.push(await measure("dashboard aggregates (whole table)", 3000, () => buildDashboard(database.db, NOW)));
// issue 19: the search box (all statuses, as a search without a status looks), due filter, workload
const half = Math.floor(N / 2);
results.push(await measure("search by tracking code (GET /staff/complaints?q=<code>)", 1500, () => page(`/staff/complaints?q=${code}`)));
results.push(await measure("search by DNI (reporter index, + audit write)", 1500, () => page(`/staff/complaints?q=${40_000_000 + half}`)));
results.push(await measure("search by phone in another format (index, + audit)", 1500, () => page(`/staff/complaints?q=${encodeURIComponent(`9${String(10_000_000 + half).slice(-8).replace(/(\d{2})(\d{3})(\d{3})/, "$1 $2 $3")}`)}`)));
results.push(await measure("search by part of a name (LIKE scan of reporters, + audit)", 3000, () => page(`/staff/complaints?q=Persona${half}%20`)));
results.push(await measure("complaint page with next/previous in the open queue (?nav=status=open)", 1500, () => page(`/staff/complaints/${code}?nav=status%3Dopen`)));
results.push(await measure("queue query: due within 7 days", 1500, () => ctx.services.complaints.list({ dueWithinDays: 7, limit: 50 })));
results.push(await measure("workload per person and per queue", 3000, () => buildWorkload(database.db, NOW)));
// issue 20: the insight page over a year of pre-aggregated counts, written directly (not through
// HTTP): BENCH_INSIGHT_COMPLAINTS complaints (default 1,000,000) into complaint_counts and
// BENCH_INSIGHT_TURNS turns (default 10,000,000) into usage_counts, with skewed draws (most people
// in a few departments, on USSD, in Spanish) so the number of distinct rows is realistic.
const INSIGHT_COMPLAINTS = Number(process.env.BENCH_INSIGHT_COMPLAINTS ?? 1_000_000);
const INSIGHT_TURNS = Number(process.env.BENCH_INSIGHT_TURNS ?? 10_000_000);
{
  const t0 = performance.now();
  const districts = (districtData as DistrictData).departments.flatMap((d) => d.provinces.flatMap((p) => p.districts.map((row) => row[0])));
  const skew = <T>(items: readonly T[]) => items[Math.floor(items.length * rand() ** 2.5)];
  const days365 = Array.from({ length: 365 }, (_, i) => new Date(NOW - 5 * 3_600_000 - i * DAY).toISOString().slice(0, 10));
  const dayOf = (i: number) => days365[i % 365];
  const complaintRows = new Map<string, number>();
  for (let i = 0; i < INSIGHT_COMPLAINTS; i++) {
    const shape = shapes[i % shapes.length];
    const answered = rand() < 0.7;
    const days = answered ? Math.floor(rand() * 40) : -1;
    const key = [dayOf(i), skew(programs), shape.kind, shape.category, skew(districts), skew(["ussd", "whatsapp", "sms", "web", "helpdesk", "api"]), skew(["es", "qu", "ay"]), shape.queue, days, answered && days < 30 ? 1 : 0].join("|");
    complaintRows.set(key, (complaintRows.get(key) ?? 0) + 1);
  }
  const insertCount = database.sqlite.prepare("insert into complaint_counts (day, program, kind, category, ubigeo, channel, lang, queue, answer_days, on_time, count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  database.sqlite.transaction(() => {
    for (const [key, n] of complaintRows) {
      const [day, program, kind, category, ubigeo, channel, lang, queue, days, onTime] = key.split("|");
      insertCount.run(day, program, kind, category, ubigeo, channel, lang, queue, Number(days), Number(onTime), n);
    }
  })();
  // a turn enters a section about one time in four; of those entered, ~60 % complete, the rest are left at one of their screens
  const sections = ["programs", "eligibility", "lookups", "complaints", "help"] as const;
  const nodes: Record<string, string[]> = {
    programs: ["programs.list"],
    eligibility: ["eligibility.start", "eligibility.q.age", "eligibility.q.children", "eligibility.district"],
    lookups: ["lookup.dni", "lookup.birth", "lookup.menu"],
    complaints: ["complaints.kind", "complaints.program", "complaints.describe", "complaints.confirm"],
    help: ["help"],
  };
  const departments = [...new Set(districts.map((u) => u.slice(0, 2))), "unknown"];
  const usageRows = new Map<string, number>();
  const add = (key: string, n = 1) => usageRows.set(key, (usageRows.get(key) ?? 0) + n);
  for (let i = 0; i < INSIGHT_TURNS / 4; i++) {
    const section = skew(sections);
    const common = `${dayOf(i)}|${skew(["ussd", "whatsapp", "sms", "web"])}|${skew(["es", "qu", "ay"])}|${section}|${skew(departments)}`;
    add(`${common}|entered|`);
    if (rand() < 0.6) add(`${common}|completed|`);
    else add(`${common}|abandoned|${skew(nodes[section])}`);
  }
  const insertUsage = database.sqlite.prepare("insert into usage_counts (day, channel, lang, section, department, outcome, node, count) values (?, ?, ?, ?, ?, ?, ?, ?)");
  database.sqlite.transaction(() => {
    for (const [key, n] of usageRows) insertUsage.run(...key.split("|"), n);
  })();
  // the page's narrow rollups, rebuilt from the fine counts (the migration's statements)
  const tr = performance.now();
  for (const s of REBUILD_INSIGHT_ROLLUPS_SQL) database.sqlite.exec(s);
  const rollupRows = ["complaint_place_rollups", "complaint_kind_rollups", "complaint_answer_rollups", "usage_entered_rollups", "usage_funnel_rollups"]
    .map((t) => `${t} ${(database.sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n.toLocaleString("en")}`)
    .join(", ");
  console.log(`insight rollups rebuilt in ${Math.round(performance.now() - tr)} ms: ${rollupRows}`);
  database.sqlite.pragma("optimize");
  console.log(`insight counts: ${INSIGHT_COMPLAINTS.toLocaleString("en")} complaints → ${complaintRows.size.toLocaleString("en")} complaint_counts rows; ${INSIGHT_TURNS.toLocaleString("en")} turns → ${usageRows.size.toLocaleString("en")} usage_counts rows; ${Math.round(performance.now() - t0)} ms`);
}
results.push(await measure("insight page GET /staff/insight (a year, the whole country)", 3000, () => page("/staff/insight"), 1));
results.push(await measure("insight page, one program (?program=juntos)", 2000, () => page("/staff/insight?program=juntos"), 1));
results.push(await measure("insight page, a department's provinces (?dept=03)", 2000, () => page("/staff/insight?dept=03"), 1));
results.push(await measure("open data GET /datos.csv (12 months)", 2000, async () => (await app.request("/datos.csv")).text(), 1));
const base = results[0].median;

const hash600 = await hashPassword("bench password 1", 600_000);
const hash100 = await hashPassword("bench password 1", 100_000);
const kdf = [
  await measure("baseline: one SHA-256 (session lookup digest)", 300, () => sha256Hex("token")),
  await measure("password check, PBKDF2-SHA256 100,000 (Workers)", 1500, () => verifyPassword("bench password 1", hash100)),
  await measure("password check, PBKDF2-SHA256 600,000 (Node default)", 2500, () => verifyPassword("bench password 1", hash600)),
];

const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
console.log(`\n| operation (N = ${N.toLocaleString("en")}) | runs | median ms | p95 ms | × baseline |\n|---|---|---|---|---|`);
for (const r of results) console.log(`| ${r.name} | ${r.runs} | ${fmt(r.median)} | ${fmt(r.p95)} | ${(r.median / base).toFixed(1)} |`);
console.log(`\n| login cost | runs | median ms | × SHA-256 |\n|---|---|---|---|`);
for (const r of kdf) console.log(`| ${r.name} | ${r.runs} | ${fmt(r.median)} | ${Math.round(r.median / kdf[0].median).toLocaleString("en")} |`);

database.close();
rmSync(dir, { recursive: true, force: true });
