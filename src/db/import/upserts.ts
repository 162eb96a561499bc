import type { ImportKind } from "./rows";

/**
 * One upsert per kind, keyed like the table. The `WHERE … IS NOT …` makes a row that is
 * already there unchanged a no-op (no write at all), so importing the same file twice
 * changes nothing and the summary can tell changed rows from unchanged ones.
 */
function upsert(table: string, columns: string[], key: string[]): (rows: number) => string {
  const rest = columns.filter((c) => !key.includes(c));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return (rows) =>
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")} ` +
    `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(", ")} ` +
    `WHERE (${rest.map((c) => `${table}.${c}`).join(", ")}) IS NOT (${rest.map((c) => `excluded.${c}`).join(", ")})`;
}

/**
 * The upsert of `rows` rows in one statement (`VALUES (…), (…), …`). SQLite applies the rows in
 * order, as separate statements would, and `changes` counts the rows inserted or updated (not
 * the ones the `WHERE` skipped), so the summary's written/unchanged stays exact.
 */
export const UPSERTS: Record<ImportKind, (rows: number) => string> = {
  persons: upsert("persons", ["dni", "birth_date", "first_names", "last_names", "ubigeo", "phone"], ["dni"]),
  enrolments: upsert("enrolments", ["dni", "program", "status", "since", "status_reason"], ["dni", "program"]),
  classifications: upsert("classifications", ["dni", "level", "valid_until"], ["dni"]),
  payments: upsert(
    "payments",
    ["dni", "program", "period", "amount_cents", "status", "available_from", "available_until", "payment_point"],
    ["dni", "program", "period"],
  ),
};

