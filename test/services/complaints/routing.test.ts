import { describe, expect, it } from "vitest";
import { loadRoutingCatalog } from "../../../src/services/complaints/catalog";
import { regionOf, routeComplaint, type RoutingInput } from "../../../src/services/complaints/routing";

const catalog = loadRoutingCatalog();
const base: RoutingInput = { kind: "reclamo", program: "juntos", category: "pago_no_recibido", region: "03", urgent: false };

describe("routing rules (db/catalog/routing.json)", () => {
  it.each<[string, Partial<RoutingInput>, { queue: string; priority: number; businessDays: number }]>([
    ["a payment not received → payments, 30 days", {}, { queue: "payments", priority: 2, businessDays: 30 }],
    ["a wrong amount → payments", { category: "monto_incorrecto" }, { queue: "payments", priority: 2, businessDays: 30 }],
    ["bad treatment at a Cuna Más centre → service quality", { program: "cunamas", category: "maltrato" }, { queue: "service_quality", priority: 3, businessDays: 30 }],
    ["SISFOH classification → classification", { category: "clasificacion" }, { queue: "classification", priority: 3, businessDays: 30 }],
    ["spoiled school food, urgent → urgent, 1 day", { program: "pae", category: "alimentos", urgent: true }, { queue: "urgent", priority: 1, businessDays: 1 }],
    ["school food, not urgent → service quality", { program: "pae", category: "alimentos" }, { queue: "service_quality", priority: 3, businessDays: 30 }],
    ["risk to an older adult → urgent, 2 days", { program: "pension65", category: "maltrato", urgent: true }, { queue: "urgent", priority: 1, businessDays: 2 }],
    ["someone charging to enrol → integrity", { kind: "denuncia", category: "cobro_indebido" }, { queue: "integrity", priority: 2, businessDays: 30 }],
    ["political use → integrity", { kind: "denuncia", category: "uso_politico", region: "20" }, { queue: "integrity", priority: 2, businessDays: 30 }],
    ["an urgent denuncia → urgent first", { kind: "denuncia", category: "maltrato", urgent: true }, { queue: "urgent", priority: 1, businessDays: 2 }],
    ["a question → queries", { kind: "consulta", category: "informacion" }, { queue: "queries", priority: 4, businessDays: 15 }],
    ["a suggestion → suggestions", { kind: "sugerencia", category: "otro", program: "general" }, { queue: "suggestions", priority: 5, businessDays: 30 }],
  ])("%s", (_label, change, expected) => {
    expect(routeComplaint(catalog, { ...base, ...change })).toMatchObject(expected);
  });

  it("can route by region when a rule names one", () => {
    const regional = loadRoutingCatalog({
      ...catalog,
      rules: [{ id: "piura", when: { kind: ["reclamo"], region: ["20"] }, queue: "piura_desk", priority: 3, businessDays: 30, why: "pilot desk" }, ...catalog.rules],
    });
    expect(routeComplaint(regional, { ...base, category: "maltrato", region: "20" }).queue).toBe("piura_desk");
    expect(routeComplaint(regional, { ...base, category: "maltrato", region: "03" }).queue).toBe("service_quality");
  });

  it("refuses a catalog that names an unknown category or leaves a kind unrouted", () => {
    expect(() => loadRoutingCatalog({ ...catalog, rules: [{ ...catalog.rules[0], when: { category: ["nope"] } }, ...catalog.rules] })).toThrow(/unknown category/);
    expect(() => loadRoutingCatalog({ ...catalog, rules: catalog.rules.filter((r) => r.id !== "suggestions") })).toThrow(/sugerencia/);
  });

  it("lists at least the categories the issue names", () => {
    const all = new Set(Object.values(catalog.kinds).flatMap((k) => k.categories));
    for (const code of ["pago_no_recibido", "monto_incorrecto", "desafiliacion", "maltrato", "calidad_servicio", "alimentos", "clasificacion", "cobro_indebido", "uso_politico", "incumple_requisitos", "otro"])
      expect(all, code).toContain(code);
  });

  it("takes the region from the ubigeo's department", () => {
    expect(regionOf("030601")).toBe("03");
  });
});
