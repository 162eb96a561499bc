// `npm run build`: the Node service as one ESM file, dist/node/server.js, bundled by esbuild
// (TypeScript and hono/jsx compiled, JSON catalogs and locales inlined; node_modules stay
// external, so better-sqlite3's native binding is loaded as installed). dist/node/ sits two
// levels below the repository like src/db/, so paths such as db/migrations resolve the same.
import { build } from "esbuild";

export const ENTRY = "src/server.ts";
export const OUTFILE = "dist/node/server.js";

export async function buildServer() {
  await build({
    entryPoints: [ENTRY],
    outfile: OUTFILE,
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
  console.log(`built ${OUTFILE} in ${Math.round(performance.now() - started)} ms`);
}
