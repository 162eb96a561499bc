import { describe, expect, it } from "vitest";
import { auditLog } from "../../../src/db/schema";
import { canSeeReporter, createComplaintsService, STAFF_ROLES } from "../../../src/services/complaints";
import { makeTestApp } from "../../helpers/app";
import { complaintBody } from "./factory";

async function queueOfFour() {
  const t = makeTestApp();
  t.clock.set(Date.parse("2026-12-07T15:00:00Z"));
  const service = createComplaintsService({ db: t.deps.db, now: t.clock.now });
  const file = async (change: Parameters<typeof complaintBody>[0]) => (await service.file({ body: complaintBody(change), channel: "api", actor: "api" })).complaint;
  const payment = await file({}); // payments, 30 days, Apurímac
  t.clock.advance(86_400_000);
  const food = await file({ program: "pae", category: "alimentos", urgent: true, ubigeo: "200101" }); // urgent, Piura
  const report = await file({ kind: "denuncia", category: "cobro_indebido", anonymous: true, contact: { channel: "none" }, ubigeo: "150101" });
  const question = await file({ kind: "consulta", category: "informacion", program: "pension65", reporter: undefined, contact: { channel: "none" } });
  return { ...t, service, payment, food, report, question };
}

describe("listComplaints", () => {
  it("puts urgent cases on top, then the soonest deadline", async () => {
    const { service, payment, food, report, question } = await queueOfFour();
    const { rows, total } = await service.list();
    expect(total).toBe(4);
    expect(rows.map((r) => r.code)).toEqual([food.code, question.code, payment.code, report.code]);
    expect(question.deadline < payment.deadline).toBe(true);
  });

  it("filters by status, queue, program, region, assignee and overdue", async () => {
    const { service, payment, food, report, question, clock } = await queueOfFour();
    await service.assign({ code: payment.code, assigneeId: "agent-1", actor: "staff:sup" });
    await service.changeStatus({ code: question.code, to: "respondido", actor: "staff:agent-1", answer: "Informe en la Línea 101." });
    const codes = async (input: Parameters<typeof service.list>[0]) => (await service.list(input)).rows.map((r) => r.code);
    expect(await codes({ queue: "integrity" })).toEqual([report.code]);
    expect(await codes({ program: "pae" })).toEqual([food.code]);
    expect(await codes({ region: "15" })).toEqual([report.code]);
    expect(await codes({ assigneeId: "agent-1" })).toEqual([payment.code]);
    expect(await codes({ assigneeId: null })).toHaveLength(3);
    expect(await codes({ status: "respondido" })).toEqual([question.code]);
    expect(await codes({ status: ["registrado", "en_revision"], kind: "reclamo" })).toEqual([food.code, payment.code]);
    expect(await codes({ overdue: true })).toEqual([]);
    // the food case's deadline (one business day) passes; the answered question does not count
    clock.set(Date.parse("2026-12-15T15:00:00Z"));
    expect(await codes({ overdue: true })).toEqual([food.code]);
    expect((await service.list({ limit: 2, offset: 2 })).rows).toHaveLength(2);
  });
});

describe("who may see the reporter", () => {
  const reclamo = { kind: "reclamo" as const, confidential: false, anonymous: false };
  const denuncia = { kind: "denuncia" as const, confidential: true, anonymous: false };
  const anonymous = { kind: "denuncia" as const, confidential: false, anonymous: true };

  it.each(STAFF_ROLES.map((role) => [role]))("%s", (role) => {
    const expected = {
      quality_agent: [true, false, false],
      quality_supervisor: [true, true, false],
      admin: [true, false, false],
      helpdesk: [false, false, false],
      voice_editor: [false, false, false],
    }[role];
    expect([canSeeReporter(role, reclamo), canSeeReporter(role, denuncia), canSeeReporter(role, anonymous)]).toEqual(expected);
  });

  it("hides a confidential reporter and the answer phone from an agent's view of the page, shows them to a supervisor, and audits both views", async () => {
    const t = makeTestApp();
    const service = createComplaintsService({ db: t.deps.db, now: t.clock.now });
    const { complaint } = await service.file({
      body: complaintBody({ kind: "denuncia", category: "cobro_indebido", confidential: true }),
      channel: "ussd",
      actor: "citizen:ussd",
    });
    const agentView = await service.detail(complaint.code, { id: "agent-1", role: "quality_agent" });
    expect(agentView).toMatchObject({ reporter: undefined, reporterHidden: true, complaint: { contactAddress: null } });
    expect(JSON.stringify(agentView)).not.toContain("12345678");
    expect(JSON.stringify(agentView)).not.toContain("987654321");
    expect(agentView.events).toHaveLength(1);
    expect(agentView.messages).toMatchObject([{ channel: "sms", status: "pending" }]);

    const supervisorView = await service.detail(complaint.code, { id: "sup-1", role: "quality_supervisor" });
    expect(supervisorView.reporter).toMatchObject({ dni: "12345678", name: "Rosa Quispe" });
    expect(supervisorView.complaint.contactAddress).toBe("+51987654321");

    const views = (await t.deps.db.select().from(auditLog).all()).filter((a) => a.action === "complaint.view");
    expect(views.map((v) => [v.actor, v.outcome])).toEqual([
      ["staff:agent-1", "identity_hidden"],
      ["staff:sup-1", "identity_shown"],
    ]);
  });
});
