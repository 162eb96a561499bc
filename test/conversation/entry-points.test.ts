import qu from "../../locales/qu/complaints.json";
import quCommon from "../../locales/qu/common.json";
import { foldToGsm7 } from "../../src/i18n/gsm7";
import { describe, expect, it } from "vitest";
import { complaints } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { SMS_ENV, texter } from "../helpers/sms";

describe("entry points: a keyword lands where it means, also before a language is chosen", () => {
  it("SMS RECLAMO <text> after MENU from a new number (no language yet): the language first, then the complaints section with the text kept", async () => {
    const { app, deps } = makeTestApp({ env: SMS_ENV });
    const phone = texter(app, "+51987600001");
    expect(await phone.send("MENU")).toContain("Elija idioma");
    const first = (await phone.send("RECLAMO no me llega el pago de Pensión 65"))!;
    expect(first).toContain("Elija idioma");
    const section = (await phone.send("2"))!; // runasimi
    // straight into the complaints section, in Quechua (not the main menu)
    expect(section).toContain(foldToGsm7(qu.start.title));
    expect(section).not.toContain(foldToGsm7(quCommon.main.title));
    // complaints start (1 new): kind, program, category, then the district; the description is not asked
    for (const p of ["1", "1", "2", "1", "1", "3", "1", "1"]) await phone.send(p);
    const next = (await phone.send("12345678"))!; // the DNI: the description was never asked
    expect(next).toContain(foldToGsm7(qu.contact.prompt));
    await phone.send("1"); // SMS to this number
    await phone.send("1"); // send
    const [row] = await deps.db.select().from(complaints).all();
    expect(row).toMatchObject({ description: "no me llega el pago de Pensión 65", lang: "qu", channel: "sms" });
  });
});
