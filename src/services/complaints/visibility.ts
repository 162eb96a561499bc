import type { ComplaintRow } from "../../db/schema/complaints";

export const STAFF_ROLES = ["quality_agent", "quality_supervisor", "helpdesk", "admin", "voice_editor"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Whether a staff role may see who filed a complaint (DNI, name, birth date, phone, email and
 * the answer phone). A denuncia's reporter is protected by DL 1327: supervisors only, whether
 * or not the person asked for confidentiality; a confidential complaint likewise. Admins run
 * accounts, not cases, so they do not see protected identities either. An anonymous report has
 * no identity to show.
 */
export function canSeeReporter(role: StaffRole, complaint: Pick<ComplaintRow, "kind" | "confidential" | "anonymous">): boolean {
  if (complaint.anonymous) return false;
  if (complaint.kind === "denuncia" || complaint.confidential) return role === "quality_supervisor";
  return role === "quality_agent" || role === "quality_supervisor" || role === "admin";
}

/**
 * Whether a staff role may hear a complaint told by phone. The voice identifies whoever spoke, so
 * where the reporter's identity is protected (a denuncia, a confidential or an anonymous case)
 * only the supervisor hears it — and writes what the case needs into a note for the agent;
 * otherwise whoever may open the case (session 8 review).
 */
export function canHearRecording(role: StaffRole, complaint: Pick<ComplaintRow, "kind" | "confidential" | "anonymous">): boolean {
  if (complaint.anonymous || complaint.kind === "denuncia" || complaint.confidential) return role === "quality_supervisor";
  return true;
}
