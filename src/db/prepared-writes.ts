import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";

/** a drizzle write builder that can be prepared (insert/update/delete) */
interface Preparable {
  prepare(): { run(values?: Record<string, unknown>): unknown };
}

type Slot = (name: string) => unknown;

/**
 * A write statement of the hot path, built by drizzle once per database instead of once per turn.
 *
 * On better-sqlite3, drizzle turns a query builder into SQL text on every run (`sqlToQuery`, its
 * `is()` checks): for a turn that counts its usage (an upsert into usage_counts and two or three
 * rollups, beside the session) that was a fifth of the USSD server's CPU under load. Here the
 * statement is built with placeholders the first time and kept prepared; each use only fills the
 * values. On D1 (no synchronous prepared statements, and `batch` takes builders) it is built with
 * the values as before.
 *
 * `build` gets `v(name)`: a placeholder on better-sqlite3, `values[name]` on D1. The result is
 * a statement for `atomic()` or the group commit: `.run()` runs it synchronously and awaiting it
 * runs it too, as a drizzle builder does.
 */
export function reusableWrite<V extends object>(build: (db: Db, v: (name: keyof V & string) => unknown) => Preparable): (db: Db, values: V) => BatchItem<"sqlite"> {
  const prepared = new WeakMap<Db, ReturnType<Preparable["prepare"]>>();
  return (db, values) => {
    if (!isSync(db)) return build(db, ((name: keyof V & string) => values[name]) as Slot) as unknown as BatchItem<"sqlite">;
    let statement = prepared.get(db);
    if (!statement) prepared.set(db, (statement = build(db, ((name) => sql.placeholder(name)) as Slot).prepare()));
    const run = statement.run.bind(statement);
    return {
      run: () => run(values as Record<string, unknown>),
      then(resolve?: (value: unknown) => unknown, reject?: (error: unknown) => unknown) {
        return new Promise((ok) => ok(run(values as Record<string, unknown>))).then(resolve, reject);
      },
    } as unknown as BatchItem<"sqlite">;
  };
}

/** better-sqlite3 under drizzle (its client runs transactions synchronously); D1 has none */
function isSync(db: Db): boolean {
  return typeof (db as unknown as { $client?: { transaction?: unknown } }).$client?.transaction === "function";
}
