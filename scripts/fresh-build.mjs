// The bundles under dist/node/ rebuilt when missing or older than any source they are built
// from, for `npm start` and the operator's commands (scripts/cli.mjs): so `npm install && npm
// start` stays two commands, and a production install (no esbuild) says what to do instead.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// everything the bundles inline: the code, the JSON catalogs and reference data, the locales
const SOURCES = ["src", "locales", "db/catalog", "db/reference", "db/demo", "package.json", "tsconfig.json", "scripts/build.mjs"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** builds every bundle when `outfile` is missing or stale; exits 1 when it cannot */
export async function ensureBuilt(outfile) {
  const stale = !existsSync(outfile) || statSync(outfile).mtimeMs < Math.max(...SOURCES.map(newestMtime));
  if (!stale) return;
  let buildServer;
  try {
    ({ buildServer } = await import("./build.mjs"));
  } catch {
    console.error(`${outfile} is missing or older than the sources, and esbuild is not installed: run "npm run build" where dev dependencies are installed.`);
    process.exit(1);
  }
  await buildServer();
}
