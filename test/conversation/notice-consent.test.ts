import { describe, expect, it } from "vitest";
import { auditLog, noticeConsents, notices } from "../../src/db/schema";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { consentTextVersion } from "../../src/services/notices/consent-text";
import { grantConsent } from "../../src/services/notices/consent";
import { dial } from "../helpers/ussd";
import { texter, SMS_ENV } from "../helpers/sms";
import { postWebhook, textWebhook, whatsappEnv } from "../helpers/whatsapp";
import { WebChat } from "../helpers/web";
import { DEMO, makeRegistryApp } from "../helpers/registry";

const PHONE = "+51987000123";

/** USSD: language, "my payments", "I have a DNI", DNI, date, "correct" → the verified menu */
async function verifiedOnUssd(app: Parameters<typeof dial>[0], langDigit = "1", who = DEMO.juntosActive) {
  const phone = dial(app, PHONE.slice(1));
  await phone.start();
  for (const p of [langDigit, "3", "1", who.dni, who.date]) await phone.press(p);
  const menu = await phone.press("1");
  return { phone, menu };
}

describe("consent to payment notices in the conversations", () => {
  it("USSD: offered after a verified lookup, yes stored with its proof and audited; the menu revokes it", async () => {
    const t = await makeRegistryApp();
    const { phone, menu } = await verifiedOnUssd(t.app);
    expect(menu.body).toContain("3 Avisos de pago");
    const offer = await phone.press("3");
    expect(offer.body).toContain("¿Quiere que le avisemos por SMS cuando su pago esté listo?");
    const yes = await phone.press("1");
    expect(yes.body).toMatch(/^CON Listo: le avisaremos/);
    const [row] = await t.deps.db.select().from(noticeConsents).all();
    expect(row).toMatchObject({ channel: "sms", address: PHONE, lang: "es", status: "granted", grantedVia: "ussd", grantedBy: "citizen:ussd", textKey: "notices:offer.sms" });
    expect(row.textVersion).toBe(await consentTextVersion("es", "notices:offer.sms"));
    expect((await t.deps.db.select().from(auditLog).all()).map((a) => a.action)).toContain("notices.consent.grant");

    // asked again: "already", and "stop" revokes at once
    const again = await phone.press("3");
    expect(again.body).toContain("Ya recibe avisos de pago en este numero.");
    const stop = await phone.press("1");
    expect(stop.body).toContain("ya no le enviaremos avisos de pago");
    expect((await t.deps.db.select().from(noticeConsents).get())).toMatchObject({ status: "revoked", revokedVia: "menu" });
  });

  it("USSD in Quechua: the offer in the person's language, the consent in it; no stores nothing", async () => {
    const t = await makeRegistryApp();
    const { phone } = await verifiedOnUssd(t.app, "2");
    expect((await phone.press("3")).body).toContain("SMSwan willasqaykichu");
    expect((await phone.press("2")).body).toContain("mana willasqaykichu");
    expect(await t.deps.db.select().from(noticeConsents).all()).toEqual([]);
    await phone.press("3");
    await phone.press("1");
    expect((await t.deps.db.select().from(noticeConsents).get())?.lang).toBe("qu");
  });

  it("SMS: BAJA ends the consents on the number at once, also in the middle of a flow", async () => {
    const t = await makeRegistryApp(SMS_ENV);
    const deps = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
    await grantConsent(deps, { dni: DEMO.juntosActive.dni, channel: "sms", address: PHONE, lang: "es", via: "helpdesk", actor: "staff:1" });
    const sms = texter(t.app, PHONE);
    await sms.send("MENU");
    await sms.send("1");
    await sms.send("3"); // in the middle of the payments flow
    const stopped = await sms.send("BAJA");
    expect(stopped).toBeTruthy();
    expect(await t.deps.db.select().from(noticeConsents).get()).toMatchObject({ status: "revoked", revokedVia: "keyword" });
  });

  it("WhatsApp: offered for WhatsApp; STOP mid-flow revokes and keeps the screen; the qu word as a first message too", async () => {
    const t = await makeRegistryApp(whatsappEnv());
    let n = 0;
    const send = (text: string) => postWebhook(t.app, textWebhook({ id: `wamid.${++n}`, from: PHONE.slice(1), text, timestamp: t.clock.now() }));
    for (const text of ["hola", "1", "3", "1", DEMO.juntosActive.dni, "15/07/1988"]) await send(text);
    await send("3");
    const offered = await t.deps.db.select().from(noticeConsents).all();
    expect(offered).toEqual([]);
    await send("1");
    expect(await t.deps.db.select().from(noticeConsents).get()).toMatchObject({ channel: "whatsapp", address: PHONE, grantedVia: "whatsapp", textKey: "notices:offer.whatsapp" });
    // mid-flow (the complaints section), STOP: revoked, and the person is still where they were
    await send("MENU");
    await send("4");
    await send("STOP");
    expect(await t.deps.db.select().from(noticeConsents).get()).toMatchObject({ status: "revoked", revokedVia: "keyword" });
    const sessions = t.database.sqlite.prepare("select node from sessions order by updated_at desc limit 1").get() as { node: string };
    expect(sessions.node).toBe("complaints.start");
    // a new grant, then the Quechua word alone after a long silence (a first message)
    await grantConsent({ db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now }, { dni: DEMO.juntosActive.dni, channel: "whatsapp", address: PHONE, lang: "qu", via: "helpdesk", actor: "staff:1" });
    t.clock.advance(3 * 3_600_000);
    await send("sayay");
    expect(await t.deps.db.select().from(noticeConsents).get()).toMatchObject({ status: "revoked" });
  });

  it("the web chat knows no number: it says how to ask for notices from a phone, and stores nothing", async () => {
    const t = await makeRegistryApp();
    const web = new WebChat(t.app);
    await web.send({ lang: "es" });
    for (const choice of ["3", "1"]) await web.send({ choice });
    await web.send({ text: DEMO.juntosActive.dni });
    const menu = await web.send({ text: "15/07/1988" });
    expect(menu.reply.options.map((o) => o.label)).toContain("Avisos de pago");
    const screen = await web.press("Avisos de pago");
    expect(screen.reply.text).toContain("consulte sus pagos desde su celular");
    expect(screen.reply.options.map((o) => o.label)).not.toContain("Sí, avísenme");
    expect(await t.deps.db.select().from(noticeConsents).all()).toEqual([]);
  });

  it("a reply to a notice opens the payments after verifying again; long after, it is an ordinary message", async () => {
    const t = await makeRegistryApp(whatsappEnv());
    await t.deps.db.insert(notices).values({ id: "n1", kind: "payment_available", personKey: "dni:x", program: "juntos", period: "2026-12", channel: "whatsapp", address: PHONE, lang: "es", params: {}, status: "sent", createdAt: t.clock.now(), sentAt: t.clock.now(), sentDay: "2026-11-23" });
    let n = 0;
    const send = (text: string) => postWebhook(t.app, textWebhook({ id: `wamid.r${++n}`, from: PHONE.slice(1), text, timestamp: t.clock.now() }));
    await send("gracias, ¿dónde cobro?");
    const node = () => (t.database.sqlite.prepare("select node from sessions order by updated_at desc limit 1").get() as { node: string }).node;
    expect(node()).toBe("lookup.dni");
    await send(DEMO.juntosActive.dni);
    await send("15/07/1988");
    expect(node()).toBe("lookup.payments");
    const audit = (await t.deps.db.select().from(auditLog).all()).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["lookup.verify", "lookup.payments"]));
    // four days later (the conversation long gone): an ordinary first message
    t.clock.advance(4 * 86_400_000);
    await send("hola");
    expect(node()).not.toMatch(/^lookup\./);
  });
});
