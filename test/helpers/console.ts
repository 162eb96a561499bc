import { createComplaintsService } from "../../src/services/complaints";
import type { ComplaintBody } from "../../src/services/complaints/input";
import { makeTestApp } from "./app";
import { addStaff, TEST_ENV } from "./staff";

/** A valid complaint body; a test changes only what it is about. */
export function complaintBody(change: Partial<ComplaintBody> = {}): ComplaintBody {
  return {
    kind: "reclamo",
    program: "juntos",
    category: "pago_no_recibido",
    description: "No llegó mi pago de octubre",
    ubigeo: "030101",
    reporter: { dni: "41234567", name: "Rosa Quispe Huamán", birthDate: "1950-04-21", phone: "987654321" },
    contact: { channel: "sms", address: "987654321" },
    lang: "qu",
    ...change,
  } as ComplaintBody;
}

/** An app with one account per role and a few complaints: a reclamo in Quechua, a confidential denuncia, a consulta. */
export async function consoleFixture() {
  const t = makeTestApp({ env: TEST_ENV });
  const complaints = createComplaintsService({ db: t.deps.db, now: t.deps.now! });
  const staff = {
    agent: await addStaff(t.deps, "quality_agent", "agente@orienta.test"),
    agent2: await addStaff(t.deps, "quality_agent", "agente2@orienta.test"),
    supervisor: await addStaff(t.deps, "quality_supervisor"),
    admin: await addStaff(t.deps, "admin"),
    helpdesk: await addStaff(t.deps, "helpdesk"),
    voiceEditor: await addStaff(t.deps, "voice_editor"),
    voiceEditor2: await addStaff(t.deps, "voice_editor", "voz2@orienta.test"),
  };
  const file = async (change: Partial<ComplaintBody> = {}) => (await complaints.file({ body: complaintBody(change), channel: "ussd", actor: "citizen:ussd" })).complaint;
  const reclamo = await file();
  const denuncia = await file({
    kind: "denuncia",
    category: "cobro_indebido",
    program: "pension65",
    ubigeo: "200101",
    confidential: true,
    description: "Un señor cobra 50 soles para inscribir en Pensión 65",
    reporter: { dni: "40000001", name: "Juana Condori", phone: "912345678" },
    contact: { channel: "whatsapp", address: "912345678" },
    lang: "es",
  });
  const consulta = await file({ kind: "consulta", category: "informacion", program: "general", ubigeo: "150101", reporter: undefined, contact: { channel: "none" }, lang: "ay" });
  return { ...t, complaints, staff, reclamo, denuncia, consulta, file };
}
