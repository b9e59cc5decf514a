import { describe, expect, it } from "vitest";
import {
  NOTIFICATION_KINDS,
  type NotificationKindSpec,
  OPTIONAL_KINDS,
  optionalKindsOf,
} from "@/lib/notifications/kinds";

const specs = Object.entries(NOTIFICATION_KINDS) as [string, NotificationKindSpec][];

describe("the kinds of notifications", () => {
  it("name the audience of every optional kind, so that its people can turn it off", () => {
    expect(specs.filter(([, s]) => !s.mandatory && !s.audience?.length).map(([k]) => k)).toEqual(
      [],
    );
    expect(optionalKindsOf(["ADMIN"])).toEqual(OPTIONAL_KINDS);
    expect(optionalKindsOf(["CRA_EVALUATOR"])).toEqual([
      "evaluation.assigned",
      "deadline.evaluation",
    ]);
    expect(optionalKindsOf([])).toEqual([]);
  });

  it("keep one-time links out of the notification list", () => {
    expect(specs.filter(([, s]) => s.secret && s.inApp).map(([k]) => k)).toEqual([]);
  });
});
