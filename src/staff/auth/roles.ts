import type { StaffRole, StaffUserRow } from "../../db/schema";

export type { StaffRole };

/** The signed-in member of staff as pages and services see them (never the password hash). */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** help desks: the one district (ubigeo) they serve; null for the quality office */
  district: string | null;
}

export function toStaffUser(row: StaffUserRow): StaffUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, district: row.district };
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  quality_agent: "Agente de calidad",
  quality_supervisor: "Supervisor(a) de calidad",
  admin: "Administración",
  helpdesk: "Mesa de ayuda",
  voice_editor: "Estudio de voz",
};

/** Who works the complaints queue. */
export const QUALITY_ROLES: StaffRole[] = ["quality_agent", "quality_supervisor", "admin"];

export function hasRole(user: StaffUser | null | undefined, roles: readonly StaffRole[]): boolean {
  return !!user && roles.includes(user.role);
}

/**
 * Whether a place (a 6-digit district ubigeo, or a 2/4-digit region/province prefix of one) is
 * within a user's scope. The quality office has national scope; a help desk only its district.
 */
export function inDistrictScope(user: StaffUser, ubigeo: string | null | undefined): boolean {
  if (user.role !== "helpdesk") return true;
  return !!user.district && !!ubigeo && ubigeo === user.district;
}

// Who may see a reporter's identity is the complaints domain's rule (`canSeeReporter` in
// services/complaints/visibility.ts): the console shows what `detail()` returns.

/** Assigning to anyone is a supervisor's call; an agent may only take a case for themselves. */
export function canAssignTo(user: StaffUser, assigneeId: string): boolean {
  if (user.role === "quality_supervisor" || user.role === "admin") return true;
  return user.role === "quality_agent" && assigneeId === user.id;
}

/** Who works in the voice studio (/staff/voice): recording, uploading and reviewing prompts. */
export const VOICE_ROLES: StaffRole[] = ["voice_editor", "admin"];
