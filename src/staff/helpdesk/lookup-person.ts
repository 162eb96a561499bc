import { and, count, eq, gte, ne } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import { auditLog } from "../../db/schema";
import type { Db } from "../../db/client";
import { personRecord, type PersonRecord } from "../../db/repos/helpdesk-registry";
import { staffAudit } from "../audit";
import type { StaffUser } from "../auth/roles";
import { dniSubject } from "./subject";

export const LOOKUP_REASONS = ["pagos", "estado", "reclamo", "elegibilidad", "otro"] as const;
export type LookupReason = (typeof LOOKUP_REASONS)[number];

export interface LookupPersonInput {
  dni: string;
  reason: LookupReason;
  /** the person is present and agreed to the lookup (the operator ticks it; recorded) */
  consent: boolean;
}

export const LOOKUP_ACTION = "helpdesk.person_lookup";

/** The operator reached their hourly number of person lookups (HELPDESK_LOOKUPS_PER_HOUR). */
export class LookupLimitError extends Error {
  constructor(readonly limit: number) {
    super(`help-desk lookup limit of ${limit} per hour reached`);
  }
}

export class LookupInputError extends Error {
  constructor(readonly field: "dni" | "reason" | "consent", message: string) {
    super(message);
  }
}

/**
 * A help-desk operator looks up a person of their district. The answer for a DNI that does not
 * exist and for a person of another district is the same `null`, so an operator cannot learn who
 * lives elsewhere. Every lookup (found or not) is audited with the reason and the consent.
 */
export async function lookupPersonForHelpdesk(
  deps: { db: Db; now: () => number; secret: string; lookupsPerHour?: number },
  user: StaffUser,
  input: LookupPersonInput,
): Promise<PersonRecord | null> {
  if (!/^\d{8}$/.test(input.dni)) throw new LookupInputError("dni", "El DNI tiene 8 dígitos.");
  if (!input.consent) throw new LookupInputError("consent", "Marque que la persona está presente y autoriza la consulta.");
  const limit = deps.lookupsPerHour ?? 0;
  if (limit > 0 && (await lookupsInLastHour(deps.db, user.id, deps.now())) >= limit) {
    // the refusal is audited too (and not counted: a refused lookup showed nothing)
    await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: LOOKUP_ACTION, subject: await dniSubject(deps.secret, input.dni), outcome: "limited", detail: { reason: input.reason, limit } }, deps.now())]);
    throw new LookupLimitError(limit);
  }
  const record = await personRecord(deps.db, input.dni);
  const visible = record && user.district && record.person.ubigeo === user.district ? record : null;
  await atomic(deps.db, [
    staffAudit(
      deps.db,
      {
        staffId: user.id,
        action: LOOKUP_ACTION,
        subject: await dniSubject(deps.secret, input.dni),
        // "not_found" covers "another district" too: the audit reader (the office) may tell them apart
        outcome: visible ? "ok" : record ? "out_of_scope" : "not_found",
        detail: { reason: input.reason, consent: true, district: user.district },
      },
      deps.now(),
    ),
  ]);
  return visible;
}

/**
 * The operator's lookups of the last hour, counted from the audit (every lookup is audited
 * anyway; the action index serves the time range). Two lookups at the same instant may both pass:
 * the limit is a brake on bulk browsing of the registry, not a hard quota.
 */
async function lookupsInLastHour(db: Db, staffId: string, now: number): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, LOOKUP_ACTION), gte(auditLog.at, now - 3_600_000), eq(auditLog.actor, `staff:${staffId}`), ne(auditLog.outcome, "limited")))
    .get();
  return row?.n ?? 0;
}

/** How long after a lookup the operator may act on that person's record (unlock, notices) without looking up again. */
export const DESK_VISIT_MS = 30 * 60_000;

/**
 * Whether this operator looked this person up (found, in their district, with consent) within the
 * last `DESK_VISIT_MS`. The follow-up forms on a person's record (unlock, payment-notice consent)
 * act only then, so they can never show a record, or learn that a DNI lives in the district,
 * without the audited, consented and rate-limited lookup (issue 19; found in session 8).
 */
export async function lookedUpRecently(deps: { db: Db; now: () => number; secret: string }, user: StaffUser, dni: string): Promise<boolean> {
  if (!/^\d{8}$/.test(dni)) return false;
  const row = await deps.db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subject, await dniSubject(deps.secret, dni)),
        gte(auditLog.at, deps.now() - DESK_VISIT_MS),
        eq(auditLog.action, LOOKUP_ACTION),
        eq(auditLog.actor, `staff:${user.id}`),
        eq(auditLog.outcome, "ok"),
      ),
    )
    .get();
  return (row?.n ?? 0) > 0;
}
