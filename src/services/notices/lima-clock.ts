/**
 * Lima's calendar and hours from an instant. Peru keeps UTC−5 all year (no daylight saving
 * since 1994), so a fixed offset is exact and needs no time-zone database (Workers have none
 * to spare either).
 */
const LIMA_OFFSET_MS = -5 * 3_600_000;

/** YYYY-MM-DD in Lima */
export function limaDate(at: number): string {
  return new Date(at + LIMA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 0–23 in Lima */
export function limaHour(at: number): number {
  return new Date(at + LIMA_OFFSET_MS).getUTCHours();
}

/** YYYY-MM-DD plus `days` (negative: before) */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** true inside [from, until) Lima hours; a range that wraps midnight (20–07) is two pieces */
export function inQuietHours(at: number, quiet: { from: number; until: number } | null): boolean {
  if (!quiet || quiet.from === quiet.until) return false;
  const hour = limaHour(at);
  return quiet.from < quiet.until ? hour >= quiet.from && hour < quiet.until : hour >= quiet.from || hour < quiet.until;
}
