import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { enrolments, notices, outbox, payments, registryChanges } from "../../../src/db/schema";
import { createKeyedHash } from "../../../src/services/lookups/keyed-hash";
import { grantConsent, revokeConsent } from "../../../src/services/notices/consent";
import { DEMO, makeRegistryApp } from "../../helpers/registry";

// db/demo/payments.csv: Juntos (23456789) 2026-12 opens 2026-12-14 and closes 2027-01-31;
// Pensión 65 (12345678) 2026-11 is open until 2026-12-31.
const PHONE = "+51976543210";
const OTHER = "+51911222333";
/** an instant given as Lima wall time (UTC−5) */
const lima = (local: string) => Date.parse(`${local}-05:00`);

async function setup(env: Record<string, string> = {}) {
  const t = await makeRegistryApp(env);
  const ctx = t.ctx();
  const deps = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
  const grant = (dni: string, channel: "sms" | "whatsapp", address: string, lang: "es" | "qu" | "ay" = "es") =>
    grantConsent(deps, { dni, channel, address, lang, via: "ussd", actor: "citizen:ussd" });
  const run = (local: string) => ctx.runNotices({ now: lima(local) });
  const sentRows = () => t.deps.db.select().from(outbox).where(sql`${outbox.ref} like 'notice:%'`).all();
  return { t, ctx, deps, grant, run, sentRows };
}

describe("payment notices job", () => {
  it("payment_available once on the opening day, one per consenting number, across repeated and overlapping runs", async () => {
    const { grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE, "es");
    await grant(DEMO.juntosActive.dni, "whatsapp", OTHER, "qu");
    // the day before: nothing
    expect((await run("2026-12-13T09:00")).found.payment_available).toBe(0);
    const first = await run("2026-12-14T08:00");
    expect(first.found.payment_available).toBe(2);
    expect(first.sent.sent).toBe(2);
    await Promise.all([run("2026-12-14T08:15"), run("2026-12-14T08:15"), run("2026-12-14T10:00")]);
    const rows = await sentRows();
    expect(rows.map((r) => [r.channel, r.address, r.lang]).sort()).toEqual([["sms", PHONE, "es"], ["whatsapp", OTHER, "qu"]]);
    expect(rows[0].body).toEqual([{ key: "notices:payment_available", params: { program: "juntos", amount: "200", from: "14/12/2026", until: "31/01/2027", place: "Agente Multired de la plaza de armas" } }]);
    // no name, no DNI in what is sent
    expect(JSON.stringify(rows)).not.toMatch(/23456789|ROSA|MAMANI/);
  });

  it("nothing without consent", async () => {
    const { run, sentRows } = await setup();
    const report = await run("2026-12-14T08:00");
    expect(report.found.payment_available).toBe(0);
    expect(await sentRows()).toEqual([]);
  });

  it("quiet hours (20–07 Lima): found at night, held, sent in the morning", async () => {
    const { t, grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    const night = await run("2026-12-14T01:30");
    expect(night.found.payment_available).toBe(1);
    expect(night.sent).toMatchObject({ sent: 0, heldQuiet: 1 });
    expect(await sentRows()).toEqual([]);
    expect((await t.deps.db.select().from(notices).get())?.held).toBe("quiet");
    expect((await run("2026-12-14T06:59")).sent.sent).toBe(0);
    expect((await run("2026-12-14T07:00")).sent.sent).toBe(1);
    expect(await sentRows()).toHaveLength(1);
  });

  it("the daily cap: the rest carried over to the next day, in the order found", async () => {
    const { t, grant, run, sentRows } = await setup({ NOTICES_DAILY_LIMIT: "1" });
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    await grant(DEMO.juntosActive.dni, "whatsapp", OTHER);
    const day = await run("2026-12-14T08:00");
    expect(day.sent).toMatchObject({ sent: 1, heldCap: 1 });
    expect((await run("2026-12-14T15:00")).sent).toMatchObject({ sent: 0, heldCap: 1 });
    const firstAddress = (await sentRows())[0].address;
    const next = await run("2026-12-15T08:00");
    expect(next.sent).toMatchObject({ sent: 1, heldCap: 0 });
    const rows = await t.deps.db.select().from(notices).orderBy(notices.createdAt, sql`rowid`).all();
    expect(rows.map((r) => [r.address, r.sentDay])).toEqual([
      [firstAddress, "2026-12-14"],
      [firstAddress === PHONE ? OTHER : PHONE, "2026-12-15"],
    ]);
  });

  it("revocation is effective at once: a notice held for the morning is not sent", async () => {
    const { t, deps, grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    await run("2026-12-14T05:00");
    await revokeConsent(deps, { address: PHONE, via: "keyword", actor: "citizen:sms" });
    const morning = await run("2026-12-14T08:00");
    expect(morning.sent).toMatchObject({ sent: 0, cancelled: 1 });
    expect(await sentRows()).toEqual([]);
    expect((await t.deps.db.select().from(notices).get())?.status).toBe("cancelled");
    // and nothing new is found for a revoked consent
    expect((await run("2026-12-14T09:00")).found.payment_available).toBe(0);
  });

  it("payment_reminder NOTICES_REMINDER_DAYS before the window closes, only while not collected", async () => {
    const { t, grant, run, sentRows } = await setup({ NOTICES_REMINDER_DAYS: "5" });
    await grant(DEMO.pension65Available.dni, "sms", PHONE);
    expect((await run("2026-12-25T09:00")).found.payment_reminder).toBe(0);
    expect((await run("2026-12-26T09:00")).found.payment_reminder).toBe(1);
    await run("2026-12-26T12:00");
    const rows = await sentRows();
    expect(rows.map((r) => r.body[0].key)).toEqual(["notices:payment_reminder"]);
    expect(rows[0].body[0].params).toMatchObject({ program: "pension65", amount: "350", until: "31/12/2026" });
    // collected: no reminder for the same payment's sibling kinds or anyone else
    const { t: t2, grant: grant2, run: run2 } = await setup();
    await grant2(DEMO.pension65Available.dni, "sms", PHONE);
    await t2.deps.db.update(payments).set({ status: "cobrado" }).where(eq(payments.dni, DEMO.pension65Available.dni));
    expect((await run2("2026-12-26T09:00")).found.payment_reminder).toBe(0);
    expect(t).toBeTruthy();
  });

  it("status_changed after an import changes an enrolment's status: the reason in plain words, once", async () => {
    const { t, grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE, "ay");
    // the importer's upsert is an UPDATE: the trigger records it as any UPDATE does
    await t.deps.db.update(enrolments).set({ status: "suspendido", since: "2026-12-10", statusReason: "cse_vencida" }).where(eq(enrolments.dni, DEMO.juntosActive.dni));
    // a write that changes nothing is no change
    await t.deps.db.update(enrolments).set({ status: "suspendido" }).where(eq(enrolments.dni, DEMO.juntosActive.dni));
    expect(await t.deps.db.select().from(registryChanges).all()).toHaveLength(1);
    const report = await run("2026-12-10T10:00");
    expect(report.found.status_changed).toBe(1);
    await run("2026-12-10T11:00");
    const rows = await sentRows();
    expect(rows.map((r) => [r.lang, r.body])).toEqual([["ay", [{ key: "notices:status.suspendido", params: { program: "juntos", status: "suspendido", reason: "cse_vencida" } }]]]);
    expect(await t.deps.db.select().from(registryChanges).all()).toEqual([]);
    // reactivated: one more, its own
    await t.deps.db.update(enrolments).set({ status: "activo", since: "2026-12-20", statusReason: null }).where(eq(enrolments.dni, DEMO.juntosActive.dni));
    await run("2026-12-20T10:00");
    expect((await sentRows()).map((r) => r.body[0].key).sort()).toEqual(["notices:status.activo", "notices:status.suspendido"]);
  });

  it("a schedule import that moves a window after its notice went: one correction notice, once", async () => {
    const { t, grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    await run("2026-12-14T08:00");
    const juntos = and(eq(payments.dni, DEMO.juntosActive.dni), eq(payments.period, "2026-12"));
    await t.deps.db.update(payments).set({ availableFrom: "2026-12-16", availableUntil: "2027-02-05" }).where(juntos);
    const report = await run("2026-12-14T09:00");
    expect(report.found.payment_corrected).toBe(1);
    // moved again: no second correction
    await t.deps.db.update(payments).set({ availableUntil: "2027-02-06" }).where(juntos);
    expect((await run("2026-12-14T10:00")).found.payment_corrected).toBe(1);
    const rows = await sentRows();
    expect(rows.map((r) => r.body[0].key)).toEqual(["notices:payment_available", "notices:payment_corrected"]);
    expect(rows[1].body[0].params).toMatchObject({ from: "16/12/2026", until: "05/02/2027" });
  });

  it("a window moved before its notice went: the held notice says the new dates, no correction", async () => {
    const { t, grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    await run("2026-12-14T02:00");
    await t.deps.db.update(payments).set({ availableUntil: "2027-02-10" }).where(eq(payments.dni, DEMO.juntosActive.dni));
    const morning = await run("2026-12-14T08:00");
    expect(morning.found.payment_corrected).toBe(0);
    const rows = await sentRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].body[0].params).toMatchObject({ until: "10/02/2027" });
  });

  it("a payment without a known place: the text that says where to ask", async () => {
    const { t, grant, run, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    await t.deps.db.update(payments).set({ paymentPoint: null }).where(eq(payments.dni, DEMO.juntosActive.dni));
    await run("2026-12-14T08:00");
    expect((await sentRows()).map((r) => r.body[0].key)).toEqual(["notices:payment_available_noplace"]);
  });

  it("--dry-run writes nothing", async () => {
    const { t, ctx, grant, sentRows } = await setup();
    await grant(DEMO.juntosActive.dni, "sms", PHONE);
    const report = await ctx.runNotices({ now: lima("2026-12-14T08:00"), dryRun: true });
    expect(report.found.payment_available).toBe(1);
    expect(await t.deps.db.select().from(notices).all()).toEqual([]);
    expect(await sentRows()).toEqual([]);
  });
});
