import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema";

/**
 * The database as every repository sees it: drizzle's sqlite-core over better-sqlite3 (sync)
 * or D1 (async). Repositories always `await`, so the same code runs on both.
 */
export type Db = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;
