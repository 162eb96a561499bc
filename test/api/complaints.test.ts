import { describe, expect, it } from "vitest";
import { auditLog, complaints, outbox } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { reclamoBody as reclamo } from "../helpers/complaints";


function post(app: ReturnType<typeof makeTestApp>["app"], body: unknown, headers: Record<string, string> = {}) {
  return app.request("/api/v1/complaints", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("POST /api/v1/complaints", () => {
  it("files a reclamo: 201 with code, status and deadline", async () => {
    const { app, deps } = makeTestApp();
    const res = await post(app, reclamo);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ code: "MO-2026-000001", status: "registrado", deadline: "2027-01-08" });
    expect(await deps.db.select().from(outbox).all()).toHaveLength(1);
    expect((await deps.db.select().from(auditLog).all()).map((a) => [a.actor, a.action])).toEqual([["api", "complaint.file"]]);
  });

  it("answers the same Idempotency-Key with the same complaint, not a second one", async () => {
    const { app, deps } = makeTestApp();
    const key = { "Idempotency-Key": "5f0c7a3e-1b2d-4c8e-9f00-aa11bb22cc33" };
    const first = await post(app, reclamo, key);
    const again = await post(app, reclamo, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await deps.db.select().from(complaints).all()).toHaveLength(1);
    expect(await deps.db.select().from(outbox).all()).toHaveLength(1);

    const other = await post(app, { ...reclamo, description: "Otro caso" }, key);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: "idempotency_key_reused", field: "Idempotency-Key" });
    expect((await (await post(app, reclamo, { "Idempotency-Key": "otra" })).json()).code).toBe("MO-2026-000002");
  });

  it("files an anonymous denuncia: 201, no identity kept", async () => {
    const { app, deps } = makeTestApp();
    const res = await post(app, { kind: "denuncia", program: "juntos", category: "cobro_indebido", description: "Un señor cobra 50 soles para inscribir en Juntos", ubigeo: "220501", anonymous: true, contact: { channel: "none" } });
    expect(res.status).toBe(201);
    expect((await res.json()).status).toBe("registrado");
    expect((await deps.db.select().from(complaints).get())!.queue).toBe("integrity");
  });

  it.each<[string, unknown, string]>([
    ["a reclamo without a DNI", { ...reclamo, reporter: { ...reclamo.reporter, dni: null } }, "reporter.dni"],
    ["a reclamo without any reporter", { ...reclamo, reporter: undefined }, "reporter.dni"],
    ["a reclamo without a way to answer", { ...reclamo, contact: { channel: "none" }, reporter: { dni: "12345678" } }, "contact.channel"],
    ["a reclamo with no contact at all", { ...reclamo, contact: undefined, reporter: { dni: "12345678" } }, "contact.channel"],
    ["an unknown channel", { ...reclamo, contact: { channel: "fax", address: "1" } }, "contact.channel"],
    ["a DNI of 7 digits", { ...reclamo, reporter: { dni: "1234567" } }, "reporter.dni"],
    ["a district that does not exist", { ...reclamo, ubigeo: "999999" }, "ubigeo"],
    ["a missing kind", { ...reclamo, kind: undefined }, "kind"],
    ["a bad birth date", { ...reclamo, reporter: { ...reclamo.reporter, birthDate: "21/04/1950" } }, "reporter.birthDate"],
    ["a birth date that does not exist (month 13)", { ...reclamo, reporter: { ...reclamo.reporter, birthDate: "1950-13-45" } }, "reporter.birthDate"],
    ["a birth date that does not exist (29 Feb 2001)", { ...reclamo, reporter: { ...reclamo.reporter, birthDate: "2001-02-29" } }, "reporter.birthDate"],
    ["a bad e-mail", { ...reclamo, reporter: { ...reclamo.reporter, email: "juan@" } }, "reporter.email"],
    ["a JSON array", [reclamo], "body"],
    ["broken JSON", "{\"kind\": ", "body"],
  ])("refuses %s with 400 naming the field", async (_label, body, field) => {
    const { app, deps } = makeTestApp();
    const res = await post(app, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request", field });
    expect(await deps.db.select().from(complaints).all()).toEqual([]);
  });

  it("refuses a malformed Idempotency-Key", async () => {
    const { app } = makeTestApp();
    const res = await post(app, reclamo, { "Idempotency-Key": "x".repeat(201) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "Idempotency-Key" });
  });
});

describe("GET /api/v1/complaints/{code}", () => {
  it("shows the status and nothing personal", async () => {
    const { app } = makeTestApp();
    await post(app, reclamo);
    const res = await app.request("/api/v1/complaints/MO-2026-000001");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ code: "MO-2026-000001", status: "registrado", deadline: "2027-01-08", updatedAt: "2026-11-23T15:00:00.000Z" });
    const text = JSON.stringify(body);
    for (const personal of ["12345678", "987654321", "Juan", "cobré", "030101"]) expect(text).not.toContain(personal);
  });

  it("answers 404 for an unknown or malformed code", async () => {
    const { app } = makeTestApp();
    expect((await app.request("/api/v1/complaints/MO-2026-000999")).status).toBe(404);
    expect((await app.request("/api/v1/complaints/nada")).status).toBe(404);
  });
});

describe("GET /api/v1/complaints/categories", () => {
  it("lists kinds, programs and categories with labels in the asked language", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/api/v1/complaints/categories?lang=qu");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lang).toBe("qu");
    expect(body.kinds.map((k: { code: string }) => k.code)).toEqual(["reclamo", "denuncia", "consulta", "sugerencia"]);
    const denuncia = body.kinds.find((k: { code: string }) => k.code === "denuncia");
    expect(denuncia).toMatchObject({ anonymousAllowed: true, identityRequired: false });
    expect(denuncia.categories).toContainEqual({ code: "cobro_indebido", label: "Qullqita mañakunku", mayBeUrgent: false });
    expect(body.programs).toContainEqual({ code: "pension65", label: "Pensión 65" });
  });

  it("defaults to Spanish and refuses an unknown language", async () => {
    const { app } = makeTestApp();
    const es = await (await app.request("/api/v1/complaints/categories")).json();
    expect(es.kinds[0].categories[0]).toEqual({ code: "pago_no_recibido", label: "No recibí mi pago", mayBeUrgent: false });
    const bad = await app.request("/api/v1/complaints/categories?lang=fr");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "lang" });
  });
});
