import { describe, expect, it } from "vitest";
import { makeTestApp } from "./helpers/app";

describe("service", () => {
  it("GET /healthz answers 200 when the database is reachable", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /healthz answers 503 when it is not", async () => {
    const { app, database } = makeTestApp();
    database.close();
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
  });

  it("the landing page says where everything is", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/channels/ussd");
  });

  it("an unknown path is a JSON 404", async () => {
    const { app } = makeTestApp();
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
