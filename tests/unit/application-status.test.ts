import { describe, expect, it } from "vitest";
import {
  assertTransition,
  canMoveApplication,
  INITIAL_STATUS,
  nextStatuses,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
} from "@/lib/applications/status";
import { AppError } from "@/lib/errors";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

const ALL = Object.keys(STATUS_LABELS) as ApplicationStatus[];

// Every move the commands make today (lib/applications, lib/regional, lib/national mutations).
const ACCEPTED: [ApplicationStatus, ApplicationStatus][] = [
  ["DRAFT", "SUBMITTED"], // submission
  ["DRAFT", "WITHDRAWN"], // withdrawal by the owner
  ["SUBMITTED", "WITHDRAWN"],
  ["COMPLEMENT_REQUESTED", "WITHDRAWN"],
  ["UNDER_REVIEW", "WITHDRAWN"],
  ["SUBMITTED", "UNDER_REVIEW"], // admissibility: complete
  ["SUBMITTED", "INADMISSIBLE"], // admissibility: inadmissible
  ["SUBMITTED", "COMPLEMENT_REQUESTED"], // admissibility: missing documents
  ["COMPLEMENT_REQUESTED", "SUBMITTED"], // answered, or expired
  ["UNDER_REVIEW", "REGIONAL_DONE"], // region finalised
  ["REGIONAL_DONE", "UNDER_REVIEW"], // region reopened
  ["REGIONAL_DONE", "LAUREATE"], // results published
  ["REGIONAL_DONE", "RESERVE"],
  ["REGIONAL_DONE", "NOT_RETAINED"],
  ["RESERVE", "LAUREATE"], // promotion from the reserve list
  ["LAUREATE", "WITHDRAWN"], // renunciation or withdrawal of the grant
];

describe("dossier status transitions", () => {
  it("allow exactly the moves the commands make", () => {
    const allowed = ALL.flatMap((from) => nextStatuses(from).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(ACCEPTED.map(([from, to]) => `${from}→${to}`).sort());
  });

  it("refuse every other move, including staying put", () => {
    const accepted = new Set(ACCEPTED.map(([from, to]) => `${from}→${to}`));
    for (const from of ALL)
      for (const to of ALL)
        expect(canMoveApplication(from, to), `${from}→${to}`).toBe(accepted.has(`${from}→${to}`));
  });

  it("start from a draft and end in inadmissible, not retained or withdrawn", () => {
    expect(INITIAL_STATUS).toBe("DRAFT");
    expect(ALL.filter((s) => nextStatuses(s).length === 0).sort()).toEqual([
      "INADMISSIBLE",
      "NOT_RETAINED",
      "WITHDRAWN",
    ]);
  });

  it("name each move in French and cover every status", () => {
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const [from, to] of ACCEPTED)
      expect(STATUS_TRANSITIONS[from][to]?.length).toBeGreaterThan(0);
  });

  it("let the owner withdraw before the regional opinion only (as the policy says)", () => {
    const withdrawable = ALL.filter((s) => canMoveApplication(s, "WITHDRAWN") && s !== "LAUREATE");
    expect(withdrawable.sort()).toEqual(
      ["DRAFT", "SUBMITTED", "COMPLEMENT_REQUESTED", "UNDER_REVIEW"].sort(),
    );
  });

  it("assertTransition passes an allowed move and refuses another with INVALID_STATE", () => {
    expect(() => assertTransition("DRAFT", "SUBMITTED")).not.toThrow();
    let error: unknown;
    try {
      assertTransition("WITHDRAWN", "SUBMITTED");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_STATE");
    expect((error as AppError).message).toBe(
      "Un dossier ne peut passer de « Retiré » à « Déposé ».",
    );
  });
});
