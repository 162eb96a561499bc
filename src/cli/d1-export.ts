// Node-only CLI: `npm run d1:export -- --db data/orienta.db --out orienta-data.sql [--tables a,b] [--on-conflict ignore|update]`
// Writes the rows of a SQLite database as SQL for `wrangler d1 execute <db> --remote --file <out>`.
import Database from "better-sqlite3";
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { exportForD1 } from "../db/d1-export";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: process.env.DATABASE_PATH ?? "./data/orienta.db" },
    out: { type: "string" },
    tables: { type: "string" },
    "on-conflict": { type: "string", default: "fail" },
  },
});

const onConflict = values["on-conflict"];
if (onConflict !== "fail" && onConflict !== "ignore" && onConflict !== "update") {
  console.error("--on-conflict must be fail, ignore or update");
  process.exit(2);
}
if (!values.out) {
  console.error("--out <file.sql> is required");
  process.exit(2);
}

const sqlite = new Database(values.db, { readonly: true, fileMustExist: true });
const out = createWriteStream(values.out);
const report = exportForD1(sqlite, (chunk) => out.write(chunk), {
  tables: values.tables?.split(",").map((t) => t.trim()).filter(Boolean),
  onConflict,
});
out.end(() => {
  for (const { name, rows } of report.tables) console.error(`${name.padEnd(24)} ${rows} rows`);
  console.error(`${report.statements} statements → ${values.out}`);
  for (const warning of report.warnings) console.error(`warning: ${warning}`);
  console.error(`next: npx wrangler d1 execute orienta --remote --file ${values.out}`);
});
