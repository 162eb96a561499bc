import { atomic } from "../../db/atomic";
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
  deps: { db: Db; now: () => number; secret: string },
  user: StaffUser,
  input: LookupPersonInput,
): Promise<PersonRecord | null> {
  if (!/^\d{8}$/.test(input.dni)) throw new LookupInputError("dni", "El DNI tiene 8 dígitos.");
  if (!input.consent) throw new LookupInputError("consent", "Marque que la persona está presente y autoriza la consulta.");
  const record = await personRecord(deps.db, input.dni);
  const visible = record && user.district && record.person.ubigeo === user.district ? record : null;
  await atomic(deps.db, [
    staffAudit(
      deps.db,
      {
        staffId: user.id,
        action: "helpdesk.person_lookup",
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
