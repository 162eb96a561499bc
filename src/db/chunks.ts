import { getTableColumns } from "drizzle-orm";
import type { SQLiteInsertValue, SQLiteTable } from "drizzle-orm/sqlite-core";
import { atomic } from "./atomic";
import type { Db } from "./client";

/**
 * D1 binds at most 100 parameters per statement ("too many SQL variables"); SQLite on Node
 * allows 32766. Multi-row inserts are therefore cut so that every statement stays within D1's
 * limit, and the same code runs on both.
 */
export const D1_MAX_BOUND_PARAMETERS = 100;

/**
 * How many rows of `table` fit in one INSERT: drizzle binds at most one parameter per column
 * per row (it writes every column of the table, `null` for the ones not given).
 */
export function rowsPerInsert(table: SQLiteTable, limit = D1_MAX_BOUND_PARAMETERS): number {
  const columns = Object.keys(getTableColumns(table)).length;
  return Math.max(1, Math.floor(limit / columns));
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface InsertInChunksOptions {
  /** statements per atomic batch; a D1 batch is one round trip and one implicit transaction */
  statementsPerBatch?: number;
  /** "ignore": rows whose key already exists are skipped, so a rerun after a failure is safe */
  onConflict?: "ignore" | "fail";
}

/**
 * Inserts many rows through multi-row INSERTs within the parameter limit, grouped into atomic
 * batches. Each batch is all-or-nothing; the whole call is not (one D1 batch cannot be
 * unbounded): use `onConflict: "ignore"` and rerun to finish an interrupted load. Returns the
 * number of statements run. For millions of rows on D1, use a SQL file with
 * `wrangler d1 execute --file` instead (README, "Loading the registry on D1").
 */
export async function insertInChunks<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: SQLiteInsertValue<T>[],
  options: InsertInChunksOptions = {},
): Promise<number> {
  const perBatch = options.statementsPerBatch ?? 50;
  const statements = chunk(rows, rowsPerInsert(table)).map((part) => {
    const insert = db.insert(table).values(part as never);
    return options.onConflict === "ignore" ? insert.onConflictDoNothing() : insert;
  });
  for (const batch of chunk(statements, perBatch)) await atomic(db, batch as never);
  return statements.length;
}
