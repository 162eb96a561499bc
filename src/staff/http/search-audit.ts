import { atomic } from "../../db/atomic";
import { touchesPersonalData, type SearchTerms } from "../../services/complaints";
import { staffAudit } from "../audit";
import type { StaffUser } from "../auth/roles";
import { dniSubject } from "../helpdesk/subject";
import type { StaffDeps } from "./deps";

/**
 * A search of the complaints that reaches personal data (a DNI, a phone, a name) is audited as
 * `complaint.search`: what kinds of query and whether it found anything, never the query itself —
 * the DNI by its keyed hash, as every other lookup of that DNI. The queue and a case page's
 * previous/next (`nav=`) both search, so both write it; `detail` says which (counts, `via`).
 */
export async function auditComplaintSearch(deps: Pick<StaffDeps, "db" | "config" | "now">, user: StaffUser, terms: SearchTerms, found: boolean, detail: Record<string, unknown>): Promise<void> {
  if (!touchesPersonalData(terms)) return;
  const kinds = [terms.dni && "dni", terms.phone && "phone", terms.name && "name"].filter(Boolean);
  const subject = terms.dni ? await dniSubject(deps.config.appSecret, terms.dni) : null;
  await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: "complaint.search", subject, outcome: found ? "found" : "none", detail: { kinds, ...detail, role: user.role } }, deps.now())]);
}
