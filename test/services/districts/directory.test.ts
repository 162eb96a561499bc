import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDistrictData, DISTRICTS_CSV, DISTRICTS_JSON, serializeDistrictData, withAccents } from "../../../src/cli/build-districts";
import { foldForMatch } from "../../../src/engine/text";
import { createDistrictDirectory, placeName } from "../../../src/services/districts/directory";

const directory = createDistrictDirectory();

describe("district reference data", () => {
  it("the bundled JSON is exactly what `npm run districts:build` makes from the CSV", () => {
    const rebuilt = serializeDistrictData(buildDistrictData(readFileSync(DISTRICTS_CSV, "utf8")));
    expect(readFileSync(DISTRICTS_JSON, "utf8")).toBe(rebuilt);
  });

  it("holds every district that has an INEI code (1,892 of the CSV's 1,893 rows)", () => {
    const provinces = directory.departments().flatMap((d) => directory.provinces(d.code));
    expect(directory.departments()).toHaveLength(25);
    expect(provinces).toHaveLength(196);
    expect(directory.size).toBe(1892);
  });

  it("the license notice travels with the copy", () => {
    expect(readFileSync(new URL("../../../db/reference/ubigeo-LICENSE.txt", import.meta.url), "utf8")).toMatch(/MIT License[\s\S]*Castagnetto/);
  });
});

describe("department → province → district", () => {
  it("walks Apurímac → Grau → its districts", () => {
    const apurimac = directory.departments().find((d) => d.name === "APURIMAC")!;
    const grau = directory.provinces(apurimac.code).find((p) => p.name === "GRAU")!;
    const names = directory.districts(grau.code).map((d) => d.name);
    expect(names).toContain("CHUQUIBAMBILLA");
    expect(directory.districts(grau.code).every((d) => d.ubigeo.startsWith(grau.code))).toBe(true);
  });

  it("unknown codes give empty lists, not errors", () => {
    expect(directory.provinces("99")).toEqual([]);
    expect(directory.districts("9999")).toEqual([]);
    expect(directory.get("999999")).toBeUndefined();
  });
});

describe("search by the first letters", () => {
  const cases = [
    { typed: "huanta", expect: "HUANTA" },
    { typed: "HUANTA", expect: "HUANTA" },
    { typed: "Nepeña", expect: "NEPEÑA" },
    { typed: "nepena", expect: "NEPEÑA" },
    { typed: "  san juan   de chac", expect: "SAN JUAN DE CHACÑA" },
    { typed: "ásunción", expect: "ASUNCION" },
  ];
  it.each(cases)("'$typed' finds $expect", ({ typed, expect: name }) => {
    expect(directory.search(typed).map((d) => d.name)).toContain(name);
  });

  it("matches only at the start of the name, in name order", () => {
    const found = directory.search("santa rosa");
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((d) => d.name.startsWith("SANTA ROSA"))).toBe(true);
    expect(directory.search("anta").some((d) => d.name.startsWith("SANTA"))).toBe(false);
  });

  it("respects the limit and ignores empty input", () => {
    expect(directory.search("s", 10)).toHaveLength(10);
    expect(directory.search("   ")).toEqual([]);
    expect(directory.search("xqz")).toEqual([]);
  });
});

describe("RENIEC → INEI", () => {
  it("translates a code that differs between the two (Nepeña: RENIEC 021305 = INEI 021806)", () => {
    expect(directory.fromReniec("021305")).toBe("021806");
    expect(directory.get("021806")?.reniec).toBe("021305");
  });

  it("returns undefined for a code RENIEC does not use", () => {
    expect(directory.fromReniec("999999")).toBeUndefined();
  });
});

describe("accented Spanish names (labels) beside INEI's capitals (session 8 review)", () => {
  it("departments and provinces from the table, districts from their capitals' written names", () => {
    expect(directory.department("03")).toMatchObject({ name: "APURIMAC", label: "Apurímac" });
    expect(directory.department("02")!.label).toBe("Áncash");
    expect(directory.department("22")!.label).toBe("San Martín");
    expect(directory.department("15")!.label).toBe("Lima");
    expect(directory.province("0103")!.label).toBe("Bongará"); // the table
    expect(directory.province("0603")!.label).toBe("Celendín"); // its capital district's name
    expect(directory.province("0307")!.label).toBe("Grau"); // nothing to add
    expect(directory.get("010102")).toMatchObject({ name: "ASUNCION", label: "Asunción" });
    expect(directory.get("030101")!.label).toBe("Abancay");
    // the label is the same name, never another town's
    for (const d of directory.departments().flatMap((x) => directory.provinces(x.code)).flatMap((p) => directory.districts(p.code))) {
      expect(foldForMatch(d.label), d.ubigeo).toBe(foldForMatch(d.name));
    }
  });

  it("search keeps working with and without accents, and shows the accented name", () => {
    for (const typed of ["asuncion", "Asunción", "ASUNCIÓN", "asunción"]) {
      const found = directory.search(typed);
      expect(found.map((d) => d.ubigeo), typed).toContain("010102");
    }
    expect(directory.search("Rímac").map((d) => d.label)).toContain("Rímac");
    expect(directory.search("rimac").map((d) => d.label)).toContain("Rímac");
  });

  it("takes only accents from the written name, never another word, case or spacing", () => {
    expect(withAccents("APURIMAC", "Apurímac")).toBe("Apurímac");
    expect(withAccents("SAN MIGUEL DE EL FAIQUE", "San Miguel De El Faique")).toBeUndefined(); // case only
    expect(withAccents("SAN JUAN DE LOPECANCHA", "San Juan de  Lopecancha")).toBeUndefined(); // spacing only
    expect(withAccents("PUERTO BERMUDEZ", "Ciudad Constitución")).toBeUndefined(); // another town
    expect(withAccents("SANTA MARIA DE LA MAR", "Santa María De La Mar")).toBe("Santa María de la Mar");
  });
});

describe("placeName", () => {
  it.each([
    ["SAN JUAN DE LA VIRGEN", "San Juan de la Virgen"],
    ["EL PORVENIR", "El Porvenir"],
    ["NEPEÑA", "Nepeña"],
    ["HUAC-HUAS", "Huac-Huas"],
  ])("%s → %s", (upper, shown) => expect(placeName(upper)).toBe(shown));
});
