// Node-only helpers for the i18n CLIs: read and write locales/<lang>/<ns>.json and the review file.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LANGS, type Lang } from "../i18n/langs";
import { patchJsonStrings } from "../i18n/patch-json";
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

/**
 * Writes changed texts into their files, touching only the changed values (patchJsonStrings):
 * a file with no change is not written, and a changed one keeps its layout. Returns the files written.
 */
export function writeChangedTexts(dir: string, texts: { lang: Lang; key: string; text: string }[]): string[] {
  const byFile = new Map<string, Map<string, string>>();
  for (const { lang, key, text } of texts) {
    const [ns, path] = key.split(/:(.*)/s);
    const file = join(dir, lang, `${ns}.json`);
    if (!byFile.has(file)) byFile.set(file, new Map());
    byFile.get(file)!.set(path, text);
  }
  const written: string[] = [];
  for (const [file, changes] of byFile) {
    const before = readFileSync(file, "utf8");
    const { text, missing } = patchJsonStrings(before, changes);
    if (missing.length) throw new Error(`${file}: not found as texts: ${missing.join(", ")}`);
    if (text !== before) {
      writeFileSync(file, text);
      written.push(file);
    }
  }
  return written;
}

export function readReview(dir: string): ReviewFile {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, "review-status.json"), "utf8"));
    return { qu: parsed.qu ?? {}, ay: parsed.ay ?? {} };
  } catch {
    return { qu: {}, ay: {} };
  }
}

/** Writes the review file only if its content changed; returns whether it did. */
export function writeReview(dir: string, review: ReviewFile): boolean {
  const file = join(dir, "review-status.json");
  const text = JSON.stringify(review, null, 2) + "\n";
  let before = "";
  try {
    before = readFileSync(file, "utf8");
  } catch {
    // no review file yet
  }
  if (before === text || JSON.stringify(JSON.parse(before || "null")) === JSON.stringify(review)) return false;
  writeFileSync(file, text);
  return true;
}
