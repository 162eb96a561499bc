import type { ImportKind } from "./rows";

/**
 * One upsert per kind, keyed like the table. The `WHERE … IS NOT …` makes a row that is
 * already there unchanged a no-op (no write at all), so importing the same file twice
 * changes nothing and the summary can tell changed rows from unchanged ones.
 */
function upsert(table: string, columns: string[], key: string[]): string {
  const rest = columns.filter((c) => !key.includes(c));
  return (
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ` +
    `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(", ")} ` +
    `WHERE (${rest.map((c) => `${table}.${c}`).join(", ")}) IS NOT (${rest.map((c) => `excluded.${c}`).join(", ")})`
  );
}

export const UPSERTS: Record<ImportKind, string> = {
  persons: upsert("persons", ["dni", "birth_date", "first_names", "last_names", "ubigeo", "phone"], ["dni"]),
  enrolments: upsert("enrolments", ["dni", "program", "status", "since", "status_reason"], ["dni", "program"]),
  classifications: upsert("classifications", ["dni", "level", "valid_until"], ["dni"]),
  payments: upsert(
    "payments",
    ["dni", "program", "period", "amount_cents", "status", "available_from", "available_until", "payment_point"],
    ["dni", "program", "period"],
  ),
};
