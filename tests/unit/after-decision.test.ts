import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  canMoveConvention,
  conventionNumber,
  reportDueDates,
  sequenceOf,
  signatureDeadline,
} from "@/lib/conventions/rules";
import { csvField, csvLine } from "@/lib/csv";
import { csvCell } from "@/lib/exports/columns";
import { type PaymentCheck, paymentRefusal, trancheAmounts } from "@/lib/payments/rules";
import { reminderDue } from "@/lib/reports/rules";
import { funnel } from "@/lib/statistics/funnel";

describe("convention numbers and dates", () => {
  it("numbers PTCE-year-sequence and reads them back", () => {
    expect(conventionNumber(2025, 1)).toBe("PTCE-2025-001");
    expect(conventionNumber(2025, 1234)).toBe("PTCE-2025-1234");
    expect(sequenceOf("PTCE-2025-042", 2025)).toBe(42);
    expect(sequenceOf("PTCE-2024-042", 2025)).toBeNull();
    expect(() => conventionNumber(2025, 0)).toThrow();
  });
  it("has one transition table: nothing leaves a countersigned or cancelled convention", () => {
    expect(canMoveConvention("TO_PREPARE", "SENT")).toBe(true);
    expect(canMoveConvention("SENT", "COUNTERSIGNED")).toBe(false);
    expect(canMoveConvention("COUNTERSIGNED", "CANCELLED")).toBe(false);
    expect(canMoveConvention("CANCELLED", "SENT")).toBe(false);
  });
  it("counts the signing deadline and the reports' due dates in Paris days", () => {
    expect(signatureDeadline(new Date("2025-12-01T23:30:00Z"), 30).toISOString()).toBe(
      "2026-01-01T22:59:59.000Z",
    ); // already 2 Dec in Paris
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    const due = reportDueDates(new Date("2025-06-15T10:00:00Z"), 24);
    expect(due.INTERIM.toISOString()).toBe("2026-06-15T21:59:59.000Z"); // summer time
    expect(due.FINAL.toISOString()).toBe("2027-08-15T21:59:59.000Z");
  });
});

describe("payment schedule", () => {
  it("last tranche takes the remainder: the tranches always add up to the convention", () => {
    expect(trancheAmounts(33_333_33, [{ shareBps: 7000 }, { shareBps: 3000 }])).toEqual([
      23_333_33, 10_000_00,
    ]);
    expect(
      trancheAmounts(10_001, [{ shareBps: 3333 }, { shareBps: 3333 }, { shareBps: 3334 }]),
    ).toEqual([3333, 3333, 3335]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 5 }),
        (total, shares) => {
          const amounts = trancheAmounts(
            total,
            shares.map((shareBps) => ({ shareBps })),
          );
          return (
            amounts.reduce((s, a) => s + a, 0) === total &&
            amounts.slice(0, -1).every((a) => a >= 0)
          );
        },
      ),
    );
  });

  const ok: PaymentCheck = {
    conventionStatus: "COUNTERSIGNED",
    conventionAmountCents: 50_000_00,
    paidOnConventionCents: 0,
    envelopeCents: 500_000_00,
    paidOnCallCents: 0,
    tranche: {
      label: "Solde",
      condition: "AFTER_INTERIM_REPORT",
      amountCents: 15_000_00,
      paidCents: 0,
    },
    reports: [{ kind: "INTERIM", status: "ACCEPTED" }],
    amountCents: 15_000_00,
  };
  it("accepts a payment within every limit", () => expect(paymentRefusal(ok)).toBeNull());
  it("refuses before countersignature, a condition not met, over the convention, the tranche or the envelope", () => {
    expect(paymentRefusal({ ...ok, conventionStatus: "SIGNED_BY_POLE" })?.code).toBe(
      "INVALID_STATE",
    );
    expect(
      paymentRefusal({ ...ok, reports: [{ kind: "INTERIM", status: "SUBMITTED" }] }),
    ).toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("acceptation du bilan intermédiaire"),
    });
    expect(
      paymentRefusal({ ...ok, tranche: { ...ok.tranche, condition: "AFTER_FINAL_REPORT" } })
        ?.message,
    ).toContain("bilan final");
    expect(paymentRefusal({ ...ok, paidOnConventionCents: 40_000_00 })?.message).toContain(
      "au-delà du montant de la convention",
    );
    expect(paymentRefusal({ ...ok, tranche: { ...ok.tranche, paidCents: 1 } })?.message).toContain(
      "dépasse le reste de la tranche",
    );
    expect(paymentRefusal({ ...ok, paidOnCallCents: 490_000_00 })?.message).toContain(
      "au-delà de son enveloppe",
    );
    expect(paymentRefusal({ ...ok, amountCents: 0 })?.code).toBe("VALIDATION");
  });
});

describe("report reminders", () => {
  const due = new Date("2026-12-15T22:59:59Z");
  const day = 86_400_000;
  const at = (days: number) => new Date(due.getTime() - days * day);
  it("sends 30 days, 7 days before, then once overdue; only the tightest threshold reached; never twice", () => {
    expect(reminderDue(due, at(31), [])).toBeNull();
    expect(reminderDue(due, at(30), [])).toBe(30);
    expect(reminderDue(due, at(10), [30])).toBeNull();
    expect(reminderDue(due, at(7), [30])).toBe(7);
    expect(reminderDue(due, at(3), [])).toBe(7); // a report discovered late: one reminder, not two
    expect(reminderDue(due, at(3), [7])).toBeNull();
    expect(reminderDue(due, at(0.5), [30, 7])).toBeNull();
    expect(reminderDue(due, at(-1), [30, 7])).toBe(0);
    expect(reminderDue(due, at(-9), [0])).toBeNull();
  });
});

describe("CSV for French Excel", () => {
  it("quotes separators, quotes and line breaks; defuses formulas; writes decimal commas", () => {
    expect(csvField("Pôle; Bocage")).toBe('"Pôle; Bocage"');
    expect(csvField('Dit "le pôle"')).toBe('"Dit ""le pôle"""');
    expect(csvField("ligne\nsuivante")).toBe('"ligne\nsuivante"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField(null)).toBe("");
    expect(csvLine(["a", 1.5, null])).toBe("a;1,5;\r\n");
    expect(csvCell("money", 12_345_67)).toBe("12345,67");
    expect(csvCell("score", 7350)).toBe("73,50");
    expect(csvCell("date", new Date("2025-11-02T22:59:59Z"))).toBe("02/11/2025");
  });
});

describe("funnel", () => {
  it("counts each stage from the statuses and the later steps", () => {
    const rows = [
      { status: "DRAFT" as const, submitted: false, count: 5 },
      { status: "WITHDRAWN" as const, submitted: false, count: 1 },
      { status: "INADMISSIBLE" as const, submitted: true, count: 2 },
      { status: "UNDER_REVIEW" as const, submitted: true, count: 3 },
      { status: "REGIONAL_DONE" as const, submitted: true, count: 4 },
      { status: "LAUREATE" as const, submitted: true, count: 2 },
      { status: "WITHDRAWN" as const, submitted: true, count: 1 },
    ];
    expect(funnel(rows, { laureates: 2, signed: 1, paid: 1 }).map((s) => s.count)).toEqual([
      18, 12, 9, 6, 2, 1, 1,
    ]);
  });
});
