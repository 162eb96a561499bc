import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { complaints } from "../../../src/db/schema";
import { registryDemoLoader } from "../../../src/db/demo-registry";
import { silentLogger } from "../../../src/logging/logger";
import { makeTestApp } from "../../helpers/app";
import { postUssd, ussdForm } from "../../helpers/ussd";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

// es, complaints, new, reclamo, Pensión 65, payment not received, Abancay by list: the description screen
const TO_DESCRIPTION = ["1", "4", "1", "1", "2", "1", "1", "3", "1", "1"];

/** The gateway's requests of one session up to the description screen (each the whole `*`-joined history). */
async function toDescription(app: ReturnType<typeof makeTestApp>["app"], sessionId: string, phoneNumber: string) {
  await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "" }));
  for (let i = 1; i <= TO_DESCRIPTION.length; i++) {
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: TO_DESCRIPTION.slice(0, i).join("*") }));
  }
}

describe("USSD: what Africa's Talking really sends", () => {
  it("a `*` typed inside the description is part of it, not a second answer (the DNI question is not answered with the rest)", async () => {
    const { app, deps } = makeTestApp();
    const sessionId = "ATUid_star_in_text";
    await toDescription(app, sessionId, "+51987654321");
    // the real callback: the gateway joins inputs with `*` and cannot tell the person's own `*` apart
    const described = await postUssd(app, fixture("description-with-star.form"));
    expect(described.body).toMatch(/^CON .*DNI/s);
    expect(described.body).not.toMatch(/El DNI tiene 8 d[ií]gitos/);
    const text = (extra: string[]) => [...TO_DESCRIPTION, "No cobre*desde marzo*2 meses", ...extra].join("*");
    await postUssd(app, ussdForm({ sessionId, phoneNumber: "+51987654321", text: text(["12345678"]) }));
    await postUssd(app, ussdForm({ sessionId, phoneNumber: "+51987654321", text: text(["12345678", "1"]) }));
    const sent = await postUssd(app, ussdForm({ sessionId, phoneNumber: "+51987654321", text: text(["12345678", "1", "1"]) }));
    expect(sent.body).toMatch(/^END .*MO-2026-000001/s);
    const rows = await deps.db.select().from(complaints).all();
    expect(rows.map((r) => r.description)).toEqual(["No cobre*desde marzo*2 meses"]);
  });

  it("the gateway's retry of the description request (same sessionId and text) applies it once", async () => {
    const { app } = makeTestApp();
    const sessionId = "ATUid_star_in_text";
    await toDescription(app, sessionId, "+51987654321");
    const first = await postUssd(app, fixture("description-with-star.form"));
    const retried = await postUssd(app, fixture("description-with-star.form"));
    expect(retried.body).toBe(first.body);
  });

  it("a birth date typed with the keypad's `*` as separator (21*04*1950) is one date, read back, and verifies the person", async () => {
    const { app, deps } = makeTestApp();
    await registryDemoLoader.load(deps.db, silentLogger);
    const sessionId = "ATUid_date_with_stars";
    const phoneNumber = "+51987654321";
    // language, my payments, I have a DNI, the DNI
    const inputs = ["1", "3", "1", "12345678"];
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "" }));
    for (let i = 1; i <= inputs.length; i++) await postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.slice(0, i).join("*") }));
    const echoed = await postUssd(app, fixture("birth-date-with-stars.form"));
    expect(echoed.body).toMatch(/^CON Usted escribio: 21 de abril de 1950/);
    const paid = await postUssd(app, ussdForm({ sessionId, phoneNumber, text: [...inputs, "21*04*1950", "1"].join("*") }));
    // the right date: verified, greeted by the masked name
    expect(paid.body).toMatch(/^CON Hola, M\*\*\* Q\*\*\*\./);
  });
});
