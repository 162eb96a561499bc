// `npm run voice:prompts -- [--lang qu] [--missing]`: every segment of the prompt bank with its
// text, where it is used, its recording status and duration (tab-separated, one per line), and a
// count per language. --missing: only segments with no usable audio of their current text.
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { createJsonLogger } from "../logging/logger";
import { LANGS, isLang, type Lang } from "../i18n/langs";
import { createPromptBank } from "../voice/bank";
import { segmentStatuses } from "../voice/studio-rows";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { lang: { type: "string" }, missing: { type: "boolean" } } });
  if (values.lang !== undefined && !isLang(values.lang)) {
    console.error("usage: npm run voice:prompts -- [--lang es|qu|ay] [--missing]");
    return 2;
  }
  const langs: Lang[] = values.lang ? [values.lang as Lang] : [...LANGS];
  const { config } = loadConfig();
  const database = openNodeDatabase(config.databasePath);
  const bank = createPromptBank({ db: database.db, logger: createJsonLogger("silent") });
  try {
    console.log(["lang", "segment", "status", "duration_s", "used_in", "text"].join("\t"));
    for (const lang of langs) {
      const rows = await segmentStatuses(database.db, bank, lang);
      const counts: Record<string, number> = {};
      for (const row of rows) {
        counts[row.status] = (counts[row.status] ?? 0) + 1;
        if (values.missing && row.status !== "missing") continue;
        console.log([lang, row.segment.id, row.status, row.durationMs ? (row.durationMs / 1000).toFixed(1) : "", row.segment.usedIn, row.segment.text].join("\t"));
      }
      console.error(`${lang}: ${rows.length} segments — ${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(", ")}${(await bank.offered(lang)) ? " (offered by voice)" : " (not offered by voice)"}`);
    }
    return 0;
  } finally {
    database.close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
