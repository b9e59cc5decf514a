import { describe, expect, it } from "vitest";
import { expectedEvaluations } from "@/lib/evaluations/expected";

describe("expectedEvaluations", () => {
  it("is the call's minimum, or every evaluator assigned when there are more", () => {
    expect(expectedEvaluations(2, 0)).toBe(2);
    expect(expectedEvaluations(2, 2)).toBe(2);
    expect(expectedEvaluations(2, 3)).toBe(3);
  });
});
