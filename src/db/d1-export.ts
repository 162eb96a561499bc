// Node-only: reads a SQLite file (better-sqlite3) and writes the SQL that loads its rows into D1.
import type Database from "better-sqlite3";

/**
 * Tables never copied: SQLite's own, drizzle's migration journal on Node (`__drizzle_migrations`)
 * and wrangler's on D1 (`d1_migrations`, written by `wrangler d1 migrations apply`), Cloudflare's.
 */
const SKIPPED = /^(sqlite_|_cf_|__drizzle_migrations$|d1_migrations$)/;

// D1 refuses a statement longer than 100 KB; stay well under it
export const MAX_STATEMENT_BYTES = 90_000;
const MAX_ROWS_PER_STATEMENT = 200;

export interface D1ExportOptions {
  /** only these tables (default: every application table) */
  tables?: string[];
  /**
   * a row whose key (or any unique column) is already in D1: fail (default), keep what is there
   * ("ignore"), or update it in place with the exported values ("update", an upsert: unlike
   * REPLACE it never deletes the row, so nothing that references it is touched)
   */
  onConflict?: "fail" | "ignore" | "update";
}

export interface D1ExportReport {
  tables: { name: string; rows: number }[];
  statements: number;
  warnings: string[];
}

/** A value as a SQL literal: the file carries its values inline, so no bound-parameter limit applies. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot export non-finite number ${value}`);
    return String(value);
  }
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
  throw new Error(`cannot export a value of type ${typeof value}`);
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Application tables, parents before children (foreign keys), so the file loads in order. */
export function exportableTables(sqlite: Database.Database): string[] {
  const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !SKIPPED.test(n));
  const parents = new Map(
    names.map((n) => [n, (sqlite.prepare(`PRAGMA foreign_key_list(${quoteIdent(n)})`).all() as { table: string }[]).map((f) => f.table)]),
  );
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name) || !parents.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) if (parent !== name) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

/**
 * Writes `INSERT` statements for every row, through `write` (a file, stdout), ready for
 * `wrangler d1 execute <db> --remote --file <file>`. Multi-row statements stay under D1's
 * statement-size limit. The schema is NOT exported: D1 gets it from `wrangler d1 migrations apply`.
 */
export function exportForD1(sqlite: Database.Database, write: (chunk: string) => void, options: D1ExportOptions = {}): D1ExportReport {
  const available = exportableTables(sqlite);
  const tables = options.tables ? available.filter((t) => options.tables!.includes(t)) : available;
  const unknown = (options.tables ?? []).filter((t) => !available.includes(t));
  if (unknown.length) throw new Error(`no such table: ${unknown.join(", ")}`);
  const onConflict = options.onConflict ?? "fail";
  const report: D1ExportReport = { tables: [], statements: 0, warnings: [] };

  // children may be written before a parent they reference inside a cycle; check at the end
  write("PRAGMA defer_foreign_keys = ON;\n");
  for (const table of tables) {
    const columns = (sqlite.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((c) => c.name);
    const head = `${onConflict === "ignore" ? "INSERT OR IGNORE" : "INSERT"} INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) VALUES\n`;
    // SQLite ≥ 3.35 (D1 included) accepts ON CONFLICT without a target: any unique key
    const tail = onConflict === "update" ? `\nON CONFLICT DO UPDATE SET ${columns.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(", ")}` : "";
    const select = sqlite.prepare(`SELECT ${columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(table)} ORDER BY rowid`).raw(true);
    // exact integers beyond 2^53 survive as bigint
    select.safeIntegers(true);
    let rows = 0;
    let pending: string[] = [];
    let bytes = 0;
    const flush = () => {
      if (!pending.length) return;
      write(`${head}${pending.join(",\n")}${tail};\n`);
      report.statements += 1;
      pending = [];
      bytes = 0;
    };
    for (const row of select.iterate() as Iterable<unknown[]>) {
      const tuple = `(${row.map(sqlLiteral).join(", ")})`;
      if (head.length + tail.length + tuple.length + 2 > MAX_STATEMENT_BYTES) throw new Error(`a row of ${table} is larger than D1's statement limit`);
      if (bytes + tuple.length + head.length + tail.length > MAX_STATEMENT_BYTES || pending.length >= MAX_ROWS_PER_STATEMENT) flush();
      pending.push(tuple);
      bytes += tuple.length + 2;
      rows += 1;
    }
    flush();
    report.tables.push({ name: table, rows });
  }
  report.warnings.push(...staffHashWarnings(sqlite, tables));
  return report;
}

/** Workers refuse PBKDF2 above 100,000 iterations: such staff accounts cannot log in there. */
function staffHashWarnings(sqlite: Database.Database, tables: string[]): string[] {
  if (!tables.includes("staff_users")) return [];
  const hashes = sqlite.prepare("SELECT password_hash AS hash FROM staff_users").all() as { hash: string }[];
  const tooSlow = hashes.filter((h) => Number(h.hash.split("$")[1]) > 100_000).length;
  return tooSlow
    ? [
        `${tooSlow} staff account(s) have password hashes above 100000 PBKDF2 iterations, which Workers refuse: ` +
          "set STAFF_PASSWORD_ITERATIONS=100000 on the Node service and have them log in once (re-hash) before exporting, or reset their passwords on D1",
      ]
    : [];
}
