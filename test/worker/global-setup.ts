import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { BUNDLE_DIR, ROOT } from "./paths";

/**
 * Builds the Worker exactly as `wrangler deploy` would (offline, --dry-run) once for the whole
 * worker suite; every test then runs that bundle in workerd through Miniflare. A build failure
 * (e.g. a Node-only import reaching src/worker.ts) fails the suite here.
 */
export default function setup(): void {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [`${ROOT}/node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", BUNDLE_DIR, "--metafile"],
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" }, encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`wrangler deploy --dry-run failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
