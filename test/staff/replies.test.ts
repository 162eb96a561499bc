import { describe, expect, it } from "vitest";
import { resources } from "../../src/i18n/resources";
import { loadRoutingCatalog } from "../../src/services/complaints/catalog";
import { loadCannedReplies } from "../../src/services/complaints/canned-replies";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

type Fixture = Awaited<ReturnType<typeof consoleFixture>>;

async function as(f: Fixture, who: "agent" | "supervisor") {
  const browser = new StaffBrowser(f.app);
  expect((await browser.login(f.staff[who].email, f.staff[who].password)).status).toBe(303);
  return browser;
}
const offered = (html: string) => [...(html.match(/<select id="reply"[\s\S]*?<\/select>/)?.[0] ?? "").matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]);

describe("canned replies by kind and category", () => {
  const cases: { label: string; complaint: (f: Fixture) => Promise<string>; offered: string[] }[] = [
    { label: "a reclamo about a payment", complaint: async (f) => f.reclamo.code, offered: ["payment_rescheduled", "payment_point", "not_in_scope"] },
    { label: "a denuncia", complaint: async (f) => f.denuncia.code, offered: ["forwarded_authority", "not_in_scope"] },
    { label: "a consulta", complaint: async (f) => f.consulta.code, offered: ["received_thanks", "not_in_scope"] },
    { label: "a reclamo about a disaffiliation", complaint: async (f) => (await f.file({ category: "desafiliacion" })).code, offered: ["classification_ule", "disaffiliation_review", "not_in_scope"] },
    { label: "a reclamo about food at a school", complaint: async (f) => (await f.file({ category: "alimentos", program: "pae" })).code, offered: ["visit_scheduled", "not_in_scope"] },
  ];
  it.each(cases)("$label offers only the replies that fit", async ({ complaint, offered: expected }) => {
    const f = await consoleFixture();
    const code = await complaint(f);
    const html = await (await (await as(f, "supervisor")).get(`/staff/complaints/${code}`)).text();
    expect(offered(html)).toEqual(expected);
  });

  it("fills the answer in the person's language with its Spanish beside it, and ignores a reply that does not fit", async () => {
    const f = await consoleFixture();
    const supervisor = await as(f, "supervisor");
    const page = `/staff/complaints/${f.reclamo.code}`;
    const chosen = await (await supervisor.get(`${page}?reply=payment_point`)).text();
    expect(chosen).toContain(`lang="qu"`);
    expect(chosen).toContain(f.ctx().i18n.t("qu", "complaints:replies.payment_point"));
    expect(chosen).toContain(`En castellano: ${f.ctx().i18n.t("es", "complaints:replies.payment_point")}`);
    // "Su denuncia fue enviada a la autoridad" for a payment reclamo: not offered, not filled
    const wrong = await (await supervisor.get(`${page}?reply=forwarded_authority`)).text();
    expect(wrong).not.toContain(f.ctx().i18n.t("qu", "complaints:replies.forwarded_authority"));
  });

  it("has every reply in Spanish, Quechua and Aymara, and every locale reply in the catalog", () => {
    const keys = loadCannedReplies(loadRoutingCatalog()).map((r) => r.key);
    for (const lang of ["es", "qu", "ay"] as const) {
      const texts = (resources[lang] as Record<string, Record<string, Record<string, string>>>).complaints.replies;
      expect(Object.keys(texts).sort(), lang).toEqual([...keys].sort());
      for (const key of keys) expect(texts[key]?.trim().length, `${lang} ${key}`).toBeGreaterThan(10);
    }
  });

  it("refuses a catalog whose reply names a category foreign to its kinds", () => {
    const bad = { asOf: "2026-12-07", why: "test", replies: [{ key: "x", kinds: ["denuncia"], categories: ["pago_no_recibido"] }] };
    expect(() => loadCannedReplies(loadRoutingCatalog(), bad)).toThrow(/pago_no_recibido is not one of denuncia/);
  });
});

describe("the CSV export's dates", () => {
  it("writes every moment as ISO 8601 in Lima time with its -05:00 offset", async () => {
    const f = await consoleFixture();
    const supervisor = await as(f, "supervisor");
    await supervisor.submit(`/staff/complaints/${f.consulta.code}`, `/staff/complaints/${f.consulta.code}/status`, { to: "improcedente", answer: "No corresponde." });
    const csv = (await (await supervisor.get("/staff/complaints.csv?status=all")).text()).replace(/^\uFEFF/, "").trim().split("\n");
    const head = csv[0].split(",");
    const rows = csv.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [head[i], v])));
    const consulta = rows.find((r) => r.codigo === f.consulta.code)!;
    // the fixture's clock: 2026-11-23T15:00:00Z = 10:00 in Lima
    expect(consulta.registrado).toBe("2026-11-23T10:00:00-05:00");
    expect(consulta.respondido).toBe("2026-11-23T10:00:00-05:00");
    expect(consulta.cerrado).toBe("2026-11-23T10:00:00-05:00");
    for (const r of rows) {
      expect(r.registrado).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/);
      expect(r.fecha_limite).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(csv.join("\n")).not.toMatch(/\d{2}\/\d{2}\/\d{2}|p\. m\.|a\. m\./);
  });
});
