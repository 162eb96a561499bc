import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BUNDLE, METAFILE } from "./paths";

// global-setup built the bundle with `wrangler deploy --dry-run --metafile`: what went into it?
type Metafile = { inputs: Record<string, unknown>; outputs: Record<string, { imports?: { path: string; external?: boolean }[] }> };
const meta = JSON.parse(readFileSync(METAFILE, "utf8")) as Metafile;
const inputs = Object.keys(meta.inputs);

describe("the Worker bundle", () => {
  // Node-only code: the SQLite driver and its opener, pino, the Node server, CLIs, demo loaders (fs)
  const forbidden = [
    /node_modules\/better-sqlite3\//,
    /node_modules\/pino\//,
    /node_modules\/@hono\/node-server\//,
    /^src\/db\/node\.ts$/,
    /^src\/db\/demo\.ts$/,
    /^src\/logging\/pino\.ts$/,
    /^src\/server\.ts$/,
    /^src\/cli\//,
  ];
  it.each(forbidden.map((f) => [String(f), f] as const))("leaves out %s", (_label, pattern) => {
    expect(inputs.filter((i) => pattern.test(i))).toEqual([]);
  });

  it("imports no node: built-in (it runs without nodejs_compat)", () => {
    const imports = Object.values(meta.outputs).flatMap((o) => o.imports ?? []);
    expect(imports.filter((i) => i.path.startsWith("node:") || i.external).map((i) => i.path)).toEqual([]);
  });

  it("is built from src/worker.ts with the shared app", () => {
    expect(inputs).toContain("src/worker.ts");
    expect(inputs).toContain("src/app.ts");
  });

  it("fits the Workers size limit (3 MB compressed on the free plan)", () => {
    expect(gzipSync(readFileSync(BUNDLE)).length).toBeLessThan(3 * 1024 * 1024);
  });
});
