// One import in its own process, so its peak memory is its own: prints the summary and max RSS as JSON.
// Started with --max-old-space-size=96 like `npm run import`: V8 otherwise lets garbage strings
// grow the heap to ~270 MB RSS before collecting; with the cap it stays under 200 MB, as fast.
// tsx bench/import-child.ts <kind> <file> <dbPath>
import { createReadStream } from "node:fs";
import { openNodeDatabase } from "../src/db/node";
import { importCsv } from "../src/db/import/importer";
import { defaultRowRules } from "../src/db/import/rules";
import type { ImportKind } from "../src/db/import/rows";

const [kind, file, dbPath] = process.argv.slice(2);
const database = openNodeDatabase(dbPath);
database.sqlite.pragma("cache_size = -32768"); // as the CLI does
const summary = await importCsv({ kind: kind as ImportKind, input: createReadStream(file, { highWaterMark: 1 << 20 }), sqlite: database.sqlite, rules: defaultRowRules() });
database.close();
console.log(JSON.stringify({ ...summary, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
