// Node-only: the demo registry goes through the same importer as a program's real files.
import type Database from "better-sqlite3";
import { createReadStream } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoLoader } from "./demo";
import { importCsv } from "./import/importer";
import { IMPORT_KINDS } from "./import/rows";
import { defaultRowRules } from "./import/rules";

const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/demo");

/** db/demo/{persons,enrolments,classifications,payments}.csv (the people are listed in the README) */
export const registryDemoLoader: DemoLoader = {
  name: "registry",
  async load(db, logger) {
    const sqlite = (db as unknown as { $client: Database.Database }).$client;
    let written = 0;
    for (const kind of IMPORT_KINDS) {
      const summary = await importCsv({ kind, input: createReadStream(resolve(DEMO_DIR, `${kind}.csv`)), sqlite, rules: defaultRowRules() });
      if (summary.rejected > 0) logger.warn({ kind, rejected: summary.rejected }, "demo rows rejected");
      written += summary.written;
    }
    return written;
  },
};
