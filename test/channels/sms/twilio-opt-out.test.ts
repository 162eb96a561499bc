import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contacts } from "../../../src/db/schema";
import { makeTestApp } from "../../helpers/app";
import { postTwilio, SMS_ENV, smsFixture, texter } from "../../helpers/sms";

/** Twilio's inbound form as it arrives, with this body (and `OptOutType` when Twilio adds it). */
function twilioWith(body: string, extra: Record<string, string> = {}): string {
  const form = new URLSearchParams(smsFixture("twilio-menu.form"));
  const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
  for (const key of ["SmsMessageSid", "SmsSid", "MessageSid"]) form.set(key, sid);
  form.set("Body", body);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return form.toString();
}

async function optedOut(t: ReturnType<typeof makeTestApp>, urn = "tel:+51987654321") {
  return (await t.deps.db.select({ optedOut: contacts.optedOut }).from(contacts).where(eq(contacts.urn, urn)).get())?.optedOut ?? false;
}

// Twilio blocks a long-code sender on these words itself, before and whatever we answer
// (twilio.com/docs/messaging/tutorials/advanced-opt-out): our record must follow it
describe("Twilio's own STOP filter: the words Twilio acts on are opt-outs here too", () => {
  it.each(["CANCEL", "unsubscribe", "Quit", "END", "STOPALL", "OPTOUT", "REVOKE"])("%s records the opt-out (nothing more is tried at a number Twilio blocks)", async (word) => {
    const t = makeTestApp({ env: SMS_ENV });
    await texter(t.app).send("hola");
    const res = await postTwilio(t.app, twilioWith(word));
    expect(res.status).toBe(200);
    expect(await optedOut(t)).toBe(true);
    expect((await postTwilio(t.app, twilioWith("1"))).message).toBeNull();
  });

  it("OptOutType=STOP (a Messaging Service's own opt-out word, e.g. PARAR) records the opt-out; OptOutType=START lifts it", async () => {
    const t = makeTestApp({ env: SMS_ENV });
    await texter(t.app).send("hola");
    await postTwilio(t.app, twilioWith("PARAR", { OptOutType: "STOP" }));
    expect(await optedOut(t)).toBe(true);
    expect((await postTwilio(t.app, twilioWith("1"))).message).toBeNull();
    const back = await postTwilio(t.app, twilioWith("VOLVER", { OptOutType: "START" }));
    expect(back.message).toMatch(/^Le damos otra vez la bienvenida/);
    expect(await optedOut(t)).toBe(false);
  });

  it("Twilio's opt-in words (UNSTOP, YES) lift an opt-out; from a number that never left, YES is an ordinary answer", async () => {
    const t = makeTestApp({ env: SMS_ENV });
    await texter(t.app).send("hola");
    await postTwilio(t.app, twilioWith("STOP"));
    await postTwilio(t.app, twilioWith("unstop"));
    expect(await optedOut(t)).toBe(false);
    const other = makeTestApp({ env: SMS_ENV });
    await texter(other.app).send("hola");
    const yes = await postTwilio(other.app, twilioWith("YES"));
    expect(yes.message).toMatch(/Elija idioma/);
    expect(await optedOut(other)).toBe(false);
  });

  it("OptOutType=HELP changes nothing", async () => {
    const t = makeTestApp({ env: SMS_ENV });
    await texter(t.app).send("hola");
    await postTwilio(t.app, twilioWith("INFO", { OptOutType: "HELP" }));
    expect(await optedOut(t)).toBe(false);
  });
});
