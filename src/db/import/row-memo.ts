// Node-only: each distinct rest-of-the-line after the DNI validated once.
//
// A payments file of a million rows has a few thousand distinct (program, period, amount,
// status, window, payment point) combinations: the month's payment repeated for every person
// of a district. Everything a validator checks in those columns depends on them alone (the DNI
// is checked first, on its own), so the result — the reject, or the values in their staged form
// (codes.ts) — is the same for every line whose text after the DNI is the same. The memo keeps
// it per text; such a line then costs its DNI check and one map lookup, without being split
// into fields. It is bounded, and gives up on a file whose lines barely repeat (a persons
// file: names), where the lookups would only add cost.
import { ownCopy, type StagedValue } from "./codes";
import type { RowReject, RowResult, SqlValue } from "./rows";

/**
 * Texts kept (~350 bytes each: the text, its values; at most ~18 MB of the import's 96 MB heap).
 * A month's payments file has one period, three programs, five statuses and a few thousand
 * payment points: tens of thousands of distinct texts at most. Past it, new ones are validated
 * every time, and the ones kept still serve.
 */
const MAX_ENTRIES = 50_000;
/**
 * After this many lookups, a memo that found fewer than one in five turns itself off: the
 * lines do not repeat (a persons file, or payment points written per person). A miss costs a
 * lookup and remembering the text, far less than the validation it is beside.
 */
const TRIAL_ROWS = 50_000;
const TRIAL_MIN_HITS = 0.2;

/** the staged columns after the DNI, or why the line is rejected */
export type Known = StagedValue[] | RowReject;

export class RowMemo {
  private readonly entries = new Map<string, Known>();
  private lookups = 0;
  private hits = 0;
  private on = true;

  constructor(
    private readonly validate: (r: string[]) => RowResult,
    /** the staged form of a valid row's columns after the DNI */
    private readonly encodeTail: (values: SqlValue[]) => StagedValue[],
  ) {}

  /** false once the memo has given up on this file: lines go the long way without a lookup */
  get active(): boolean {
    return this.on;
  }

  /** what is known of a line by its text after the DNI (the DNI itself still to be checked) */
  known(tail: string): Known | undefined {
    if (!this.on) return undefined;
    const entry = this.entries.get(tail);
    if (entry !== undefined) this.hits += 1;
    if (++this.lookups === TRIAL_ROWS && this.hits < TRIAL_MIN_HITS * this.lookups) {
      this.on = false;
      this.entries.clear();
    }
    return entry;
  }

  /** a line not known: validated, and remembered under its text after the DNI when there is one */
  row(r: string[], tail: string | null): { ok: true; dni: string; tail: StagedValue[] } | RowReject {
    const result = this.validate(r);
    const remember = tail !== null && this.on && this.entries.size < MAX_ENTRIES;
    if (!result.ok) {
      // a wrong DNI says nothing of the rest; any other reject is the rest's (the DNI was checked first)
      if (remember && result.code !== "dni") this.entries.set(ownCopy(tail), copyReject(result));
      return result;
    }
    const encoded = this.encodeTail(result.values);
    // strings of their own: a slice of the file would keep its whole chunk alive
    if (remember) this.entries.set(ownCopy(tail), encoded.map((v) => (typeof v === "string" ? ownCopy(v) : v)));
    return { ok: true, dni: r[0], tail: encoded };
  }
}

function copyReject(r: RowReject): RowReject {
  return { ok: false, field: ownCopy(r.field), value: ownCopy(r.value), code: r.code, reason: ownCopy(r.reason), hint: ownCopy(r.hint) };
}
