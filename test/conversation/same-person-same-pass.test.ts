import { describe, expect, it } from "vitest";
import { complaints, sessions } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { postTwilio, SMS_ENV, twilioForm } from "../helpers/sms";
import { postUssd, ussdForm } from "../helpers/ussd";

// Writes are committed in groups, once per pass of the event loop (src/db/group-commit.ts): these
// are the turns that arrive in the same pass and must still see each other's writes.

const FROM = "+51987650001";

describe("turns that arrive together (group commit)", () => {
  it("SMS: two messages of one person delivered at once are applied one after the other, each on the other's result", async () => {
    const { app } = makeTestApp({ env: SMS_ENV });
    const first = await postTwilio(app, twilioForm({ Body: "hola", From: FROM }));
    expect(first.message).toMatch(/1 Espa/); // the language question
    // "1" Español, then "1" Programas sociales: sent one after the other, delivered together
    const [language, programs] = await Promise.all([postTwilio(app, twilioForm({ Body: "1", From: FROM })), postTwilio(app, twilioForm({ Body: "1", From: FROM }))]);
    expect(language.message).toMatch(/MIDIS Orienta/);
    expect(programs.message).toMatch(/Programas/);
    expect(programs.message).toMatch(/Juntos/);
  });

  it("USSD: a confirm press and its gateway retry in the same pass file one complaint, both answered with its code", async () => {
    const { app, deps } = makeTestApp();
    const sessionId = "ATUid_same_pass";
    const phoneNumber = "+51987654321";
    // es, complaints, new, reclamo, Pensión 65, payment not received, Abancay by list, text, DNI, SMS here, send
    const inputs = ["1", "4", "1", "1", "2", "1", "1", "3", "1", "1", "No me llega el pago", "12345678", "1", "1"];
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "" }));
    for (let i = 1; i < inputs.length; i++) await postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.slice(0, i).join("*") }));
    const form = ussdForm({ sessionId, phoneNumber, text: inputs.join("*") });
    const answers = await Promise.all([postUssd(app, form), postUssd(app, form), postUssd(app, form)]);
    for (const a of answers) expect(a.body).toMatch(/^END .*MO-2026-000001/);
    expect((await deps.db.select().from(complaints).all()).map((c) => c.code)).toEqual(["MO-2026-000001"]);
  });

  it("USSD: fifty callers pressing at once are all answered and all stored", async () => {
    const { app, deps } = makeTestApp();
    const phones = Array.from({ length: 50 }, (_, i) => `+519876${String(50000 + i)}`);
    const dialed = await Promise.all(phones.map((phoneNumber, i) => postUssd(app, ussdForm({ sessionId: `ATUid_${i}`, phoneNumber, text: "" }))));
    expect(dialed.every((a) => a.body.startsWith("CON "))).toBe(true);
    const chosen = await Promise.all(phones.map((phoneNumber, i) => postUssd(app, ussdForm({ sessionId: `ATUid_${i}`, phoneNumber, text: "1" }))));
    expect(chosen.every((a) => /^CON MIDIS Orienta/.test(a.body))).toBe(true);
    const rows = await deps.db.select().from(sessions).all();
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.lang === "es" && r.consumed === 1)).toBe(true);
  });
});
