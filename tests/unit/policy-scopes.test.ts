import { describe, expect, it } from "vitest";
import {
  can,
  coordinatedRegions,
  craRegions,
  evaluatorRegions,
  isNationalMember,
} from "@/lib/auth/policy";
import { ACTORS, actor } from "../fixtures/actors";

// The helpers the scopes of lib/ (dossiers, conventions, decisions, exports) widen or narrow their reads with.
describe("the role facts the scopes are built from", () => {
  it("the national cell: an active CNA member only", () => {
    const members = Object.entries(ACTORS).filter(([, a]) => isNationalMember(a));
    expect(members.map(([name]) => name)).toEqual(["cna"]);
    expect(isNationalMember(null)).toBe(false);
  });

  it("the regions of a coordinator, an evaluator, a member of the regional cell", () => {
    const both = actor("both", [
      { role: "CRA_COORDINATOR", regionCode: "53" },
      { role: "CRA_EVALUATOR", regionCode: "76" },
      { role: "CRA_COORDINATOR", regionCode: "53" },
      { role: "CNA_MEMBER", regionCode: null },
    ]);
    expect(coordinatedRegions(both)).toEqual(["53"]);
    expect(evaluatorRegions(both)).toEqual(["76"]);
    expect(craRegions(both)).toEqual(["53", "76"]);
    expect(coordinatedRegions(ACTORS.evaluator)).toEqual([]);
    expect(evaluatorRegions(ACTORS.coordinator)).toEqual([]);
    expect(coordinatedRegions(ACTORS.cna)).toEqual([]);
  });

  it("the decisions before their publication: the national cell only", () => {
    const readers = Object.entries(ACTORS).filter(([, a]) => can(a, "decision.readUnpublished"));
    expect(readers.map(([name]) => name)).toEqual(["cna"]);
  });
});
