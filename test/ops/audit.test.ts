import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// .ci/audit.mjs decides whether CI passes on `npm audit --omit=dev --json`: checked on saved reports
const audit = (fixture: string) => spawnSync(process.execPath, [".ci/audit.mjs", `test/ops/fixtures/${fixture}`], { encoding: "utf8" });

describe("CI audit of production dependencies", () => {
  it("passes a clean report", () => {
    const run = audit("audit-clean.json");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("critical 0, high 0");
  });

  it("fails on a high advisory and names it", () => {
    const run = audit("audit-high.json");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("high in example-lib (<1.2.3): Prototype pollution in example-lib");
  });

  it("says plainly when the advisory endpoint could not be asked (not a pass in disguise)", () => {
    const run = audit("audit-unavailable.json");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/NOT CHECKED .*405 Method Not Allowed/);
  });
});
