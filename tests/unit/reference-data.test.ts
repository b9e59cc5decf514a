import { describe, expect, it } from "vitest";
import {
  DEPARTEMENT_COUNT,
  departementOfPostalCode,
  REGIONS,
  regionOfDepartement,
} from "@/lib/regions/catalog";

describe("regions and départements", () => {
  it("has the 13 metropolitan and 5 overseas regions with 101 départements", () => {
    expect(REGIONS).toHaveLength(18);
    expect(REGIONS.filter((r) => r.overseas)).toHaveLength(5);
    const codes = REGIONS.flatMap((r) => r.departements.map((d) => d.code));
    expect(codes).toHaveLength(DEPARTEMENT_COUNT);
    expect(new Set(codes).size).toBe(DEPARTEMENT_COUNT);
    expect(new Set(REGIONS.map((r) => r.slug)).size).toBe(18);
  });
  it("finds the département of a postal code, Corsica and overseas included", () => {
    expect(departementOfPostalCode("35000")).toBe("35");
    expect(departementOfPostalCode("20000")).toBe("2A");
    expect(departementOfPostalCode("20200")).toBe("2B");
    expect(departementOfPostalCode("97400")).toBe("974");
    expect(departementOfPostalCode("97500")).toBeNull();
    expect(departementOfPostalCode("3500")).toBeNull();
    expect(departementOfPostalCode("00100")).toBeNull();
  });
  it("finds the region of a département", () => {
    expect(regionOfDepartement("35")?.name).toBe("Bretagne");
    expect(regionOfDepartement("2A")?.slug).toBe("COR");
    expect(regionOfDepartement("976")?.name).toBe("Mayotte");
    expect(regionOfDepartement("99")).toBeUndefined();
  });
});
