import { describe, expect, it } from "vitest";
import { parseFrenchNumber } from "@/components/admin/form-fields";

describe("amounts typed the French way", () => {
  it("reads spaces and dots as thousands separators and the comma as the decimal mark", () => {
    expect(parseFrenchNumber("12 500")).toBe(12500);
    expect(parseFrenchNumber("12\u202f500,50")).toBe(12500.5);
    expect(parseFrenchNumber("15.000")).toBe(15000);
    expect(parseFrenchNumber("1.234.567,8")).toBe(1234567.8);
    expect(parseFrenchNumber("12.5")).toBe(12.5);
    expect(parseFrenchNumber("80000")).toBe(80000);
  });
  it("refuses what is not a number rather than guessing", () => {
    for (const typo of ["12abc", "1,2,3", "-5", "12,345", "€"])
      expect(parseFrenchNumber(typo), typo).toBeNaN();
  });
});
