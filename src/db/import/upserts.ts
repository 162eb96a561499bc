import type { ImportKind } from "./rows";

/** Where each kind goes: its table, columns in the file's order, and key (the table's primary key). */
export interface KindTable {
  table: string;
  columns: string[];
  key: string[];
  /** rows about a person (by DNI) that must be in `persons` first, unless orphans are allowed */
  needsPerson: boolean;
  /** columns whose values repeat (programs, statuses, dates, places): staged as numbers (codes.ts) */
  coded: string[];
}

/** How a column is read back from the stage (`alias` qualifies it, e.g. `s.`): itself, or the SQL that decodes it. */
export type StagedColumn = (column: string, alias?: string) => string;
const asStaged: StagedColumn = (c, alias = "") => alias + c;

export const TABLES: Record<ImportKind, KindTable> = {
  persons: { table: "persons", columns: ["dni", "birth_date", "first_names", "last_names", "ubigeo", "phone"], key: ["dni"], needsPerson: false, coded: ["ubigeo"] },
  enrolments: { table: "enrolments", columns: ["dni", "program", "status", "since", "status_reason"], key: ["dni", "program"], needsPerson: true, coded: ["program", "status", "since", "status_reason"] },
  classifications: { table: "classifications", columns: ["dni", "level", "valid_until"], key: ["dni"], needsPerson: false, coded: ["level", "valid_until"] },
  payments: {
    table: "payments",
    columns: ["dni", "program", "period", "amount_cents", "status", "available_from", "available_until", "payment_point"],
    key: ["dni", "program", "period"],
    needsPerson: true,
    coded: ["program", "period", "status", "available_from", "available_until", "payment_point"],
  },
};

/**
 * The upsert of one key range of the staging table into the real one, in key order (so the
 * table's B-tree is filled page after page instead of at random places). The `WHERE … IS NOT …`
 * makes a row that is already there unchanged a no-op (no write at all), so importing the same
 * file twice changes nothing, and `changes` counts only the rows inserted or updated.
 * `bounded`: `(key) > (?) AND (key) <= (?)`; otherwise `(key) > (?)` (the last range), in the
 * stage's own (coded) values.
 */
export function upsertFromStage(spec: KindTable, bounded: boolean, staged: StagedColumn = asStaged): string {
  const { table, columns, key } = spec;
  const rest = columns.filter((c) => !key.includes(c));
  const k = `(${key.join(", ")})`;
  const marks = `(${key.map(() => "?").join(", ")})`;
  return (
    `INSERT INTO main.${table} (${columns.join(", ")}) SELECT ${columns.map((c) => staged(c)).join(", ")} FROM temp.import_stage ` +
    `WHERE ${k} > ${marks}${bounded ? ` AND ${k} <= ${marks}` : ""} ORDER BY ${key.join(", ")} ` +
    `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(", ")} ` +
    `WHERE (${rest.map((c) => `${table}.${c}`).join(", ")}) IS NOT (${rest.map((c) => `excluded.${c}`).join(", ")})`
  );
}

/** --dry-run: how many staged rows would be new and how many would change what is stored. */
export function compareWithStored(spec: KindTable, staged: StagedColumn = asStaged): string {
  const { table, columns, key } = spec;
  const rest = columns.filter((c) => !key.includes(c));
  const of = (c: string) => staged(c, "s.");
  return (
    `SELECT count(*) FILTER (WHERE t.${key[0]} IS NULL) AS fresh, ` +
    `count(*) FILTER (WHERE t.${key[0]} IS NOT NULL AND (${rest.map((c) => `t.${c}`).join(", ")}) IS NOT (${rest.map((c) => of(c)).join(", ")})) AS changed ` +
    `FROM temp.import_stage s LEFT JOIN main.${table} t ON ${key.map((c) => `t.${c} = ${of(c)}`).join(" AND ")}`
  );
}
