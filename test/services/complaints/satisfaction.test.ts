import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, complaints, complaintSatisfaction, outbox } from "../../../src/db/schema";
import { SATISFACTION_DELAY_MS } from "../../../src/services/complaints/satisfaction";
import { SATISFACTION_REPLY_WINDOW_MS } from "../../../src/services/complaints/satisfaction-reply";
import { parseSatisfactionReply } from "../../../src/domain/satisfaction";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, texter } from "../../helpers/sms";
import { complaintBody } from "./factory";
import { addStaff, StaffBrowser, TEST_ENV } from "../../helpers/staff";
import { countSegments, foldToGsm7 } from "../../../src/i18n/gsm7";
import { createTranslator } from "../../../src/i18n/translator";
import { LANGS } from "../../../src/i18n/langs";
import { renderSmsMessages, renderSmsReply } from "../../../src/channels/sms/render";

async function filed(change: Parameters<typeof complaintBody>[0] = {}) {
  const t = makeTestApp({ env: { ...SMS_ENV, ...TEST_ENV } });
  t.clock.set(Date.parse("2026-12-07T15:00:00Z"));
  const ctx = t.ctx();
  const service = ctx.services.complaints;
  const { complaint } = await service.file({ body: complaintBody(change), channel: "ussd", actor: "citizen:ussd" });
  return { ...t, service, code: complaint.code, id: complaint.id };
}

async function satisfactionMessages(db: ReturnType<typeof makeTestApp>["deps"]["db"], code: string) {
  return db.select().from(outbox).where(eq(outbox.ref, `satisfaction:${code}`)).all();
}

describe("the satisfaction question after an answer", () => {
  it("asks once per case, in the person's language, after the answer: answered, then closed, then a retried close", async () => {
    const t = await filed();
    const { service, code, deps, clock } = t;
    clock.advance(3_600_000);
    const answeredAt = clock.now();
    await service.changeStatus({ code, to: "respondido", actor: "staff:agent-1", answer: "Pagoykiqa churakunña." });
    clock.advance(60_000);
    await service.changeStatus({ code, to: "cerrado", actor: "staff:agent-1" });
    await expect(service.changeStatus({ code, to: "cerrado", actor: "staff:agent-1" })).rejects.toThrow();

    const asked = await satisfactionMessages(deps.db, code);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ channel: "sms", address: "+51987654321", lang: "qu", body: [{ key: "satisfaction:question", params: { code } }], nextAttemptAt: answeredAt + SATISFACTION_DELAY_MS });
    // the answer goes first: due at once, the question ten minutes later
    const answer = (await deps.db.select().from(outbox).where(eq(outbox.ref, `complaint:${code}`)).orderBy(asc(outbox.createdAt)).all()).find((m) => m.body.some((b) => b.key === "complaints:notify.answer"));
    expect(answer!.nextAttemptAt).toBeLessThan(asked[0].nextAttemptAt);
    const rows = await deps.db.select().from(complaintSatisfaction).all();
    expect(rows).toEqual([expect.objectContaining({ complaintId: t.id, outboxId: asked[0].id, askedAt: answeredAt, rating: null })]);
    expect((await deps.db.select().from(complaints).get())!.satisfactionAskedAt).toBe(answeredAt);
  });

  it("asks once when the case is reopened and answered again, and once across a bulk close", async () => {
    const { service, code, deps } = await filed();
    await service.changeStatus({ code, to: "respondido", actor: "staff:a", answer: "Respuesta uno" });
    await service.changeStatus({ code, to: "en_revision", actor: "staff:a" });
    await service.changeStatus({ code, to: "respondido", actor: "staff:a", answer: "Respuesta dos" });
    await service.bulkChange({ codes: [code], change: { status: "cerrado" }, actor: "staff:sup" });
    expect(await satisfactionMessages(deps.db, code)).toHaveLength(1);
  });

  it("asks once when two staff answer the same case at the same moment", async () => {
    const { service, code, deps } = await filed();
    await Promise.allSettled([
      service.changeStatus({ code, to: "improcedente", actor: "staff:a", answer: "No corresponde" }),
      service.changeStatus({ code, to: "respondido", actor: "staff:b", answer: "Respuesta B" }),
    ]);
    expect(await satisfactionMessages(deps.db, code)).toHaveLength(1);
    expect(await deps.db.select().from(complaintSatisfaction).all()).toHaveLength(1);
  });

  it("never asks an anonymous denuncia, nor a person who gave no phone", async () => {
    const anonymous = await filed({ kind: "denuncia", category: "uso_politico", anonymous: true, contact: { channel: "sms", address: "987654321" } });
    await anonymous.service.changeStatus({ code: anonymous.code, to: "respondido", actor: "staff:sup", answer: "Se derivó a la OCI." });
    expect(await satisfactionMessages(anonymous.deps.db, anonymous.code)).toEqual([]);
    expect(await anonymous.deps.db.select().from(complaintSatisfaction).all()).toEqual([]);

    const desk = await filed({ contact: { channel: "desk" } });
    await desk.service.changeStatus({ code: desk.code, to: "respondido", actor: "staff:a", answer: "Acérquese a la oficina." });
    expect(await desk.deps.db.select().from(complaintSatisfaction).all()).toEqual([]);
  });

  it("does not ask before an answer (derivado, en_revision)", async () => {
    const { service, code, deps } = await filed();
    await service.changeStatus({ code, to: "derivado", actor: "staff:a" });
    expect(await satisfactionMessages(deps.db, code)).toEqual([]);
  });
});

describe("the reply to the question", () => {
  it("stores '2 demoraron' sent by SMS with the case, thanks in the case's language, and audits it", async () => {
    const t = await filed();
    await t.service.changeStatus({ code: t.code, to: "respondido", actor: "staff:a", answer: "Respuesta" });
    t.clock.advance(2 * 3_600_000);
    const reply = await texter(t.app).send("2 demoraron mucho");
    expect(reply).toContain("Añay");
    const row = await t.deps.db.select().from(complaintSatisfaction).get();
    expect(row).toMatchObject({ rating: "regular", comment: "demoraron mucho", answeredAt: t.clock.now() });
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.satisfaction")).all();
    expect(audit).toEqual([expect.objectContaining({ subject: t.code, outcome: "regular", actor: "citizen:sms" })]);
    expect(JSON.stringify(audit)).not.toContain("987654321");

    // a second reply after the conversation went idle: the first answer stays, the "1" is a menu choice
    t.clock.advance(3_600_000);
    await texter(t.app).send("1");
    expect((await t.deps.db.select().from(complaintSatisfaction).get())!.rating).toBe("regular");
  });

  it("takes a bare digit as the rating", async () => {
    const t = await filed({ lang: "es" });
    await t.service.changeStatus({ code: t.code, to: "respondido", actor: "staff:a", answer: "Respuesta" });
    t.clock.advance(60 * 60_000);
    expect(await texter(t.app).send("3")).toContain("Gracias por su respuesta");
    expect(await t.deps.db.select().from(complaintSatisfaction).get()).toMatchObject({ rating: "mal", comment: null });
  });

  it("ignores a rating from another phone, and one after the reply window", async () => {
    const t = await filed({ lang: "es" });
    await t.service.changeStatus({ code: t.code, to: "respondido", actor: "staff:a", answer: "Respuesta" });
    t.clock.advance(60 * 60_000);
    const other = await texter(t.app, "+51911222333").send("1");
    expect(other).not.toContain("Gracias por su respuesta");
    t.clock.advance(SATISFACTION_REPLY_WINDOW_MS);
    await texter(t.app).send("1");
    expect((await t.deps.db.select().from(complaintSatisfaction).get())!.rating).toBeNull();
  });
});

describe("parseSatisfactionReply", () => {
  it.each([
    ["1", { rating: "bien", comment: null }],
    [" 2 demoraron ", { rating: "regular", comment: "demoraron" }],
    ["3. mal trato", { rating: "mal", comment: "mal trato" }],
    ["1,gracias", { rating: "bien", comment: "gracias" }],
    ["12", null],
    ["4", null],
    ["hola", null],
    ["2026", null],
  ])("%j", (text, expected) => {
    expect(parseSatisfactionReply(text)).toEqual(expected);
  });
});

describe("the question's texts", () => {
  const i18n = createTranslator();
  it.each(LANGS)("fit one SMS segment in GSM-7, and the reply screen fits a USSD screen (%s)", async (lang) => {
    const question = foldToGsm7(renderSmsMessages(lang, [{ key: "satisfaction:question", params: { code: "MO-2026-999999" } }], i18n));
    expect(countSegments(question)).toMatchObject({ encoding: "GSM-7", segments: 1 });
    expect(question).toMatch(/1 \S+.*2 \S+.*3 \S+/);
    const thanks = foldToGsm7(renderSmsMessages(lang, [{ key: "satisfaction:thanks" }], i18n));
    expect(countSegments(thanks).segments).toBe(1);
    // the screen shown when a reply is not a rating: the prompt and the three choices
    const screen = renderSmsReply(
      { lang, messages: [{ key: "satisfaction:prompt" }], options: ["bien", "regular", "mal"].map((r, i) => ({ id: String(i + 1), label: { key: `satisfaction:rating.${r}` } })), input: "choice", nav: { more: false, back: true, home: true }, end: false },
      i18n,
    );
    expect(foldToGsm7(screen).length + 4).toBeLessThanOrEqual(182);
  });
});

describe("the dashboard", () => {
  it("shows the answers per program, queue and agent", async () => {
    const t = await filed({ lang: "es" });
    const agent = await addStaff(t.deps, "quality_agent", "ana@orienta.test");
    await t.service.assign({ code: t.code, assigneeId: agent.id, actor: "staff:sup" });
    await t.service.changeStatus({ code: t.code, to: "respondido", actor: `staff:${agent.id}`, answer: "Respuesta" });
    const second = await t.service.file({ body: complaintBody({ lang: "es", contact: { channel: "sms", address: "911222333" } }), channel: "sms", actor: "citizen:sms" });
    await t.service.changeStatus({ code: second.complaint.code, to: "respondido", actor: "staff:sup", answer: "Otra" });
    t.clock.advance(60 * 60_000);
    await texter(t.app).send("1");

    const browser = new StaffBrowser(t.app);
    await browser.login(agent.email, agent.password);
    const html = await (await browser.get("/staff/dashboard")).text();
    const table = (id: string) => new RegExp(`id="${id}"[^]*?</table>`).exec(html)![0].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(table("s-program")).toContain("Juntos 2 1 (50 %) 1 (100 %) 0 (0 %) 0 (0 %)");
    expect(table("s-agent")).toContain("quality_agent test 1 1 (100 %) 1 (100 %)");
    expect(table("s-agent")).toContain("Sin asignar 1 0 (0 %)");
    expect(table("s-queue")).toMatch(/ 2 1 \(50 %\)/);
  });
});
