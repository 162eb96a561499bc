// `npm start`: runs the compiled service (dist/node/server.js) with plain node, no TypeScript
// loader. Builds it first when it is missing or older than any source it is built from, so
// `npm install && npm start` stays two commands on a fresh machine.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const OUTFILE = "dist/node/server.js";
// everything the bundle inlines: the code, the JSON catalogs and reference data, the locales
const SOURCES = ["src", "locales", "db/catalog", "db/reference", "db/demo", "package.json", "tsconfig.json"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const stale = !existsSync(OUTFILE) || statSync(OUTFILE).mtimeMs < Math.max(...SOURCES.map(newestMtime));
if (stale) {
  let buildServer;
  try {
    ({ buildServer } = await import("./build.mjs"));
  } catch {
    console.error(`${OUTFILE} is missing or older than the sources, and esbuild is not installed: run "npm run build" where dev dependencies are installed.`);
    process.exit(1);
  }
  await buildServer();
}
await import(pathToFileURL(OUTFILE).href);
