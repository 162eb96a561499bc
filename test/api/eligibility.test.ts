import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { countsOfDay } from "../../src/db/repos/eligibility-counts";

const post = (app: ReturnType<typeof makeTestApp>["app"], body: unknown) =>
  app.request("/api/v1/eligibility", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

// a district on the shipped (demo) Juntos list, and one that is not
const FOCAL = "010103"; // Balsas, Chachapoyas (poverty 45.7 %)
const NOT_FOCAL = "150101"; // Lima

describe("POST /api/v1/eligibility", () => {
  it("answers one result per program with the issue's exact shape", async () => {
    const { app } = makeTestApp();
    const res = await post(app, { lang: "es", answers: { age: 70, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, severeDisability: false, household: { pregnant: false, childrenUnder3: 0, childrenUnder19: 0, childrenInPublicSchool: 0 }, ubigeo: FOCAL } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.map((r: any) => r.program)).toEqual(["juntos", "pension65", "contigo", "cunamas", "pae", "hakuwinay"]);
    const p65 = body.results.find((r: any) => r.program === "pension65");
    expect(p65).toEqual({
      program: "pension65",
      outcome: "likely",
      reasons: expect.arrayContaining([{ code: "age.pass", text: "Tiene 65 años o más." }]),
      nextSteps: expect.arrayContaining([{ code: "linea101", text: "Dudas: llame gratis a la Línea 101." }]),
      benefit: { amount: 350, currency: "PEN", frequency: "bimonthly", asOf: "2025-05-01" },
    });
    expect(Object.keys(p65.reasons[0])).toEqual(["code", "text"]);
    expect(body.results.find((r: any) => r.program === "contigo").outcome).toBe("unlikely");
    expect(body.results.find((r: any) => r.program === "cunamas").benefit).toEqual({ amount: null, currency: null, frequency: "daily", asOf: "2026-01-01" });
  });

  it("every answer is optional: an empty body of answers gives honest outcomes", async () => {
    const { app } = makeTestApp();
    const res = await post(app, {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.find((r: any) => r.program === "pension65").outcome).toBe("needs_classification");
    // null is unknown too
    expect((await post(app, { answers: { age: null, household: null } })).status).toBe(200);
  });

  it("answers in Quechua and Aymara", async () => {
    const { app } = makeTestApp();
    for (const [lang, fragment] of [["qu", "DNI"], ["ay", "DNI"]]) {
      const body = await (await post(app, { lang, answers: { age: 70, hasDni: false } })).json();
      const p65 = body.results.find((r: any) => r.program === "pension65");
      expect(p65.outcome).toBe("needs_dni");
      expect(p65.nextSteps[0].code).toBe("reniec");
      expect(p65.reasons[0].text).toContain(fragment);
      expect(p65.reasons[0].text).not.toBe("Sin DNI no puede inscribirse en ningún programa.");
    }
  });

  it("the district decides for focalised programs; without it the result says it depends", async () => {
    const { app } = makeTestApp();
    const home = { age: 30, hasDni: true, cse: "pobre", household: { pregnant: true, childrenUnder19: 1 } };
    const juntos = async (answers: object) => (await (await post(app, { answers })).json()).results.find((r: any) => r.program === "juntos");
    expect((await juntos({ ...home, ubigeo: FOCAL })).outcome).toBe("likely");
    expect((await juntos({ ...home, ubigeo: NOT_FOCAL })).outcome).toBe("unlikely");
    const unknown = await juntos(home);
    expect(unknown.outcome).toBe("likely");
    expect(unknown.reasons.map((r: any) => r.code)).toContain("district.unknown");
  });

  const bad: { label: string; body: unknown; field: string }[] = [
    { label: "bad JSON", body: "{ age: 70", field: "body" },
    { label: "a body that is not an object", body: "[1,2]", field: "body" },
    { label: "unknown language", body: { lang: "en" }, field: "lang" },
    { label: "age as text", body: { answers: { age: "setenta" } }, field: "answers.age" },
    { label: "age out of range", body: { answers: { age: 200 } }, field: "answers.age" },
    { label: "unknown CSE", body: { answers: { cse: "rico" } }, field: "answers.cse" },
    { label: "a misspelt answer", body: { answers: { edad: 70 } }, field: "answers.edad" },
    { label: "a misspelt household answer", body: { answers: { household: { kids: 1 } } }, field: "answers.household.kids" },
    { label: "negative count", body: { answers: { household: { childrenUnder19: -1 } } }, field: "answers.household.childrenUnder19" },
    { label: "contradiction: more under 3 than under 19", body: { answers: { household: { childrenUnder3: 2, childrenUnder19: 1 } } }, field: "answers.household.childrenUnder3" },
    { label: "ubigeo not 6 digits", body: { answers: { ubigeo: "1501" } }, field: "answers.ubigeo" },
    { label: "ubigeo of no district", body: { answers: { ubigeo: "999999" } }, field: "answers.ubigeo" },
  ];
  it.each(bad)("400 naming the field: $label", async ({ body, field }) => {
    const { app } = makeTestApp();
    const res = await post(app, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "bad_request", field });
  });

  it("keeps only anonymous daily counts: program × outcome × district × channel", async () => {
    const { app, database } = makeTestApp();
    await post(app, { answers: { age: 70, hasDni: false, ubigeo: NOT_FOCAL } });
    await post(app, { answers: { age: 72, hasDni: false, ubigeo: NOT_FOCAL } });
    const rows = await countsOfDay(database.db, "2026-11-23");
    expect(rows.find((r) => r.program === "pension65")).toEqual({ day: "2026-11-23", program: "pension65", outcome: "needs_dni", ubigeo: NOT_FOCAL, channel: "api", count: 2 });
    expect(rows).toHaveLength(6);
    // nothing of the answers (the ages) is stored
    expect(JSON.stringify(rows)).not.toMatch(/70|72/);
  });
});

describe("GET /api/v1/programs", () => {
  it("lists the catalog localized, with benefits, criteria, sources and dates", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/api/v1/programs?lang=qu");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lang).toBe("qu");
    const p65 = body.programs.find((p: any) => p.id === "pension65");
    expect(p65.name).toBe("Pensión 65");
    expect(p65.benefit).toMatchObject({ amount: 350, currency: "PEN", frequency: "bimonthly", asOf: "2025-05-01" });
    expect(p65.criteria.find((c: any) => c.id === "age")).toMatchObject({ text: expect.stringContaining("65"), asOf: expect.any(String), source: expect.any(String) });
    expect(body.programs.find((p: any) => p.id === "juntos").focalization).toMatchObject({ demo: true });
  });

  it("defaults to Spanish and refuses an unknown language naming the field", async () => {
    const { app } = makeTestApp();
    expect((await (await app.request("/api/v1/programs")).json()).lang).toBe("es");
    const res = await app.request("/api/v1/programs?lang=fr");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "lang" });
  });
});
