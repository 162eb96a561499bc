// `node scripts/cli.mjs <command> [args…]`: an operator's command (npm run import, notices, job,
// backup, staff, d1:export) run compiled, with plain node, as `npm start` runs the service: a
// production install has no tsx. Builds first when the bundle is missing or stale.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { COMMANDS } from "./build-commands.mjs";
import { ensureBuilt } from "./fresh-build.mjs";

const [command, ...args] = process.argv.slice(2);
if (!COMMANDS.includes(command)) {
  console.error(`usage: node scripts/cli.mjs <${COMMANDS.join("|")}> [args…]`);
  process.exit(2);
}
const bundle = resolve(`dist/node/${command}.js`);
await ensureBuilt(bundle);
// the command reads its arguments as if it had been started itself: node <bundle> args…
process.argv = [process.argv[0], bundle, ...args];
await import(pathToFileURL(bundle).href);
