import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm start` runs compiled JavaScript: no tsx and no .ts file is loaded (a module hook fails
// the start if one is), and a stale dist/ is rebuilt first.
const dir = mkdtempSync(join(tmpdir(), "orienta-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startProduction(port: number) {
  const child = spawn(process.execPath, ["--import", "./test/support/forbid-typescript.mjs", "scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: join(dir, `db-${port}.db`), LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const deadline = Date.now() + 45_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("waiting"), 100))]);
    if (code !== "waiting") throw new Error(`start exited (${code}): ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { child, stderr: () => stderr };
    if (Date.now() > deadline) throw new Error(`no /healthz within 45 s: ${stderr}`);
  }
}

describe("npm start on compiled code", () => {
  it("rebuilds a stale bundle, loads no TypeScript and answers a USSD dial", async () => {
    // make a source newer than the bundle: the start must rebuild before it runs
    const now = new Date();
    utimesSync("src/server.ts", now, now);
    const { child } = await startProduction(18801);
    try {
      expect(statSync("dist/node/server.js").mtimeMs).toBeGreaterThanOrEqual(statSync("src/server.ts").mtimeMs);
      const res = await fetch("http://127.0.0.1:18801/channels/ussd", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ sessionId: "ATUid_prod", serviceCode: "*123#", phoneNumber: "+51987654321", text: "" }).toString(),
      });
      expect(await res.text()).toMatch(/^CON .*1 Espa/s);
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("the operator's commands on compiled code", () => {
  it("npm run import, job, notices… go through scripts/cli.mjs, never tsx", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    for (const script of ["import", "notices", "job", "purge", "backup", "staff", "d1:export"]) {
      expect(pkg.scripts[script]).toMatch(/^node (--\S+ )*scripts\/cli\.mjs /);
      expect(pkg.scripts[script]).not.toContain("tsx");
    }
  });

  it("imports a registry file and lists the jobs without loading TypeScript", async () => {
    const csv = join(dir, "persons.csv");
    writeFileSync(csv, "dni,birth_date,first_names,last_names,ubigeo,phone\n12345678,1950-03-15,MARIA,QUISPE,030101,\n");
    const database = join(dir, "cli.db");
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "./test/support/forbid-typescript.mjs", "scripts/cli.mjs", ...args], {
        env: { ...process.env, DATABASE_PATH: database, LOG_LEVEL: "error" },
        encoding: "utf8",
        timeout: 60_000,
      });
    const imported = run("import", "persons", csv);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/nuevas\s+1/);
    // what the help desk then reads: the person, as the file had her
    const stored = new Database(database, { readonly: true });
    try {
      expect(stored.prepare("select dni, first_names, last_names, ubigeo from persons").all()).toEqual([{ dni: "12345678", first_names: "MARIA", last_names: "QUISPE", ubigeo: "030101" }]);
    } finally {
      stored.close();
    }
    const jobs = run("job");
    expect(jobs.stdout).toContain("outbox");
    expect(run("nope").status).toBe(2);
  });
});
