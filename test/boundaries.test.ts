import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:import|export)[^;]*?from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);

// One request flows one way: channel → engine → services → db. These rules keep it so.
const rules = [
  { dir: "src/engine", forbidden: [/^hono/, /better-sqlite3/, /^node:/, /\/db\/node/, /\/channels\//], why: "the engine knows no channel, HTTP framework or driver" },
  { dir: "src/services", forbidden: [/^hono/, /better-sqlite3/, /\/db\/node/, /\/channels\//], why: "services are runtime-neutral and never know which channel asked" },
  { dir: "src/channels", forbidden: [/\/db\//, /better-sqlite3/, /\/engine\/types/], why: "channels reach the database only through the engine and services (and take the neutral types from domain/)" },
  { dir: "src/services", forbidden: [/\/engine\/types/], why: "services take the neutral types (Message, Reply…) from domain/, not from the engine" },
  { dir: "src/domain", forbidden: [/\/engine\//, /\/services\//, /\/db\//, /\/channels\//, /\/conversation\//], why: "domain/ is the neutral vocabulary every side imports: it imports none of them" },
];

// value imports only: `import type` (erased at build) may name a service's or a table's type
const valueImportsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);

// The turn path: the engine reads through ports and returns effects; it runs no service or
// database code of its own (no import cycle engine ↔ services), and staff pages render only.
const valueRules = [
  { dir: "src/engine", forbidden: [/\/services\//, /\/db\//, /\/conversation\//], why: "the engine imports no value from services/, db/ or conversation/" },
  { dir: "src/staff/pages", forbidden: [/\/db\//], why: "staff pages never reach the database (routes go through the service verbs)" },
];

describe("the turn path's boundaries", () => {
  it.each(valueRules)("$dir: $why", ({ dir, forbidden }) => {
    const offenders = sources(dir).flatMap((file) => valueImportsOf(file).filter((spec) => forbidden.some((re) => re.test(spec))).map((spec) => `${file} imports ${spec}`));
    expect(offenders).toEqual([]);
  });
});

describe("module boundaries", () => {
  it.each(rules)("$dir: $why", ({ dir, forbidden }) => {
    const offenders = sources(dir).flatMap((file) => importsOf(file).filter((spec) => forbidden.some((re) => re.test(spec))).map((spec) => `${file} imports ${spec}`));
    expect(offenders).toEqual([]);
  });
});

describe("Node-only modules stay out of the Worker bundle", () => {
  // prom-client needs Node (process, v8, perf_hooks): only the Node entry may reach it
  it("only src/server.ts loads the metrics module, and only it loads prom-client", () => {
    const offenders = sources("src").flatMap((file) =>
      importsOf(file)
        .filter((spec) => (/prom-client|@hono\/prometheus/.test(spec) && !file.endsWith(join("ops", "metrics.ts"))) || (/ops\/metrics/.test(spec) && !file.endsWith("server.ts")))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
