import type Database from "better-sqlite3";

/** how many distinct write statements are kept prepared (the service has a few dozen) */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * drizzle on better-sqlite3 prepares a new statement for every query it runs that was not built
 * with `.prepare()` — every INSERT/UPDATE of a turn's write, of a lookup's audit, of a filing —
 * and SQLite's prepare is the costliest step of a small write after the commit itself. This keeps
 * the prepared statement per SQL text and hands the same one back.
 *
 * Only statements that return no rows are kept: a reading statement carries state between calls
 * (`raw()`/`pluck()` modes drizzle toggles, an `iterate()` in progress that a second user would
 * find busy), a writing one does not — `run()` is synchronous and complete when it returns. A
 * schema change (a migration) is handled by SQLite, which re-prepares a kept statement by itself.
 * When the cache is full (SQL texts that vary, such as IN lists of varying length), it starts over.
 */
export function cacheWriteStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const hit = kept.get(source);
    if (hit) return hit;
    const statement = prepare(source);
    if (!statement.reader) {
      if (kept.size >= size) kept.clear();
      kept.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}
