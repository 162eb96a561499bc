import { describe, expect, it } from "vitest";
import { makeRegistryApp } from "../helpers/registry";

async function lookup(app: Awaited<ReturnType<typeof makeRegistryApp>>["app"], body: unknown) {
  const res = await app.request("/api/v1/lookup", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.9" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Record<string, unknown> };
}

describe("POST /api/v1/lookup", () => {
  it("200: the verified person's masked name, enrolments, classification and payments", async () => {
    const { app } = await makeRegistryApp();
    const res = await lookup(app, { dni: "12345678", birthDate: "1950-04-21", lang: "es" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      person: { name: "M*** Q***" },
      enrolments: [{ program: "pension65", status: "activo", statusReason: null, since: "2019-03-01" }],
      classification: { level: "pobre_extremo", validUntil: "2028-06-30", expired: false },
      payments: [
        { program: "pension65", period: "2026-11", amount: 350, status: "disponible", availableFrom: "2026-11-16", availableUntil: "2026-12-31", paymentPoint: "Banco de la Nación, agencia Andahuaylas" },
        { program: "pension65", period: "2026-09", amount: 350, status: "cobrado", availableFrom: "2026-09-15", availableUntil: "2026-10-31", paymentPoint: "Banco de la Nación, agencia Andahuaylas" },
      ],
    });
  });

  it("a suspension comes with its reason code, an expired CSE says so, no CSE is null", async () => {
    const { app } = await makeRegistryApp();
    const suspended = await lookup(app, { dni: "45678901", birthDate: "1955-12-08" });
    expect(suspended.body.enrolments).toEqual([{ program: "pension65", status: "suspendido", statusReason: "supervivencia", since: "2026-08-01" }]);
    expect(suspended.body.classification).toEqual({ level: "pobre_extremo", validUntil: "2025-06-30", expired: true });
  });

  it("401 with the same body for a wrong date and an unknown DNI", async () => {
    const { app } = await makeRegistryApp();
    const wrongDate = await lookup(app, { dni: "12345678", birthDate: "1950-04-22", lang: "qu" });
    const unknown = await lookup(app, { dni: "87654321", birthDate: "1950-04-21", lang: "qu" });
    expect(wrongDate.status).toBe(401);
    expect(unknown).toEqual(wrongDate);
    expect(wrongDate.body.error).toBe("verification_failed");
  });

  it("429 with Retry-After once the DNI is locked", async () => {
    const { app } = await makeRegistryApp();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await lookup(app, { dni: "23456789", birthDate: "1950-01-01" })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const locked = await lookup(app, { dni: "23456789", birthDate: "1988-07-15" });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: "locked" });
    expect(Number(locked.retryAfter)).toBeGreaterThan(3000);
  });

  it.each([
    [{ birthDate: "1950-04-21" }, "dni"],
    [{ dni: "1234567", birthDate: "1950-04-21" }, "dni"],
    [{ dni: "12345678" }, "birthDate"],
    [{ dni: "12345678", birthDate: "21041950" }, "birthDate"],
    [{ dni: "12345678", birthDate: "1950-02-30" }, "birthDate"],
    [{ dni: "12345678", birthDate: "1950-04-21", lang: "fr" }, "lang"],
    ["not json", "body"],
  ])("400 naming the field: %j → %s", async (body, field) => {
    const { app } = await makeRegistryApp();
    const res = await lookup(app, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request", field });
  });
});
