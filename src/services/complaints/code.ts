/** Tracking codes: MO-2026-000123 (year of filing in Lima, then a correlative per year). */
export const CODE_PATTERN = /^MO-(\d{4})-(\d{6})$/;

export function formatComplaintCode(year: number, seq: number): string {
  return `MO-${year}-${String(seq).padStart(6, "0")}`;
}

/**
 * Accepts what people type: "mo-2026-123", "MO2026000123", "2026 123", "2026000123"
 * → "MO-2026-000123", or null.
 */
export function normalizeComplaintCode(raw: string): string | null {
  const cleaned = raw.toUpperCase().replace(/[\s.\-_/*#]/g, "").replace(/^MO/, "");
  const m = /^(20\d{2})(\d{1,6})$/.exec(cleaned);
  if (!m) return null;
  const seq = Number(m[2]);
  return seq > 0 ? formatComplaintCode(Number(m[1]), seq) : null;
}
