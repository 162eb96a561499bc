import type { PersonRecord } from "../../services/lookups/types";
import type { Message } from "../types";

/**
 * A verified person's record as screens of plain words: each page a few message lines
 * (program name, what is happening, where or what to do), short enough for one USSD screen.
 */

/** YYYY-MM-DD → DD/MM/YYYY, as dates are written in Peru */
export const peruDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** YYYY-MM → MM/YYYY */
export const peruPeriod = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;
/** cents → "350" or "350.50" */
export const soles = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

type Payment = PersonRecord["payments"][number];

const program = (id: string): Message => ({ key: `programs:${id}.name` });

function paymentLines(p: Payment): Message[] {
  const amount = soles(p.amountCents);
  const period = peruPeriod(p.period);
  const where: Message = p.paymentPoint ? { key: "lookup:pay.where", params: { point: p.paymentPoint } } : { key: "lookup:pay.where_unknown" };
  switch (p.status) {
    case "disponible":
      return p.availableFrom && p.availableUntil
        ? [{ key: "lookup:pay.available", params: { amount, from: peruDate(p.availableFrom), until: peruDate(p.availableUntil) } }, where]
        : [{ key: "lookup:pay.available_nodate", params: { amount, period } }, where];
    case "programado":
      return p.availableFrom
        ? [{ key: "lookup:pay.scheduled", params: { amount, from: peruDate(p.availableFrom) } }, where]
        : [{ key: "lookup:pay.scheduled_nodate", params: { amount, period } }, where];
    case "observado":
      return [{ key: "lookup:pay.held", params: { amount, period } }];
    case "cobrado":
      return [{ key: "lookup:pay.collected", params: { amount, period } }];
    case "no_cobrado":
      return [{ key: "lookup:pay.not_collected", params: { amount, period } }];
  }
}

/** Per program: the next payment (available first, else the soonest scheduled, else held), then the last one. */
export function paymentPages(record: PersonRecord): Message[][] {
  const byProgram = new Map<string, Payment[]>();
  for (const p of record.payments) byProgram.set(p.program, [...(byProgram.get(p.program) ?? []), p]);
  const pages: Message[][] = [];
  for (const [id, rows] of byProgram) {
    // rows are newest period first
    const next =
      rows.find((p) => p.status === "disponible") ??
      [...rows].reverse().find((p) => p.status === "programado") ??
      rows.find((p) => p.status === "observado");
    const last = rows.find((p) => p.status === "cobrado" || p.status === "no_cobrado");
    if (next) pages.push([program(id), ...paymentLines(next)]);
    if (last) pages.push([program(id), { key: "lookup:pay.last" }, ...paymentLines(last)]);
  }
  return pages.length ? pages : [[{ key: "lookup:pay.none" }]];
}

/** The reasons the registry gives for a suspension or a disaffiliation; anything else is "other". */
export const KNOWN_REASONS = [
  "cred_incumplido",
  "control_prenatal",
  "asistencia_escolar",
  "cse_vencida",
  "cse_no_pobre",
  "supervivencia",
  "otra_pension",
  "sin_cobro",
  "cambio_distrito",
  "sin_miembro_objetivo",
] as const;

const reasonKey = (code: string | null) => ((KNOWN_REASONS as readonly string[]).includes(code ?? "") ? code! : "other");

export function statusPages(record: PersonRecord): Message[][] {
  const pages: Message[][] = [];
  for (const e of record.enrolments) {
    const since = peruDate(e.since);
    if (e.status === "suspendido" || e.status === "desafiliado") {
      const reason = reasonKey(e.statusReason);
      pages.push([program(e.program), { key: `lookup:status.${e.status}`, params: { since } }, { key: `lookup:reason.${reason}.why` }]);
      pages.push([program(e.program), { key: `lookup:reason.${reason}.todo` }]);
    } else pages.push([program(e.program), { key: `lookup:status.${e.status}`, params: { since } }]);
  }
  if (record.enrolments.length === 0) pages.push([{ key: "lookup:status.none" }]);
  const cse = record.classification;
  pages.push(
    cse
      ? [
          { key: "lookup:cse.title" },
          { key: `lookup:cse.level.${cse.level}` },
          { key: cse.expired ? "lookup:cse.expired" : "lookup:cse.valid", params: { until: peruDate(cse.validUntil) } },
        ]
      : [{ key: "lookup:cse.title" }, { key: "lookup:cse.none" }],
  );
  return pages;
}
