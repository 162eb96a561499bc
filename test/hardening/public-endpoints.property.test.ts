import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";

/**
 * Fuzzing (issue 10): arbitrary and adversarial input at the public endpoints must never produce
 * a 5xx. numRuns is kept modest so the file runs in a few seconds; set FUZZ_RUNS to go further.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

// strings people and attackers actually send: digits, *, #, accents, Quechua letters, SQL and
// script fragments, control characters, very long runs, lone surrogates
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."0123456789*#"), maxLength: 30 }),
  fc.constantFrom("", " ", "*", "**", "#", "00", "98", "0", "9", "AYUDA", "salir", "ñuqa", "Pensión 65", "' OR 1=1 --", "<script>alert(1)</script>", "\u0000", "\ud800", "9".repeat(500), "1*".repeat(200)),
);

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom("dni", "birthDate", "lang", "answers", "kind", "program", "category", "description", "ubigeo", "anonymous", "confidential", "reporter", "contact", "seq", "conversationId", "text", "input", "session"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
);

// valid bodies of each endpoint: one field at a time is replaced by anything, to get past the
// first validation into the deeper code
const VALID: Record<string, Record<string, unknown>> = {
  "/api/v1/chat": { lang: "es", text: "1" },
  "/api/v1/eligibility": { lang: "es", answers: { age: 70, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, severeDisability: false, household: { pregnant: false, childrenUnder3: 0, childrenUnder19: 0, childrenInPublicSchool: 0 }, ubigeo: "010103" } },
  "/api/v1/lookup": { dni: "12345678", birthDate: "1950-04-21", lang: "es" },
  "/api/v1/complaints": {
    kind: "reclamo", program: "pension65", category: "pago_no_recibido", description: "No cobré el pago de noviembre", ubigeo: "030101", anonymous: false, confidential: false,
    reporter: { dni: "12345678", birthDate: "1950-04-21", name: "Juan Mamani", phone: "987654321", email: null },
    contact: { channel: "sms", address: "987654321" },
  },
};

function mutated(base: Record<string, unknown>) {
  const keys = Object.keys(base);
  const nested = Object.entries(base).flatMap(([k, v]) => (v && typeof v === "object" ? Object.keys(v).map((n) => [k, n] as const) : []));
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty) }).map(({ key, value }) => ({ ...base, [key]: value })),
    nested.length
      ? fc.record({ at: fc.constantFrom(...nested), value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), nasty) }).map(({ at: [k, n], value }) => ({ ...base, [k]: { ...(base[k] as object), [n]: value } }))
      : fc.constant(base),
  );
}

async function expectNo5xx(res: Response, what: string) {
  const body = await res.text();
  if (res.status >= 500) throw new Error(`${what} → ${res.status}: ${body.slice(0, 200)}`);
}

describe("fuzzing the public endpoints: never a 5xx", () => {
  it("POST /channels/ussd with arbitrary gateway forms and raw bodies", async () => {
    const { app } = makeTestApp();
    const form = fc.record(
      { sessionId: nasty, phoneNumber: fc.oneof(nasty, fc.constantFrom("+51987654321", "987654321", "+1", "")), text: nasty, serviceCode: nasty, networkCode: nasty },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(form.map((f) => new URLSearchParams(f as Record<string, string>).toString()), nasty), fc.constantFrom("application/x-www-form-urlencoded", "text/plain", "application/json"), async (body, type) => {
        const res = await app.request("/channels/ussd", { method: "POST", headers: { "content-type": type }, body });
        await expectNo5xx(res, `ussd ${JSON.stringify(body).slice(0, 120)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(["/api/v1/chat", "/api/v1/eligibility", "/api/v1/lookup", "/api/v1/complaints"])("POST %s with arbitrary JSON and non-JSON bodies", async (path) => {
    const { app } = makeTestApp();
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonish.map((v) => JSON.stringify(v) ?? "null"), mutated(VALID[path]).map((v) => JSON.stringify(v)), nasty), fc.option(nasty, { nil: undefined }), async (body, idempotencyKey) => {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(idempotencyKey)) headers["idempotency-key"] = idempotencyKey;
        const res = await app.request(path, { method: "POST", headers, body });
        await expectNo5xx(res, `${path} ${body.slice(0, 120)}`);
      }),
      { numRuns: RUNS },
    );
  });
});
