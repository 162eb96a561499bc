import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator";
import { resources } from "../../src/i18n/resources";
import { LANGS } from "../../src/i18n/langs";

// i18next answers a missing key with the key itself: a person would read "check.result".
// Every literal "<namespace>:<key>" written in src/ must exist in the three languages (a literal
// ending in "." is a prefix, e.g. "common:errors.", not a key).
describe("message keys written in the code", () => {
  const i18n = createTranslator();
  const namespaces = new Set(Object.keys(resources.es));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) files.push(path);
    }
  };
  walk(join(__dirname, "../../src"));

  it("exist in es, qu and ay", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const m of readFileSync(file, "utf8").matchAll(/["'`]([a-z]+):([a-zA-Z0-9_.]*[a-zA-Z0-9_])["'`]/g)) {
        if (!namespaces.has(m[1])) continue;
        checked += 1;
        for (const lang of LANGS) if (!i18n.has(lang, `${m[1]}:${m[2]}`)) missing.push(`${file.split("/src/")[1]}: ${m[1]}:${m[2]} (${lang})`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
