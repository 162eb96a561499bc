import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoFocalization, FOCALIZATION_JSON, readFocalizationCsv, serializeFocalization } from "../../../src/cli/focalization";
import { createDistrictDirectory } from "../../../src/services/districts/directory";

const directory = createDistrictDirectory();

describe("npm run focalization: loading an official list", () => {
  it("takes the ubigeo column, restores lost leading zeros, and reports rejects with their line", () => {
    const csv = "programa,ubigeo\nJUNTOS,030601\nJUNTOS,30602\nJUNTOS,999999\nJUNTOS,abc\n";
    const report = readFocalizationCsv(csv, directory, { source: "official list", asOf: "2026-11-01" });
    expect(report.list).toMatchObject({ demo: false, source: "official list", asOf: "2026-11-01", ubigeos: ["030601", "030602"] });
    expect(report.rejected).toEqual([
      { line: 4, value: "999999", why: "unknown INEI ubigeo" },
      { line: 5, value: "abc", why: "not a 6-digit ubigeo" },
    ]);
  });

  it("translates RENIEC codes with --reniec", () => {
    const report = readFocalizationCsv("021305\n", directory, { reniec: true, source: "RENIEC list", asOf: "2026-11-01" });
    expect(report.list.ubigeos).toEqual(["021806"]);
  });

  it("the shipped demo lists are exactly what --demo derives from the poverty map", () => {
    expect(readFileSync(FOCALIZATION_JSON, "utf8")).toBe(serializeFocalization(demoFocalization(directory)));
  });
});
