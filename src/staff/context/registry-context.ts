import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { paymentsBetween, personRecord, type PersonRecord } from "../../db/repos/helpdesk-registry";
import type { ComplaintReporterRow, ComplaintRow, PaymentRow } from "../../db/schema";
import { limaDate } from "../../services/complaints/deadline";
import { staffAudit } from "../audit";
import type { StaffUser } from "../auth/roles";
import { dniSubject } from "../helpdesk/subject";

/** Categories whose complaint is about one payment: the case links it. */
export const PAYMENT_CATEGORIES = ["pago_no_recibido", "monto_incorrecto"];

/** Months of payments shown before and after the month the complaint was filed. */
const MONTHS_BEFORE = 4;
const MONTHS_AFTER = 2;

/** Who works cases sees the registry beside them; admins run accounts, not cases. */
const MAY_SEE_REGISTRY = new Set(["quality_agent", "quality_supervisor"]);

export interface RegistryContext {
  record: Omit<PersonRecord, "payments">;
  /** payments of the months around the filing, most recent first */
  payments: PaymentRow[];
  window: { from: string; to: string };
  /** the payment a payment complaint is about: its program's latest period that had opened by the filing day */
  about: PaymentRow | null;
}

export type RegistryContextResult = { kind: "shown"; context: RegistryContext } | { kind: "not_in_registry" } | { kind: "no_dni" } | { kind: "not_allowed" };

function shiftMonth(period: string, months: number): string {
  const [y, m] = period.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}

/** The payment a complaint about a payment refers to (see RegistryContext.about). */
export function paymentAbout(complaint: Pick<ComplaintRow, "program" | "category" | "createdAt">, payments: PaymentRow[]): PaymentRow | null {
  if (!PAYMENT_CATEGORIES.includes(complaint.category)) return null;
  const filed = limaDate(complaint.createdAt);
  const ofProgram = payments.filter((p) => p.program === complaint.program).sort((a, b) => b.period.localeCompare(a.period));
  return ofProgram.find((p) => (p.availableFrom ?? `${p.period}-01`) <= filed) ?? null;
}

/**
 * The registry beside a case: the reporter's enrolments (status and reason), SISFOH classification
 * and expiry, and the payments around the filing date. Only for a reporter the viewer may see
 * (the caller passes `reporter` only then) and a role that works cases; every read is audited
 * like a help-desk person lookup, the DNI named by its keyed hash.
 */
export async function registryContext(
  deps: { db: Db; now: () => number; secret: string },
  user: StaffUser,
  complaint: ComplaintRow,
  reporter: ComplaintReporterRow | undefined,
): Promise<RegistryContextResult> {
  if (!MAY_SEE_REGISTRY.has(user.role)) return { kind: "not_allowed" };
  if (!reporter?.dni) return { kind: "no_dni" };
  const record = await personRecord(deps.db, reporter.dni);
  const filedMonth = limaDate(complaint.createdAt).slice(0, 7);
  const window = { from: shiftMonth(filedMonth, -MONTHS_BEFORE), to: shiftMonth(filedMonth, MONTHS_AFTER) };
  const payments = record ? await paymentsBetween(deps.db, reporter.dni, window.from, window.to) : [];
  await atomic(deps.db, [
    staffAudit(
      deps.db,
      {
        staffId: user.id,
        action: "complaint.registry_context",
        subject: await dniSubject(deps.secret, reporter.dni),
        outcome: record ? "ok" : "not_found",
        detail: { complaint: complaint.code, role: user.role, payments: payments.length },
      },
      deps.now(),
    ),
  ]);
  if (!record) return { kind: "not_in_registry" };
  const { payments: _recent, ...rest } = record;
  return { kind: "shown", context: { record: rest, payments, window, about: paymentAbout(complaint, payments) } };
}
