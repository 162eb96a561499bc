import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadRoutingCatalog } from "../../../src/services/complaints/catalog";
import { changeWithHistory } from "../../../src/services/complaints/event-write";
import { auditLog, complaintEvents, complaints, outbox } from "../../../src/db/schema";
import { ComplaintConflictError, ComplaintNotFoundError, ComplaintValidationError, createComplaintsService, InvalidTransitionError } from "../../../src/services/complaints";
import { makeTestApp } from "../../helpers/app";
import { complaintBody } from "./factory";

async function filed(change: Parameters<typeof complaintBody>[0] = {}) {
  const t = makeTestApp();
  t.clock.set(Date.parse("2026-12-07T15:00:00Z"));
  const service = createComplaintsService({ db: t.deps.db, now: t.clock.now });
  const { complaint } = await service.file({ body: complaintBody(change), channel: "ussd", actor: "citizen:ussd" });
  return { ...t, service, code: complaint.code };
}

describe("changeComplaintStatus", () => {
  it("writes the history row, the new status and the message to the person in Quechua together", async () => {
    const { service, code, deps, clock } = await filed();
    clock.advance(3_600_000);
    await service.changeStatus({ code, to: "en_revision", actor: "staff:agent-1" });
    const answer = "Pagoykiqa huk p'unchawmanmi churakun.";
    const { complaint, outboxId } = await service.changeStatus({ code, to: "respondido", actor: "staff:agent-1", answer });
    expect(complaint).toMatchObject({ status: "respondido", answeredAt: clock.now() });

    const message = await deps.db.select().from(outbox).where(eq(outbox.id, outboxId!)).get();
    expect(message).toMatchObject({ channel: "sms", address: "+51987654321", lang: "qu", ref: `complaint:${code}` });
    expect(message!.body).toEqual([
      { key: "complaints:notify.status.respondido", params: { code } },
      { key: "complaints:notify.answer", params: { text: answer } },
    ]);
    const history = await deps.db.select().from(complaintEvents).all();
    expect(history.map((e) => [e.seq, e.fromStatus, e.toStatus, e.actor])).toEqual([
      [1, null, "registrado", "citizen:ussd"],
      [2, "registrado", "en_revision", "staff:agent-1"],
      [3, "en_revision", "respondido", "staff:agent-1"],
    ]);
    expect(history[2]).toMatchObject({ body: answer, outboxId });
    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.status")).all();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor: "staff:agent-1", subject: code, at: clock.now() });
  });

  it("refuses an impossible transition and an answer-less respondido, changing nothing", async () => {
    const { service, code, deps } = await filed();
    await expect(service.changeStatus({ code, to: "cerrado", actor: "staff:a" })).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(service.changeStatus({ code, to: "respondido", actor: "staff:a", answer: " " })).rejects.toBeInstanceOf(ComplaintValidationError);
    expect((await deps.db.select().from(complaints).get())!.status).toBe("registrado");
    expect(await deps.db.select().from(outbox).all()).toHaveLength(1); // only the confirmation
  });

  it("closes for good: cerrado and improcedente are final", async () => {
    const { service, code } = await filed();
    await service.changeStatus({ code, to: "improcedente", actor: "staff:a", answer: "No corresponde a MIDIS." });
    await expect(service.changeStatus({ code, to: "en_revision", actor: "staff:a" })).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it("sends nothing to a person who chose no answer, but keeps the history", async () => {
    const { service, code, deps } = await filed({ kind: "denuncia", category: "uso_politico", anonymous: true, contact: { channel: "none" } });
    const { outboxId } = await service.changeStatus({ code, to: "derivado", actor: "staff:sup" });
    expect(outboxId).toBeNull();
    expect(await deps.db.select().from(outbox).all()).toEqual([]);
    expect(await deps.db.select().from(complaintEvents).all()).toHaveLength(2);
  });

  it("lets one of two simultaneous changes win and refuses the other's stale transition", async () => {
    const { service, code, deps } = await filed();
    const results = await Promise.allSettled([
      service.changeStatus({ code, to: "respondido", actor: "staff:a", answer: "Respuesta A" }),
      service.changeStatus({ code, to: "respondido", actor: "staff:b", answer: "Respuesta B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(InvalidTransitionError); // re-read: respondido → respondido is not allowed
    expect(await deps.db.select().from(outbox).all()).toHaveLength(3); // confirmation + one answer + one satisfaction question
  });

  it("says 'not found' for an unknown code", async () => {
    const { service } = await filed();
    await expect(service.changeStatus({ code: "MO-2026-999999", to: "en_revision", actor: "staff:a" })).rejects.toBeInstanceOf(ComplaintNotFoundError);
  });

  it("gives up with a conflict when the history keeps moving under it", async () => {
    const { code, deps, database } = await filed();
    const complaint = (await deps.db.select().from(complaints).get())!;
    const ctx = { db: deps.db, now: deps.now!, catalog: loadRoutingCatalog() };
    let plans = 0;
    const attempt = changeWithHistory(ctx, code, (_c, now) => {
      plans += 1;
      // another staff member writes the next history row between our read and our write
      database.sqlite
        .prepare("insert into complaint_events (complaint_id, seq, at, actor, type, body) values (?, (select max(seq) + 1 from complaint_events where complaint_id = ?), ?, 'staff:x', 'note', 'x')")
        .run(complaint.id, complaint.id, now);
      return { event: { actor: "staff:a", type: "note", body: "mine" }, writes: [], result: "done" };
    });
    await expect(attempt).rejects.toBeInstanceOf(ComplaintConflictError);
    expect(plans).toBe(3);
    const mine = (await deps.db.select().from(complaintEvents).all()).filter((e) => e.body === "mine");
    expect(mine).toEqual([]);
  });
});

describe("assignComplaint and addInternalNote", () => {
  it("assigns, reassigns and notes, all in the history and the audit, nothing to the person", async () => {
    const { service, code, deps } = await filed();
    await service.assign({ code, assigneeId: "agent-1", actor: "staff:sup-1" });
    await service.assign({ code, assigneeId: "agent-2", actor: "staff:sup-1" });
    await service.addNote({ code, body: "Llamar a la ULE de Grau", actor: "staff:agent-2" });
    expect((await deps.db.select().from(complaints).get())!.assigneeId).toBe("agent-2");
    const history = await deps.db.select().from(complaintEvents).all();
    expect(history.map((e) => [e.type, e.assigneeId ?? e.body ?? e.toStatus])).toEqual([
      ["status", "registrado"],
      ["assignment", "agent-1"],
      ["assignment", "agent-2"],
      ["note", "Llamar a la ULE de Grau"],
    ]);
    const actions = (await deps.db.select().from(auditLog).all()).map((a) => a.action);
    expect(actions).toEqual(["complaint.file", "complaint.assign", "complaint.assign", "complaint.note"]);
    expect(await deps.db.select().from(outbox).all()).toHaveLength(1);
    await expect(service.addNote({ code, body: "", actor: "staff:a" })).rejects.toMatchObject({ field: "body" });
  });
});
