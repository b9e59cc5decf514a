import { describe, expect, it } from "vitest";
import { nextPhases, phaseChangeRefusal } from "@/lib/calls/phase";
import { callInputSchema } from "@/lib/calls/schema";
import { CALL_2025, nextEditionInput } from "@/prisma/demo";

const errorsOf = (input: unknown) => {
  const r = callInputSchema.safeParse(input);
  return r.success
    ? {}
    : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("call form", () => {
  it("accepts the 2025 edition and the next one", () => {
    expect(errorsOf(CALL_2025)).toEqual({});
    expect(errorsOf(nextEditionInput(new Date("2026-11-22T10:00:00Z")))).toEqual({});
  });
  it("refuses weights that do not sum to 100 %", () => {
    const criteria = CALL_2025.criteria.map((c, i) => (i === 0 ? { ...c, weightBps: 3000 } : c));
    expect(errorsOf({ ...CALL_2025, criteria }).criteria).toBe(
      "Les pondérations doivent totaliser 100 % (actuellement 105 %).",
    );
  });
  it("refuses a deadline before the opening", () => {
    expect(
      errorsOf({ ...CALL_2025, deadlineAt: new Date("2025-10-01T00:00:00Z") }).deadlineAt,
    ).toBe("La date limite de dépôt doit suivre la date d'ouverture.");
  });
  it("refuses a minimum grant above the maximum, and a maximum above the envelope", () => {
    expect(errorsOf({ ...CALL_2025, minGrantCents: 90_000_00 }).minGrantCents).toBe(
      "Le montant minimum doit être inférieur ou égal au maximum.",
    );
    expect(errorsOf({ ...CALL_2025, maxGrantCents: 600_000_00 }).maxGrantCents).toBe(
      "Le montant maximum ne peut dépasser l'enveloppe.",
    );
  });
  it("requires a descriptor for each level of a criterion", () => {
    const criteria = CALL_2025.criteria.map((c, i) => (i === 0 ? { ...c, levels: ["Absent"] } : c));
    expect(errorsOf({ ...CALL_2025, criteria })["criteria.0.levels"]).toBe(
      "Décrivez chaque niveau de note, de 0 à la note maximale.",
    );
  });
  it("requires payment tranches summing to 100 %", () => {
    expect(
      errorsOf({
        ...CALL_2025,
        tranches: [{ label: "Unique", shareBps: 9000, condition: "ON_SIGNATURE" }],
      }).tranches,
    ).toBe("Les tranches doivent totaliser 100 % (actuellement 90 %).");
  });
  it("dates the next edition from the day the seed runs: open now, due in five weeks", () => {
    const today = new Date("2026-11-22T10:00:00Z");
    const next = nextEditionInput(today);
    expect(next.year).toBe(2026);
    expect(new Date(next.opensAt as Date) < today).toBe(true);
    expect((next.deadlineAt as Date).toISOString()).toBe("2026-12-27T22:59:59.000Z");
  });
});

describe("call phases", () => {
  const facts = {
    deadlineAt: new Date("2025-11-02T22:59:59Z"),
    submittedCount: 3,
    openRegionalReviews: 1,
    resultsPublished: false,
  };
  it("closes submissions only after the deadline", () => {
    expect(
      phaseChangeRefusal("OPEN", "REGIONAL_REVIEW", facts, new Date("2025-11-02T22:00:00Z")),
    ).toBe("La date limite de dépôt n'est pas encore passée.");
    expect(
      phaseChangeRefusal("OPEN", "REGIONAL_REVIEW", facts, new Date("2025-11-03T00:00:00Z")),
    ).toBeNull();
  });
  it("waits for every region before the national analysis", () => {
    expect(phaseChangeRefusal("REGIONAL_REVIEW", "NATIONAL_REVIEW", facts)).toBe(
      "Toutes les régions n'ont pas finalisé leur instruction.",
    );
    expect(
      phaseChangeRefusal("REGIONAL_REVIEW", "NATIONAL_REVIEW", {
        ...facts,
        openRegionalReviews: 0,
      }),
    ).toBeNull();
  });
  it("refuses moves absent from the table", () => {
    expect(phaseChangeRefusal("DRAFT", "DECIDED", facts)).toBe(
      "Passage impossible de « En préparation » à « Résultats publiés ».",
    );
    expect(nextPhases("ARCHIVED")).toEqual([]);
  });
  it("keeps a call with dossiers from going back to preparation", () => {
    expect(phaseChangeRefusal("OPEN", "DRAFT", facts)).toBe(
      "Des dossiers ont déjà été déposés : l'appel ne peut revenir en préparation.",
    );
  });
});
