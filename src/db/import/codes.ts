// Node-only: the repeated values of a staged column as small integers.
//
// A registry file repeats the same few values in most columns: three programs, four payment
// statuses, one payment window per period, a few hundred payment points. Binding a string into
// SQLite costs a UTF-8 copy and an allocation on each side of the call; binding an integer costs
// neither, and makes the staged row and the key index smaller. So the stage keeps, per coded
// column, a dictionary from the value to a number (1, 2, …) and stages the number; the write
// turns it back into the value in SQL. Dictionaries are bounded: once a column has `limit`
// distinct values, new values are staged as themselves (text), so a column of free text costs
// memory for `limit` values at most. A value is always staged the same way (it is in the
// dictionary or it never will be), so comparing staged values (the duplicate check) still
// compares the values.
import type { SqlValue } from "./rows";

/**
 * A value as the stage holds it. Codes are bigints because better-sqlite3 binds a JS number as
 * a REAL (8 bytes in every row) and a bigint as an INTEGER (1–2 bytes); they are made once per
 * distinct value, not per row.
 */
export type StagedValue = SqlValue | bigint;

/**
 * A string of its own. A field cut from the file is a slice that keeps the whole 1 MB chunk it
 * came from alive; kept in a dictionary, a few thousand of them would keep the whole file.
 */
export function ownCopy(value: string): string {
  return Buffer.from(value, "utf8").toString("utf8");
}

/** distinct values per column kept as numbers; later ones are staged as text */
export const CODES_PER_COLUMN = 4096;

/** values per `CASE … WHEN` list; more are split in two by a comparison, as a binary search */
const CASE_LEAF = 8;

export class ColumnCodes {
  private readonly ids = new Map<string, bigint>();
  private readonly values: string[] = [];

  constructor(private readonly limit = CODES_PER_COLUMN) {}

  /** the staged form of a value: its code, or the value itself (null, a number, a string past the limit) */
  code(value: SqlValue): StagedValue {
    if (typeof value !== "string") return value;
    const id = this.ids.get(value);
    if (id !== undefined) return id;
    if (this.values.length >= this.limit) return value;
    const own = ownCopy(value);
    this.values.push(own);
    const code = BigInt(this.values.length);
    this.ids.set(own, code);
    return code;
  }

  /** the value of a staged form, as bound or as read back (a number then); a staged string is the value itself */
  decode(staged: StagedValue): SqlValue {
    return typeof staged === "number" || typeof staged === "bigint" ? this.values[Number(staged) - 1] : staged;
  }

  /** (number, value) pairs, for `temp.import_codes` */
  entries(): [number, string][] {
    return this.values.map((v, i) => [i + 1, v]);
  }

  /**
   * SQL that turns the staged column back into the value. The stage's columns have no type
   * (no affinity), so a `CASE` never confuses a number with a text of digits staged as itself.
   */
  sql(column: string, columnNo: number): string {
    // `column` may be qualified (`s.program`): it is only ever referred to, never declared
    if (this.values.length === 0) return column;
    // a text with a NUL cannot be an SQL literal: those columns look their values up instead
    if (this.values.some((v) => v.includes("\0")))
      return `CASE WHEN typeof(${column}) = 'integer' THEN (SELECT v FROM temp.import_codes WHERE col = ${columnNo} AND id = ${column}) ELSE ${column} END`;
    return this.caseTree(column, 1, this.values.length);
  }

  /**
   * Codes lo..hi back to their values: a `CASE` list for a few, else a comparison that halves the
   * range (a few hundred payment points cost ~8 comparisons a row, not a lookup per row). A text
   * staged as itself sorts after every number and matches no `WHEN`: the `ELSE` gives it back,
   * as it gives back NULL.
   */
  private caseTree(column: string, lo: number, hi: number): string {
    if (hi - lo < CASE_LEAF) {
      const whens = [];
      for (let id = lo; id <= hi; id++) whens.push(`WHEN ${id} THEN '${this.values[id - 1].replaceAll("'", "''")}'`);
      return `CASE ${column} ${whens.join(" ")} ELSE ${column} END`;
    }
    const mid = (lo + hi) >> 1;
    return `CASE WHEN ${column} <= ${mid} THEN ${this.caseTree(column, lo, mid)} ELSE ${this.caseTree(column, mid + 1, hi)} END`;
  }
}
