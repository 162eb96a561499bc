import type { BroadcastStatus } from "../../db/schema";

export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, string> = {
  pending_approval: "Espera aprobación",
  approved: "Aprobado, programado",
  sending: "Enviándose",
  sent: "Enviado",
  cancelled: "Cancelado",
};
