// `npm start`: runs the compiled service (dist/node/server.js) with plain node, no TypeScript
// loader. Builds it first when it is missing or older than any source it is built from, so
// `npm install && npm start` stays two commands on a fresh machine.
import { pathToFileURL } from "node:url";
import { ensureBuilt } from "./fresh-build.mjs";

const OUTFILE = "dist/node/server.js";
await ensureBuilt(OUTFILE);
await import(pathToFileURL(OUTFILE).href);
