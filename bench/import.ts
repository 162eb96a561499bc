// npm run bench:import — the registry importer against the sqlite3 CLI's `.import` of the same
// generated payments CSV into a bare table, in the same run, as a ratio; and the importer's peak
// memory. BENCH_IMPORT_ROWS (default 1,000,000). Needs the `sqlite3` command-line tool.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writePayments } from "./generate";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
const csv = join(dir, "payments.csv");
await writePayments(csv, ROWS);

function cli(): number {
  const db = join(dir, `cli-${Date.now()}.db`);
  const script = [
    "PRAGMA journal_mode=WAL;",
    "CREATE TABLE p(dni TEXT, program TEXT, period TEXT, amount TEXT, status TEXT, available_from TEXT, available_until TEXT, payment_point TEXT);",
    ".mode csv",
    `.import --skip 1 ${csv} p`,
  ].join("\n");
  const started = performance.now();
  execFileSync("sqlite3", [db], { input: script });
  return performance.now() - started;
}

function ours(): { ms: number; maxRssMb: number; written: number; rejected: number } {
  const db = join(dir, `ours-${Date.now()}.db`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--max-old-space-size=96", "--import", "tsx", "bench/import-child.ts", "payments", csv, db], { encoding: "utf8" });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(run.stderr);
  const out = JSON.parse(run.stdout.trim().split("\n").pop()!);
  // the child's own figure excludes process start-up (tsx, migrations), which the CLI barely has
  return { ms: out.ms, maxRssMb: out.maxRssMb, written: out.written, rejected: out.rejected, wallMs: ms } as never;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const rows: string[] = [];
for (let r = 0; r < rounds; r++) {
  const cliMs = cli();
  const mine = ours() as ReturnType<typeof ours> & { wallMs: number };
  const cliRate = ROWS / (cliMs / 1000);
  const ourRate = ROWS / (mine.ms / 1000);
  rows.push(
    `| ${ROWS.toLocaleString("en")} | ${Math.round(cliRate).toLocaleString("en")} | ${Math.round(ourRate).toLocaleString("en")} | ${(ourRate / cliRate).toFixed(2)} | ${mine.maxRssMb} MB | ${mine.written}/${mine.rejected} |`,
  );
}
console.log("| rows | sqlite3 .import rows/s | importer rows/s | ratio | importer peak RSS | written/rejected |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
rmSync(dir, { recursive: true, force: true });
