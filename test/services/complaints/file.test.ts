import { describe, expect, it } from "vitest";
import { auditLog, complaintEvents, complaintReporters, complaints, outbox } from "../../../src/db/schema";
import { createComplaintsService, ComplaintValidationError, IdempotencyMismatchError } from "../../../src/services/complaints";
import { makeTestApp } from "../../helpers/app";
import { complaintBody } from "./factory";

function setup(start = Date.parse("2026-12-07T15:00:00Z")) {
  const t = makeTestApp();
  t.clock.set(start);
  return { ...t, complaints: createComplaintsService({ db: t.deps.db, now: t.clock.now }) };
}

describe("fileComplaint", () => {
  it("registers a reclamo with a code, a queue and a deadline, and tells the person in their language", async () => {
    const { complaints: service, deps } = setup();
    const { complaint } = await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" });
    expect(complaint).toMatchObject({ code: "MO-2026-000001", status: "registrado", queue: "payments", region: "03", deadline: "2027-01-22", lang: "qu", contactAddress: "+51987654321" });

    const [message] = await deps.db.select().from(outbox).all();
    expect(message).toMatchObject({ channel: "sms", address: "+51987654321", lang: "qu", ref: "complaint:MO-2026-000001", status: "pending" });
    expect(message.body).toEqual([{ key: "complaints:notify.filed", params: { code: "MO-2026-000001", deadline: "22/01/2027" } }]);

    const history = await deps.db.select().from(complaintEvents).all();
    expect(history).toMatchObject([{ seq: 1, type: "status", toStatus: "registrado", outboxId: message.id }]);
    const audit = await deps.db.select().from(auditLog).all();
    expect(audit).toMatchObject([{ action: "complaint.file", subject: "MO-2026-000001", actor: "citizen:ussd" }]);
    expect(JSON.stringify(audit)).not.toContain("12345678");
  });

  it("keeps the reporter apart from the complaint", async () => {
    const { complaints: service, deps } = setup();
    const { complaint } = await service.file({ body: complaintBody(), channel: "api", actor: "api" });
    expect(JSON.stringify(complaint)).not.toContain("12345678");
    const reporter = await deps.db.select().from(complaintReporters).get();
    expect(reporter).toMatchObject({ complaintId: complaint.id, dni: "12345678", name: "Rosa Quispe", phone: "+51987654321" });
  });

  it("numbers complaints one after another per year, also when filed at the same moment", async () => {
    const { complaints: service } = setup();
    const filed = await Promise.all(Array.from({ length: 12 }, () => service.file({ body: complaintBody(), channel: "api", actor: "api" })));
    const codes = filed.map((f) => f.complaint.code).sort();
    expect(codes).toEqual(Array.from({ length: 12 }, (_, i) => `MO-2026-${String(i + 1).padStart(6, "0")}`));
  });

  it("starts again at 000001 in a new year (Lima time)", async () => {
    const { complaints: service, clock } = setup(Date.parse("2027-01-01T04:59:00Z")); // 31 Dec 23:59 in Lima
    expect((await service.file({ body: complaintBody(), channel: "api", actor: "api" })).complaint.code).toBe("MO-2026-000001");
    clock.set(Date.parse("2027-01-01T05:00:00Z"));
    expect((await service.file({ body: complaintBody(), channel: "api", actor: "api" })).complaint.code).toBe("MO-2027-000001");
  });

  it("returns the same complaint for the same Idempotency-Key, and refuses the key for another body", async () => {
    const { complaints: service, deps } = setup();
    const first = await service.file({ body: complaintBody(), channel: "api", actor: "api", idempotencyKey: "api:k1" });
    const again = await service.file({ body: complaintBody(), channel: "api", actor: "api", idempotencyKey: "api:k1" });
    expect(again).toMatchObject({ replayed: true, complaint: { code: first.complaint.code } });
    const both = await Promise.all([1, 2, 3].map(() => service.file({ body: complaintBody(), channel: "api", actor: "api", idempotencyKey: "api:k2" })));
    expect(new Set(both.map((b) => b.complaint.code)).size).toBe(1);
    expect(await deps.db.select().from(complaints).all()).toHaveLength(2);
    expect(await deps.db.select().from(outbox).all()).toHaveLength(2);
    await expect(service.file({ body: complaintBody({ description: "otra cosa" }), channel: "api", actor: "api", idempotencyKey: "api:k1" })).rejects.toBeInstanceOf(IdempotencyMismatchError);
  });

  it("files an anonymous denuncia into the integrity queue without any identity", async () => {
    const { complaints: service, deps } = setup();
    const { complaint } = await service.file({
      body: complaintBody({ kind: "denuncia", category: "cobro_indebido", anonymous: true, contact: { channel: "none" } }),
      channel: "api",
      actor: "api",
    });
    expect(complaint).toMatchObject({ queue: "integrity", anonymous: true, contactAddress: null });
    expect(await deps.db.select().from(complaintReporters).all()).toEqual([]);
    expect(await deps.db.select().from(outbox).all()).toEqual([]);
  });

  it.each<[string, Parameters<typeof complaintBody>[0], string]>([
    ["a reclamo without a DNI", { reporter: { name: "Rosa" } }, "reporter.dni"],
    ["a reclamo without a way to answer", { contact: { channel: "none" } }, "contact.channel"],
    ["an SMS answer without a phone", { reporter: { dni: "12345678" }, contact: { channel: "sms" } }, "contact.address"],
    ["a bad phone", { contact: { channel: "whatsapp", address: "123" } }, "contact.address"],
    ["a category of another kind", { category: "cobro_indebido" }, "category"],
    ["an unknown program", { program: "vaso_de_leche" }, "program"],
    ["a bad ubigeo", { ubigeo: "3601" }, "ubigeo"],
    ["an empty description", { description: "  " }, "description"],
    ["an anonymous reclamo", { anonymous: true }, "anonymous"],
    ["an unknown kind", { kind: "queja" as never }, "kind"],
  ])("refuses %s, naming the field", async (_label, change, field) => {
    const { complaints: service, deps } = setup();
    const error = await service.file({ body: complaintBody(change), channel: "api", actor: "api" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComplaintValidationError);
    expect((error as ComplaintValidationError).field).toBe(field);
    expect(await deps.db.select().from(complaints).all()).toEqual([]);
  });

  it("accepts a reclamo answered by e-mail only", async () => {
    const { complaints: service } = setup();
    const { complaint } = await service.file({ body: complaintBody({ reporter: { dni: "12345678", email: "rosa@example.pe" }, contact: { channel: "none" } }), channel: "web", actor: "citizen:web" });
    expect(complaint.contactChannel).toBe("none");
  });

  it("alerts the on-call supervisor by SMS in the same write when an urgent case is filed, and only then", async () => {
    const t = setup();
    const service = createComplaintsService({ db: t.deps.db, now: t.clock.now, urgentAlertPhone: "+51999888777" });
    await service.file({ body: complaintBody(), channel: "ussd", actor: "citizen:ussd" });
    const { complaint } = await service.file({ body: complaintBody({ program: "pae", category: "alimentos", urgent: true }), channel: "ussd", actor: "citizen:ussd" });
    const alerts = (await t.deps.db.select().from(outbox).all()).filter((m) => m.address === "+51999888777");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ channel: "sms", lang: "es", ref: "urgent-alert", nextAttemptAt: t.clock.now() });
    expect(alerts[0].body).toEqual([{ key: "complaints:notify.urgent_alerts", params: { count: 1, code: complaint.code, deadline: "10/12/2026" } }]);
  });

  it("checks the district when a directory is given", async () => {
    const t = setup();
    const strict = createComplaintsService({ db: t.deps.db, now: t.clock.now, districtExists: (u) => u === "030601" });
    await expect(strict.file({ body: complaintBody({ ubigeo: "999999" }), channel: "api", actor: "api" })).rejects.toMatchObject({ field: "ubigeo" });
    await expect(strict.file({ body: complaintBody(), channel: "api", actor: "api" })).resolves.toBeTruthy();
  });
});
