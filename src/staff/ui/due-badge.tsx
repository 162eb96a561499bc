/** "Vencido" / "Vence hoy" / "Vence en N días" (within a week) beside a deadline; nothing for closed cases. */
export const DUE_SOON_DAYS = 7;

export function DueBadge(props: { daysLeft: number | null }) {
  const d = props.daysLeft;
  if (d === null || d > DUE_SOON_DAYS) return null;
  if (d < 0) return <span class="badge overdue">Vencido</span>;
  return <span class="badge due">{d === 0 ? "Vence hoy" : d === 1 ? "Vence mañana" : `Vence en ${d} días`}</span>;
}
