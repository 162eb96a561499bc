// `npm run voice:synth -- --lang qu|es [--r2-script <file>]`: synthetic drafts (espeak-ng) for every
// segment of the language without a person's recording, into the media folder under the data
// directory (DATABASE_PATH's folder + /media) and the voice_segments table (status `synthetic`).
// --r2-script writes a shell script that copies the same files into the Worker's R2 bucket and
// their rows into D1 (`wrangler r2 object put` per file, then `wrangler d1 execute`).
import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inArray, and, eq } from "drizzle-orm";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { voiceSegments } from "../db/schema";
import { createJsonLogger } from "../logging/logger";
import { isLang } from "../i18n/langs";
import { createPromptBank } from "../voice/bank";
import { createFsMediaStore, mediaDirFor } from "../voice/fs-media-store";
import { synthesizeDrafts } from "../voice/synthesize";
import { ESPEAK_VOICES, espeakAvailable, espeakSynthesizer } from "./voice-espeak";

const USAGE = "usage: npm run voice:synth -- --lang qu|es [--r2-script <file>] [--bucket orienta-media] [--d1 orienta]";
const literal = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { lang: { type: "string" }, "r2-script": { type: "string" }, bucket: { type: "string" }, d1: { type: "string" } } });
  const lang = values.lang;
  if (!isLang(lang) || !ESPEAK_VOICES[lang]) {
    console.error(lang === "ay" ? "espeak-ng has no Aymara voice: Aymara needs recordings by native speakers (/staff/voice)" : USAGE);
    return 2;
  }
  if (!espeakAvailable()) {
    console.error("espeak-ng is not installed: sudo apt-get install -y espeak-ng");
    return 1;
  }
  const { config } = loadConfig();
  const database = openNodeDatabase(config.databasePath);
  const mediaDir = mediaDirFor(config.databasePath);
  const media = createFsMediaStore(mediaDir);
  const bank = createPromptBank({ db: database.db, logger: createJsonLogger("silent") });
  const started = performance.now();
  try {
    const report = await synthesizeDrafts({ db: database.db, media, now: () => Date.now(), bank, synthesize: espeakSynthesizer(lang) }, lang);
    console.log(`${lang}: ${report.generated.length} synthetic drafts generated, ${report.unchanged} already there, ${report.keptRecorded} kept (recorded by a person), ${report.failed.length} failed (${((performance.now() - started) / 1000).toFixed(1)} s) into ${mediaDir}`);
    for (const f of report.failed) console.log(`  failed ${f.segment}: ${f.reason}`);
    console.log("These are SYNTHETIC DRAFTS (espeak-ng): the studio marks them so; a native speaker's recording replaces each one.");
    if (values["r2-script"]) {
      const rows = await database.db.select().from(voiceSegments).where(and(eq(voiceSegments.lang, lang), inArray(voiceSegments.status, ["synthetic", "recorded", "reviewed"]))).all();
      const bucket = values.bucket ?? "orienta-media";
      const d1 = values.d1 ?? "orienta";
      const sqlFile = resolve(`${values["r2-script"]}.sql`);
      const cols = Object.keys(rows[0] ?? {});
      const names = ["lang", "segment", "text", "status", "duration_ms", "media_path", "recorded_by", "recorded_at", "reviewed_by", "reviewed_at", "updated_at"];
      writeFileSync(sqlFile, rows.map((r) => `INSERT OR REPLACE INTO voice_segments (${names.join(", ")}) VALUES (${cols.map((c) => literal((r as Record<string, unknown>)[c])).join(", ")});`).join("\n") + "\n");
      const lines = ["#!/bin/sh", `# ${rows.length} ${lang} segment files into R2 bucket ${bucket}, then their rows into D1 ${d1}`, "set -e"];
      for (const r of rows) lines.push(`npx wrangler r2 object put '${bucket}/${r.mediaPath}' --file '${join(resolve(mediaDir), r.mediaPath!)}' --content-type audio/wav --remote`);
      lines.push(`npx wrangler d1 execute ${d1} --remote --file '${sqlFile}'`);
      writeFileSync(values["r2-script"], lines.join("\n") + "\n", { mode: 0o755 });
      console.log(`R2/D1 upload script: ${values["r2-script"]} (${rows.length} files; rows in ${sqlFile})`);
    }
    return report.failed.length ? 1 : 0;
  } finally {
    database.close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
