// One import in its own process, so its peak memory is its own: prints the summary and max RSS as JSON.
// Started with --max-old-space-size=96 --max-semi-space-size=8 like `npm run import`: V8 otherwise
// lets garbage strings grow the heap to ~270 MB RSS before collecting; capped, the process stays
// under 200 MB (a smaller young generation: ~185 instead of ~200 MB) at about the same speed.
// bench/import.ts bundles it (dist/bench/import-child.js) and runs it compiled, as `npm run import` runs:
// node dist/bench/import-child.js <kind> <file> <dbPath> [<persons.csv>]. The persons file is loaded
// first and not timed, so the payments' DNIs are in the registry (the orphan check runs and passes).
import { createReadStream } from "node:fs";
import { openNodeDatabase } from "../src/db/node";
import { IMPORT_CACHE_KIB, importCsv } from "../src/db/import/importer";
import { defaultRowRules } from "../src/db/import/rules";
import type { ImportKind } from "../src/db/import/rows";

const [kind, file, dbPath, personsFile] = process.argv.slice(2);
const database = openNodeDatabase(dbPath, { backgroundCheckpoints: true }); // as src/cli/import.ts
database.sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`); // as src/cli/import.ts does
database.sqlite.pragma("journal_size_limit = 67108864");
if (personsFile) {
  await importCsv({ kind: "persons", input: createReadStream(personsFile, { highWaterMark: 1 << 20 }), sqlite: database.sqlite, rules: defaultRowRules() });
  database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
}
const started = performance.now();
const cpu = process.cpuUsage(); // all threads of this process, the checkpoint worker included
const summary = await importCsv({ kind: kind as ImportKind, input: createReadStream(file, { highWaterMark: 1 << 20 }), sqlite: database.sqlite, rules: defaultRowRules() });
database.close();
// timed to the end of the last checkpoint, as the sqlite3 CLI's run ends when it has closed the file
console.log(JSON.stringify({ ...summary, ms: Math.round(performance.now() - started), cpuMs: Math.round(((c) => c.user + c.system)(process.cpuUsage(cpu)) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rejectedBy: summary.rejectedBy }));
