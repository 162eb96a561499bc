import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BUNDLE_DIR = resolve(ROOT, "dist/worker-test");
export const BUNDLE = resolve(BUNDLE_DIR, "worker.js");
export const METAFILE = resolve(BUNDLE_DIR, "bundle-meta.json");
export const WRANGLER_TOML = resolve(ROOT, "wrangler.toml");
export const MIGRATIONS_DIR = resolve(ROOT, "db/migrations");
