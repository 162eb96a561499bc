import type { InputKind, Message } from "./types";

export type Validated = { ok: true; value: string } | { ok: false; hint: Message };

/**
 * Checks one answer against the kind of input a node expects. Hints are locale keys, so
 * the person is told in their language what a valid answer looks like.
 */
export function validateInput(kind: Exclude<InputKind, "choice">, raw: string, maxLength = 160, now = Date.now()): Validated {
  const text = raw.trim();
  // "common:errors.empty" asks to press an option: here the person has to type something
  if (text === "") return { ok: false, hint: { key: "common:errors.empty_answer" } };
  switch (kind) {
    case "dni": {
      const digits = text.replace(/[\s.-]/g, "");
      return /^\d{8}$/.test(digits) ? { ok: true, value: digits } : { ok: false, hint: { key: "common:errors.dni" } };
    }
    case "date": {
      const value = parseKeypadDate(text, now);
      return value ? { ok: true, value } : { ok: false, hint: { key: "common:errors.date" } };
    }
    case "digits":
      return /^\d+$/.test(text) && text.length <= maxLength
        ? { ok: true, value: text }
        : { ok: false, hint: { key: "common:errors.digits" } };
    case "text":
      return [...text].length <= maxLength
        ? { ok: true, value: text }
        : { ok: false, hint: { key: "common:errors.too_long", params: { max: maxLength } } };
  }
}

/** DDMMAAAA as typed on a keypad (separators tolerated, `*` too: the keypad's own) → YYYY-MM-DD, or null if not a real past date. */
export function parseKeypadDate(text: string, now = Date.now()): string | null {
  const digits = text.replace(/[\s./*-]/g, "");
  if (!/^\d{8}$/.test(digits)) return null;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const year = Number(digits.slice(4));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || date.getTime() > now) return null;
  return `${digits.slice(4)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
}
