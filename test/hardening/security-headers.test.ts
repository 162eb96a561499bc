import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { TEST_ENV } from "../helpers/staff";

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("security headers", () => {
  const { app } = makeTestApp({ env: TEST_ENV });

  it.each(["/staff/login", "/staff/complaints"])("the console (%s): no script, never framed, never cached", async (path) => {
    const res = await app.request(path);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each(["/chat?lang=qu", "/"])("the chat page and the landing page (%s): own script and API only, never framed", async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("/widget.js stays loadable from any page (no same-origin resource policy), and is never sniffed", async () => {
    const res = await app.request("/widget.js", { headers: { origin: "https://www.munisanjuan.gob.pe" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBeNull();
  });

  it.each([
    ["/api/v1/lookup", { dni: "12345678", birthDate: "1950-04-21" }],
    ["/api/v1/chat", { text: "hola" }],
  ])("%s answers are never cached on the way", async (path, body) => {
    const res = await app.request(path, json(body));
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
