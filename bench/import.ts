// npm run bench:import — the registry importer against the sqlite3 CLI's `.import` of the same
// generated payments CSV into a bare table, in the same run, as a ratio; and the importer's peak
// memory. BENCH_IMPORT_ROWS (default 1,000,000). Needs the `sqlite3` command-line tool.
// Every check is on: the payments' persons are loaded first (not timed), so the orphan check
// looks every DNI up and finds it; amounts are the catalog's benefits, so the plausibility
// checks pass; keys are unique, so the duplicate check proves it and finds none.
import { execFileSync, spawnSync } from "node:child_process";
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writePayments, writePersons, type PaymentsShape } from "./generate";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
// the importer runs compiled, as `npm run import` does in production (scripts/cli.mjs): the child
// bundled like dist/node/import.js, two levels below the repository so db/migrations resolves
const CHILD = "dist/bench/import-child.js";
await build({ entryPoints: ["bench/import-child.ts"], outfile: CHILD, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
// The files, BENCH_IMPORT_SHAPES (default "quoted,plain"): every payment point quoted with a comma
// inside (the quoted-field path; the file issue 18's target was set on), or none quoted (the split
// path); both with BENCH_IMPORT_PLACES distinct payment points (default 4, as that file had; a real
// month has hundreds: try 600). "unique": a point per person, so hardly two lines repeat after the
// DNI (the importer's memo of repeated lines gives up): the worst case for the importer's shortcuts.
const PLACES = Number(process.env.BENCH_IMPORT_PLACES ?? 4);
const SHAPES: Record<string, PaymentsShape> = { quoted: { places: PLACES }, plain: { places: PLACES, plain: true }, unique: { places: Math.ceil(ROWS / 3) } };
const files: { shape: string; csv: string }[] = [];
for (const shape of (process.env.BENCH_IMPORT_SHAPES ?? "quoted,plain").split(",")) {
  if (!SHAPES[shape]) throw new Error(`BENCH_IMPORT_SHAPES: unknown shape ${shape} (${Object.keys(SHAPES).join(", ")})`);
  const csv = join(dir, `payments-${shape}.csv`);
  await writePayments(csv, ROWS, 3, SHAPES[shape]);
  files.push({ shape, csv });
}
const persons = join(dir, "persons.csv");
await writePersons(persons, Math.ceil(ROWS / 3)); // writePayments: 3 periods per person

/** CPU time (user + system, ms) of this process's finished children, from /proc (Linux) */
function childrenCpuMs(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  // after "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * Each side starts with nothing of the other's in flight: the previous run's database deleted and
 * the kernel's dirty pages written (sync). Without it the writeback of one run's 100–250 MB
 * overlapped the next, and the importer's CPU time moved 6.4–9.6 s between rounds of one run.
 */
function settle(): void {
  execFileSync("sync");
}
function removeDb(db: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
}

function cli(csv: string): { ms: number; cpuMs: number } {
  const db = join(dir, `cli-${Date.now()}.db`);
  const script = [
    "PRAGMA journal_mode=WAL;",
    "CREATE TABLE p(dni TEXT, program TEXT, period TEXT, amount TEXT, status TEXT, available_from TEXT, available_until TEXT, payment_point TEXT);",
    ".mode csv",
    `.import --skip 1 ${csv} p`,
  ].join("\n");
  settle();
  const started = performance.now();
  const cpu = childrenCpuMs();
  execFileSync("sqlite3", [db], { input: script });
  const result = { ms: performance.now() - started, cpuMs: childrenCpuMs() - cpu };
  removeDb(db);
  return result;
}

function ours(csv: string): { ms: number; cpuMs: number; maxRssMb: number; written: number; rejected: number } {
  const db = join(dir, `ours-${Date.now()}.db`);
  settle();
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--max-old-space-size=96", "--max-semi-space-size=8", CHILD, "payments", csv, db, persons], { encoding: "utf8" });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(run.stderr);
  const out = JSON.parse(run.stdout.trim().split("\n").pop()!);
  removeDb(db);
  // the child's own figure excludes process start-up (modules, migrations), which the CLI barely has
  return { ms: out.ms, cpuMs: out.cpuMs, maxRssMb: out.maxRssMb, written: out.written, rejected: out.rejected, wallMs: ms } as never;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const rows: string[] = [];
for (let r = 0; r < rounds; r++) for (const { shape, csv } of files) {
  const theirs = cli(csv);
  const mine = ours(csv) as ReturnType<typeof ours> & { wallMs: number };
  const cliRate = ROWS / (theirs.ms / 1000);
  const ourRate = ROWS / (mine.ms / 1000);
  // on a shared machine wall time is mostly waiting for a core; CPU time is what each one costs
  rows.push(
    `| ${shape} | ${ROWS.toLocaleString("en")} | ${Math.round(cliRate).toLocaleString("en")} | ${Math.round(ourRate).toLocaleString("en")} | ${(ourRate / cliRate).toFixed(2)} | ${(theirs.cpuMs / 1000).toFixed(1)} / ${(mine.cpuMs / 1000).toFixed(1)} s | ${(theirs.cpuMs / mine.cpuMs).toFixed(2)} | ${mine.maxRssMb} MB | ${mine.written}/${mine.rejected} |`,
  );
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log("| file | rows | sqlite3 .import rows/s | importer rows/s | ratio (wall) | CPU s: sqlite3 / importer | ratio (CPU) | importer peak RSS | written/rejected |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
rmSync(dir, { recursive: true, force: true });
