/** A complete, valid `POST /api/v1/complaints` body for a reclamo, as an integrating system sends it. */
export const reclamoBody = {
  kind: "reclamo",
  program: "pension65",
  category: "pago_no_recibido",
  description: "No cobré el pago de noviembre",
  ubigeo: "030101",
  anonymous: false,
  confidential: false,
  reporter: { dni: "12345678", birthDate: "1950-04-21", name: "Juan Mamani", phone: "987654321", email: null },
  contact: { channel: "sms", address: "987654321" },
};
