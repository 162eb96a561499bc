import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { complaints, contacts } from "../../../src/db/schema";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, texter } from "../../helpers/sms";

// a new number: language, complaints, new case, reclamo, Pensión 65, payment not received, district by name, LAMAS
const TO_DESCRIPTION = ["hola", "1", "4", "1", "1", "2", "1", "2", "lamas"];

async function atDescription() {
  const t = makeTestApp({ env: SMS_ENV });
  const phone = texter(t.app);
  let last: string | null = null;
  for (const text of TO_DESCRIPTION) last = await phone.send(text);
  expect(last).toMatch(/Cuente en pocas palabras/);
  return { t, phone };
}

const optedOut = async (t: ReturnType<typeof makeTestApp>) =>
  (await t.deps.db.select({ optedOut: contacts.optedOut }).from(contacts).where(eq(contacts.urn, "tel:+51987654321")).get())?.optedOut;

describe("SMS: keywords are words inside a complaint's description", () => {
  it.each([
    ["Pago no llega desde marzo"],
    ["Estado de la agencia: cerrada cuando fui"],
    ["Reclamo porque no me pagaron"],
    ["Ayuda: no me dan el pago"],
    ["Alta demora en el banco"],
    ["Baja. La señora de la ULE me cobró 20 soles"],
  ])("%s → kept as the description, the complaint goes on (DNI next) and is filed with it", async (description) => {
    const { t, phone } = await atDescription();
    expect(await phone.send(description)).toMatch(/DNI/);
    await phone.send("12345678");
    await phone.send("1"); // answer by SMS
    expect(await phone.send("1")).toMatch(/^Caso registrado: MO-2026-/);
    const filed = await t.deps.db.select({ description: complaints.description }).from(complaints).all();
    expect(filed).toEqual([{ description }]);
    expect(await optedOut(t)).toBe(false);
  });

  it("BAJA alone still unsubscribes there (one word is never a description)", async () => {
    const { t, phone } = await atDescription();
    expect(await phone.send("BAJA")).toMatch(/ya no le enviaremos mensajes/);
    expect(await optedOut(t)).toBe(true);
  });

  it("outside a typed text the same words are keywords (PAGO without a DNI explains the format)", async () => {
    const t = makeTestApp({ env: SMS_ENV });
    const phone = texter(t.app);
    await phone.send("hola");
    await phone.send("1");
    expect(await phone.send("Pago no llega desde marzo")).toMatch(/^Envie PAGO, su DNI/);
  });
});
