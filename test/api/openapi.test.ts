import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { apiErrorSchema } from "../../src/api/errors";
import {
  chatResponseSchema,
  complaintCategoriesSchema,
  complaintFiledSchema,
  complaintStatusSchema,
  eligibilityResponseSchema,
  lookupResponseSchema,
  programsResponseSchema,
} from "../../src/api/openapi/responses";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";
import { makeRegistryApp } from "../helpers/registry";

type Doc = { openapi: string; paths: Record<string, Record<string, unknown>> };

async function documentOf(app: ReturnType<typeof makeTestApp>["app"]): Promise<Doc> {
  const res = await app.request("/api/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return (await res.json()) as Doc;
}

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator) whose $refs all resolve", async () => {
    const doc = await documentOf(makeTestApp().app);
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]);
    const schemas = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    expect(refs.filter((name) => !(name in schemas))).toEqual([]);
  });

  it("describes every route the app mounts under /api/v1, and nothing it does not", async () => {
    const { app } = makeTestApp();
    const doc = await documentOf(app);
    const mounted = new Set(
      app.routes
        .filter((r) => r.path.startsWith("/api/v1") && r.method !== "ALL" && !r.path.endsWith("*"))
        .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, "{$1}")}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    expect(mounted.size).toBeGreaterThanOrEqual(7);
    expect([...mounted].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !mounted.has(r))).toEqual([]);
  });

  it("its request bodies come from the schemas that validate them (a field added there appears here)", async () => {
    const doc = await documentOf(makeTestApp().app);
    const body = (path: string) => ((doc.paths[path].post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } } }).requestBody.content["application/json"].schema.properties);
    expect(Object.keys(body("/api/v1/chat")).sort()).toEqual(["choice", "lang", "seq", "sessionId", "text"]);
    expect(Object.keys(body("/api/v1/lookup")).sort()).toEqual(["birthDate", "dni", "lang"]);
    expect(Object.keys(body("/api/v1/eligibility")).sort()).toEqual(["answers", "lang"]);
    expect(body("/api/v1/complaints")).toHaveProperty("reporter");
  });
});

describe("what the APIs answer matches the document's schemas", () => {
  const check = <T extends z.ZodType>(schema: T, value: unknown) => {
    const result = schema.safeParse(value);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  };
  const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("success bodies", async () => {
    const { app } = await makeRegistryApp();
    check(chatResponseSchema, await (await app.request("/api/v1/chat", json({ lang: "qu" }))).json());
    check(programsResponseSchema, await (await app.request("/api/v1/programs?lang=ay")).json());
    check(eligibilityResponseSchema, await (await app.request("/api/v1/eligibility", json({ answers: { age: 70, cse: "pobre_extremo" } }))).json());
    const lookup = await app.request("/api/v1/lookup", { ...json({ dni: "12345678", birthDate: "1950-04-21" }), headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.9" } });
    expect(lookup.status).toBe(200);
    check(lookupResponseSchema, await lookup.json());
    const filed = await app.request("/api/v1/complaints", json(reclamoBody));
    expect(filed.status).toBe(201);
    const { code } = (await filed.json()) as { code: string };
    check(complaintFiledSchema, { code, status: "registrado", deadline: "2027-01-08" });
    check(complaintStatusSchema, await (await app.request(`/api/v1/complaints/${code}`)).json());
    check(complaintCategoriesSchema, await (await app.request("/api/v1/complaints/categories?lang=qu")).json());
  });

  it.each([
    { label: "chat: bad JSON", path: "/api/v1/chat", init: json("{"), status: 400, error: "bad_request", field: "body" },
    { label: "programs: unknown lang", path: "/api/v1/programs?lang=fr", init: {}, status: 400, error: "bad_request", field: "lang" },
    { label: "eligibility: bad JSON (field is body, as everywhere)", path: "/api/v1/eligibility", init: json("{ age"), status: 400, error: "bad_request", field: "body" },
    { label: "eligibility: several problems, all in issues", path: "/api/v1/eligibility", init: json({ answers: { age: -1, cse: "x" } }), status: 400, error: "bad_request", field: "answers.age" },
    { label: "lookup: bad DNI", path: "/api/v1/lookup", init: json({ dni: "12", birthDate: "1950-04-21" }), status: 400, error: "invalid_request", field: "dni" },
    { label: "complaints: bad body", path: "/api/v1/complaints", init: json({ kind: "reclamo" }), status: 400, error: "invalid_request", field: undefined },
    { label: "complaints: unknown code", path: "/api/v1/complaints/MO-2026-999999", init: {}, status: 404, error: "not_found", field: "code" },
    { label: "complaints: unknown lang", path: "/api/v1/complaints/categories?lang=xx", init: {}, status: 400, error: "invalid_request", field: "lang" },
    { label: "lookup: too deep JSON", path: "/api/v1/lookup", init: json("[".repeat(40) + "]".repeat(40)), status: 400, error: "invalid_request", field: "body" },
    { label: "chat: too large", path: "/api/v1/chat", init: json(JSON.stringify({ text: "x".repeat(70_000) })), status: 413, error: "payload_too_large", field: "body" },
  ])("errors have one shape: $label", async ({ path, init, status, error, field }) => {
    const { app } = makeTestApp();
    const res = await app.request(path, init);
    expect(res.status).toBe(status);
    const body = (await res.json()) as Record<string, unknown>;
    check(apiErrorSchema, body);
    expect(body.error).toBe(error);
    if (field) expect(body.field).toBe(field);
    expect(typeof body.message).toBe("string");
  });

  it("every issue is listed, not only the first", async () => {
    const { app } = makeTestApp();
    const body = (await (await app.request("/api/v1/eligibility", json({ answers: { age: -1, cse: "x" } }))).json()) as { issues: { field: string }[] };
    expect(body.issues.map((i) => i.field).sort()).toEqual(["answers.age", "answers.cse"]);
  });
});

describe("GET /api/docs", () => {
  it("is a readable page of every operation, with its stylesheet served here: no script, no CDN, under the pages' CSP", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    const doc = await documentOf(app);
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`<code>${path}</code>`);
    expect(html).toContain("<code>reporter.dni</code>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/i);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:/);
    const css = await app.request("/api/docs.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    expect(html).toContain('href="/api/docs.css"');
  });
});
