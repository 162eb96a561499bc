import type { ComplaintStatus } from "../../db/schema/complaints";

/**
 * Which status may follow which. `respondido` may be reopened (`en_revision`) if the person
 * disputes the answer; `cerrado` and `improcedente` are final.
 */
export const TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  registrado: ["en_revision", "derivado", "respondido", "improcedente"],
  en_revision: ["derivado", "respondido", "improcedente"],
  derivado: ["en_revision", "respondido", "improcedente"],
  respondido: ["cerrado", "en_revision"],
  cerrado: [],
  improcedente: [],
};

/** Still waiting for an answer: these count as overdue after the deadline. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ["registrado", "en_revision", "derivado"];

/** Statuses that must carry an answer to the person (the reason, for improcedente). */
export const NEEDS_ANSWER: readonly ComplaintStatus[] = ["respondido", "improcedente"];

export function canTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
