import { describe, expect, it } from "vitest";
import { ACTIONS, type Action, assertCan, type ConventionFacts, can } from "@/lib/auth/policy";
import { ACTORS, dossier } from "../fixtures/actors";

type Name = keyof typeof ACTORS;
const ALL = Object.keys(ACTORS) as Name[];

/** Who may do `action` on the standard dossier (Bretagne, under review): everybody else may not. */
const MATRIX: Partial<Record<Action, Name[]>> = {
  "application.readSummary": ["owner", "coEditor", "coordinator", "evaluator", "cna"],
  "application.read": ["owner", "coEditor", "coordinator", "evaluator"], // the CNA member has not declared
  "application.edit": [],
  "application.submit": [],
  "application.withdraw": ["owner"],
  "application.invite": ["owner"],
  "application.answerComplement": [],
  "application.message": ["owner", "coEditor", "coordinator", "evaluator"],
  "application.declareConflict": [],
  "application.checkAdmissibility": ["coordinator"],
  "application.assignEvaluators": ["coordinator"],
  "application.regionalOpinion": ["coordinator"],
  "application.evaluate": ["evaluator"],
  "application.readEvaluations": ["coordinator"],
  "national.declareInterest": [],
  "national.review": [],
  "national.decide": [],
  "application.renounce": [],
  "space.admin": [],
  "call.manage": [],
};

describe("policy on a dossier under review in Bretagne", () => {
  for (const [action, allowed] of Object.entries(MATRIX) as [Action, Name[]][]) {
    it(`${action}: only ${allowed.join(", ") || "nobody"}`, () => {
      const granted = ALL.filter((name) => can(ACTORS[name], action, dossier()));
      expect(granted).toEqual(allowed);
    });
  }
});

describe("policy on a draft", () => {
  it("only the applicant side sees and edits a draft", () => {
    const draft = dossier({
      status: "DRAFT",
      submitted: false,
      assignedEvaluatorIds: [],
      noConflictUserIds: [],
      conflictedUserIds: [],
    });
    for (const action of [
      "application.readSummary",
      "application.read",
      "application.edit",
    ] as const) {
      expect(ALL.filter((n) => can(ACTORS[n], action, draft))).toEqual(["owner", "coEditor"]);
    }
    // the owner alone submits: they sign the declaration on honour
    expect(ALL.filter((n) => can(ACTORS[n], "application.submit", draft))).toEqual(["owner"]);
  });
});

describe("conflicts of interest", () => {
  it("an assigned evaluator must declare before reading the content", () => {
    const pending = dossier({ noConflictUserIds: ["coordinator"], conflictedUserIds: [] });
    expect(can(ACTORS.evaluator, "application.read", pending)).toBe(false);
    expect(can(ACTORS.evaluator, "application.declareConflict", pending)).toBe(true);
    expect(can(ACTORS.evaluator, "application.evaluate", pending)).toBe(false);
  });
  it("a coordinator must declare too before checking a dossier", () => {
    const pending = dossier({ noConflictUserIds: [], conflictedUserIds: [] });
    expect(can(ACTORS.coordinator, "application.read", pending)).toBe(false);
    expect(can(ACTORS.coordinator, "application.checkAdmissibility", pending)).toBe(false);
    expect(can(ACTORS.coordinator, "application.declareConflict", pending)).toBe(true);
  });
  it("a conflicted evaluator never reads the content, even if still assigned", () => {
    expect(can(ACTORS.conflictedEvaluator, "application.read", dossier())).toBe(false);
    expect(can(ACTORS.conflictedEvaluator, "application.evaluate", dossier())).toBe(false);
  });
});

describe("missing documents (pièces complémentaires)", () => {
  it("only the applicant side answers, while the request is open", () => {
    const asked = dossier({ status: "COMPLEMENT_REQUESTED" });
    expect(ALL.filter((n) => can(ACTORS[n], "application.answerComplement", asked))).toEqual([
      "owner",
      "coEditor",
    ]);
  });
});

describe("withdrawal", () => {
  it("a draft withdrawn before submission stays private to the applicant side", () => {
    const withdrawn = dossier({
      status: "WITHDRAWN",
      submitted: false,
      assignedEvaluatorIds: [],
      noConflictUserIds: [],
      conflictedUserIds: [],
    });
    expect(ALL.filter((n) => can(ACTORS[n], "application.readSummary", withdrawn))).toEqual([
      "owner",
      "coEditor",
    ]);
  });
  it("a submitted dossier withdrawn later stays visible to the cells that received it", () => {
    const withdrawn = dossier({ status: "WITHDRAWN" });
    expect(can(ACTORS.cna, "application.readSummary", withdrawn)).toBe(true);
    expect(can(ACTORS.coordinator, "application.readSummary", withdrawn)).toBe(true);
    expect(can(ACTORS.evaluator, "application.evaluate", withdrawn)).toBe(false);
  });
});

describe("finalised region", () => {
  // the CNA member declared no conflict with this dossier
  const finalized = dossier({
    regionFinalized: true,
    status: "REGIONAL_DONE",
    noConflictUserIds: ["coordinator", "evaluator", "cna"],
  });
  it("freezes regional work and opens the national one", () => {
    expect(can(ACTORS.coordinator, "application.regionalOpinion", finalized)).toBe(false);
    expect(can(ACTORS.evaluator, "application.evaluate", finalized)).toBe(false);
    expect(can(ACTORS.cna, "national.review", finalized)).toBe(true);
    expect(can(ACTORS.coordinator, "national.review", finalized)).toBe(false);
    expect(can(ACTORS.cna, "national.decide", { ...finalized, status: "INADMISSIBLE" })).toBe(
      false,
    );
    expect(can(ACTORS.cna, "national.decide", { ...finalized, status: "WITHDRAWN" })).toBe(false);
  });
  it("national actions: the national cell only, once the region is finalised", () => {
    for (const action of ["national.review", "national.decide"] as const) {
      expect(ALL.filter((n) => can(ACTORS[n], action, finalized))).toEqual(["cna"]);
      expect(
        ALL.filter((n) => can(ACTORS[n], action, { ...finalized, regionFinalized: false })),
      ).toEqual([]);
    }
  });
  it("only the owner of a laureate dossier renounces the grant", () => {
    expect(
      ALL.filter((n) =>
        can(ACTORS[n], "application.renounce", { ...finalized, status: "LAUREATE" }),
      ),
    ).toEqual(["owner"]);
    for (const status of ["REGIONAL_DONE", "RESERVE", "NOT_RETAINED", "WITHDRAWN"] as const) {
      expect(
        ALL.filter((n) => can(ACTORS[n], "application.renounce", { ...finalized, status })),
      ).toEqual([]);
    }
  });
});

describe("spaces and administration", () => {
  const expected: Record<string, Name[]> = {
    "space.applicant": ["owner", "coEditor", "otherApplicant"],
    "space.cra": [
      "coordinator",
      "evaluator",
      "unassignedEvaluator",
      "conflictedEvaluator",
      "otherRegionCoordinator",
      "otherRegionEvaluator",
    ],
    "space.cna": ["cna"],
    "space.admin": ["admin"],
    "user.manage": ["admin"],
    "call.manage": ["admin"],
    "audit.read": ["admin"],
    "national.decide": ["cna"],
    "national.publish": ["cna"],
    "notification.log": ["cna", "admin"],
    "notification.resend": ["cna", "admin"],
    "notification.logAll": ["admin"],
  };
  for (const [action, allowed] of Object.entries(expected)) {
    it(`${action}: only ${allowed.join(", ")}`, () => {
      expect(ALL.filter((n) => can(ACTORS[n], action as Action))).toEqual(allowed);
    });
  }
  it("region actions follow the region of the role", () => {
    const bretagne = { kind: "region", regionCode: "53" } as const;
    expect(ALL.filter((n) => can(ACTORS[n], "region.finalize", bretagne))).toEqual(["coordinator"]);
    expect(ALL.filter((n) => can(ACTORS[n], "region.read", bretagne))).toEqual([
      "coordinator",
      "evaluator",
      "unassignedEvaluator",
      "conflictedEvaluator",
      "cna",
    ]);
  });
});

describe("fails closed", () => {
  it("refuses a deactivated user everything", () => {
    for (const action of ACTIONS) expect(can(ACTORS.deactivatedCna, action, dossier())).toBe(false);
  });
  it("refuses an unknown action and a missing actor", () => {
    expect(can(ACTORS.admin, "call.delete-everything" as Action)).toBe(false);
    expect(can(null, "space.applicant")).toBe(false);
  });
  it("refuses a user without role everything", () => {
    for (const action of ACTIONS) expect(can(ACTORS.noRole, action)).toBe(false);
  });
  it("assertCan hides a refusal as not found", () => {
    expect(() => assertCan(ACTORS.otherApplicant, "application.read", dossier())).toThrowError(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => assertCan(null, "space.cna")).toThrowError(
      expect.objectContaining({ code: "UNAUTHORIZED" }),
    );
  });
});

describe("evaluations and their synthesis", () => {
  it("the coordinator reads them while the region works, the national cell once it is finalised", () => {
    expect(
      ALL.filter((n) =>
        can(
          ACTORS[n],
          "application.readEvaluations",
          dossier({
            status: "REGIONAL_DONE",
            regionFinalized: true,
            noConflictUserIds: ["coordinator", "cna"],
          }),
        ),
      ),
    ).toEqual(["coordinator", "cna"]);
  });
  it("a coordinator who declared a conflict reads neither the dossier nor its scores", () => {
    const conflicted = dossier({
      noConflictUserIds: ["evaluator"],
      conflictedUserIds: ["coordinator"],
    });
    for (const action of [
      "application.read",
      "application.readEvaluations",
      "application.regionalOpinion",
    ] as const) {
      expect(can(ACTORS.coordinator, action, conflicted)).toBe(false);
    }
  });
});

// ── After the decision (issue 6) ──
function convention(overrides: Partial<ConventionFacts> = {}): ConventionFacts {
  return {
    kind: "convention",
    ownerId: "owner",
    collaboratorIds: ["coEditor"],
    regionCode: "53",
    status: "SENT",
    ...overrides,
  };
}

describe("policy on a convention", () => {
  const who = (action: Action, c: ConventionFacts) => ALL.filter((n) => can(ACTORS[n], action, c));
  it("read by the national cell, the region's coordinator and, once sent, the applicant side", () => {
    expect(who("convention.read", convention())).toEqual([
      "owner",
      "coEditor",
      "coordinator",
      "cna",
    ]);
    expect(who("convention.read", convention({ status: "TO_PREPARE" }))).toEqual([
      "coordinator",
      "cna",
    ]);
  });
  it("signed by the owner alone while sent; reports filed by the applicant side once countersigned", () => {
    expect(who("convention.sign", convention())).toEqual(["owner"]);
    expect(who("convention.sign", convention({ status: "SIGNED_BY_POLE" }))).toEqual([]);
    expect(who("report.submit", convention())).toEqual([]);
    expect(who("report.submit", convention({ status: "COUNTERSIGNED" }))).toEqual([
      "owner",
      "coEditor",
    ]);
    expect(
      who(
        "report.submit",
        convention({ status: "COUNTERSIGNED", ownerId: "otherApplicant", collaboratorIds: [] }),
      ),
    ).toEqual(["otherApplicant"]);
  });
  it("managed, paid and reviewed by the national cell only", () => {
    for (const action of ["convention.manage", "payment.record", "report.review"] as const) {
      expect(who(action, convention({ status: "COUNTERSIGNED" }))).toEqual(["cna"]);
    }
  });
  it("exports for the national cell and regional coordinators; API tokens for every non-applicant role; national statistics for the CNA", () => {
    expect(ALL.filter((n) => can(ACTORS[n], "export.run"))).toEqual([
      "coordinator",
      "otherRegionCoordinator",
      "cna",
    ]);
    expect(ALL.filter((n) => can(ACTORS[n], "apiToken.manage"))).toEqual([
      "coordinator",
      "evaluator",
      "unassignedEvaluator",
      "conflictedEvaluator",
      "otherRegionCoordinator",
      "otherRegionEvaluator",
      "cna",
      "admin",
    ]);
    expect(ALL.filter((n) => can(ACTORS[n], "statistics.national"))).toEqual(["cna"]);
  });
});

describe("declarations of interests of the national cell", () => {
  const national = (over: Partial<Parameters<typeof dossier>[0]> = {}) =>
    dossier({ regionFinalized: true, status: "REGIONAL_DONE", ...over });
  const STATES = {
    undeclared: national(),
    noConflict: national({ noConflictUserIds: ["coordinator", "evaluator", "cna"] }),
    conflict: national({ conflictedUserIds: ["conflictedEvaluator", "cna"] }),
  } as const;
  // What a CNA member may do on the dossier, in each state of their declaration.
  const EXPECTED: Record<keyof typeof STATES, Partial<Record<Action, boolean>>> = {
    undeclared: {
      "national.declareInterest": true,
      "application.read": false,
      "application.message": false,
      "application.readEvaluations": false,
      "national.review": false,
      "national.decide": false,
      "application.readSummary": true,
    },
    noConflict: {
      "national.declareInterest": false,
      "application.read": true,
      "application.message": true,
      "application.readEvaluations": true,
      "national.review": true,
      "national.decide": true,
      "application.readSummary": true,
    },
    conflict: {
      "national.declareInterest": false,
      "application.read": false,
      "application.message": false,
      "application.readEvaluations": false,
      "national.review": false,
      "national.decide": false,
      "application.readSummary": true,
    },
  };
  for (const [state, actions] of Object.entries(EXPECTED) as [
    keyof typeof STATES,
    Partial<Record<Action, boolean>>,
  ][]) {
    for (const [action, allowed] of Object.entries(actions) as [Action, boolean][]) {
      it(`a CNA member ${state === "undeclared" ? "who has not declared" : state === "noConflict" ? "who declared no conflict" : "who declared a conflict"}: ${action} ${allowed ? "allowed" : "refused"}`, () => {
        expect(can(ACTORS.cna, action, STATES[state])).toBe(allowed);
        if (!allowed)
          expect(() => assertCan(ACTORS.cna, action, STATES[state])).toThrowError(
            expect.objectContaining({ code: "NOT_FOUND" }),
          );
      });
    }
  }
  it("the list-level national actions do not depend on any declaration", () => {
    for (const action of ["national.review", "national.decide", "national.publish"] as const)
      expect(can(ACTORS.cna, action)).toBe(true);
  });
  it("only a CNA member declares, once, on a dossier of a finalised region in a national status", () => {
    expect(
      ALL.filter((n) => can(ACTORS[n], "national.declareInterest", STATES.undeclared)),
    ).toEqual(["cna"]);
    expect(can(ACTORS.cna, "national.declareInterest", national({ regionFinalized: false }))).toBe(
      false,
    );
    for (const status of ["SUBMITTED", "UNDER_REVIEW", "INADMISSIBLE", "WITHDRAWN"] as const) {
      expect(can(ACTORS.cna, "national.declareInterest", national({ status }))).toBe(false);
    }
    for (const status of ["LAUREATE", "RESERVE", "NOT_RETAINED"] as const) {
      expect(can(ACTORS.cna, "national.declareInterest", national({ status }))).toBe(true);
    }
    expect(can(ACTORS.deactivatedCna, "national.declareInterest", STATES.undeclared)).toBe(false);
  });
  it("a regional declaration of no conflict opens nothing national to a regional member", () => {
    for (const action of [
      "national.review",
      "national.decide",
      "national.declareInterest",
    ] as const) {
      expect(can(ACTORS.coordinator, action, STATES.noConflict)).toBe(false);
    }
  });
  it("the declaration of another member does not count", () => {
    const other = national({ noConflictUserIds: ["coordinator", "evaluator", "anotherCnaMember"] });
    expect(can(ACTORS.cna, "application.read", other)).toBe(false);
    expect(can(ACTORS.cna, "national.review", other)).toBe(false);
  });
});
