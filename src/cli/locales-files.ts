// Node-only helpers for the i18n CLIs: read and write locales/<lang>/<ns>.json and the review file.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LANGS } from "../i18n/langs";
import type { Resources, ReviewFile } from "../i18n/review";

export function readLocales(dir: string): Resources {
  const out = {} as Resources;
  for (const lang of LANGS) {
    out[lang] = {};
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith(".json")).sort()) {
      out[lang][file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, lang, file), "utf8"));
    }
  }
  return out;
}

export function writeLocales(dir: string, resources: Resources): void {
  for (const lang of LANGS) {
    for (const [ns, tree] of Object.entries(resources[lang])) writeFileSync(join(dir, lang, `${ns}.json`), JSON.stringify(tree, null, 2) + "\n");
  }
}

export function readReview(dir: string): ReviewFile {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, "review-status.json"), "utf8"));
    return { qu: parsed.qu ?? {}, ay: parsed.ay ?? {} };
  } catch {
    return { qu: {}, ay: {} };
  }
}

export function writeReview(dir: string, review: ReviewFile): void {
  writeFileSync(join(dir, "review-status.json"), JSON.stringify(review, null, 2) + "\n");
}
