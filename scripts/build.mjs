// `npm run build`: the Node service and the operator's commands, one ESM file each under
// dist/node/ (server.js, import.js, notices.js, …), bundled by esbuild (TypeScript and hono/jsx
// compiled, JSON catalogs and locales inlined; node_modules stay external, so better-sqlite3's
// native binding is loaded as installed). dist/node/ sits two levels below the repository like
// src/db/ and src/cli/, so paths such as db/migrations resolve the same.
import { build } from "esbuild";
import { COMMANDS } from "./build-commands.mjs";

export const ENTRY = "src/server.ts";
export const OUTFILE = "dist/node/server.js";

export async function buildServer() {
  await build({
    entryPoints: [ENTRY, ...COMMANDS.map((c) => `src/cli/${c}.ts`)],
    outdir: "dist/node",
    entryNames: "[name]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  await buildServer();
  console.log(`built ${OUTFILE} and ${COMMANDS.map((c) => `dist/node/${c}.js`).join(", ")} in ${Math.round(performance.now() - started)} ms`);
}
