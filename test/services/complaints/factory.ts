import type { ComplaintBody } from "../../../src/services/complaints/input";

/** A valid complaint body; tests change only what they are about. */
export function complaintBody(change: Partial<ComplaintBody> = {}): ComplaintBody {
  return {
    kind: "reclamo",
    program: "juntos",
    category: "pago_no_recibido",
    description: "No llegó mi pago de octubre",
    ubigeo: "030601",
    reporter: { dni: "12345678", name: "Rosa Quispe", phone: "987654321" },
    contact: { channel: "sms", address: "987654321" },
    lang: "qu",
    ...change,
  };
}
