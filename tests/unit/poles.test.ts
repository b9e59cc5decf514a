import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MemberCategory } from "@/lib/generated/prisma/enums";
import { LEGAL_FORM_LABELS, MEMBER_CATEGORY_LABELS, TERRITORY_LABELS } from "@/lib/poles/labels";
import { eligibility, type PoleInput, poleRegionOf, poleSchema } from "@/lib/poles/schema";
import { isValidSiret, LA_POSTE_SIREN, normalizeSiret } from "@/lib/poles/siret";

const VALID = "73282932000074"; // INSEE, Montrouge
const LA_POSTE_HQ = "35600000000048";

const member = (category: MemberCategory, isLegalPerson = true, name = `Membre ${category}`) => ({
  name,
  category,
  isLegalPerson,
});
const ELIGIBLE_MEMBERS = [
  member("ESS_ENTERPRISE"),
  member("OTHER_ENTERPRISE"),
  member("LOCAL_AUTHORITY"),
];

const POLE: PoleInput = {
  name: "Pôle Coopérations du Pays de Brest",
  carrierName: "Association Coopérations Brestoises",
  siret: "732 829 320 00074",
  legalForm: "ASSOCIATION",
  addressLine: "12 rue de Siam",
  postalCode: "29200",
  city: "Brest",
  departementCode: "29",
  territoryType: "RURAL",
  members: ELIGIBLE_MEMBERS,
};

const errorsOf = (input: unknown) => {
  const r = poleSchema.safeParse(input);
  return r.success
    ? {}
    : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("SIRET", () => {
  it("accepts known valid numbers, La Poste's head office and establishments included", () => {
    expect(isValidSiret(VALID)).toBe(true);
    expect(isValidSiret(LA_POSTE_HQ)).toBe(true);
    // A La Poste establishment: digit sum 3+5+6+1+5 = 20, a multiple of 5, while the Luhn key fails.
    expect(isValidSiret("35600000000015")).toBe(true);
    expect(isValidSiret("35600000000016")).toBe(false);
  });
  it("refuses a wrong checksum or length, and anything but digits", () => {
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("7328293200007")).toBe(false);
    expect(isValidSiret("732829320000740")).toBe(false);
    expect(isValidSiret("7328293200007A")).toBe(false);
    expect(isValidSiret("")).toBe(false);
  });
  it("normalizes spaces, non-breaking ones included", () => {
    expect(normalizeSiret(" 732 829 320\u00a000074 ")).toBe(VALID);
    expect(errorsOf({ ...POLE, siret: "732 829 320 00074" })).toEqual({});
    expect(poleSchema.parse(POLE).siret).toBe(VALID);
  });
  it("gives the length message, then the checksum message", () => {
    expect(errorsOf({ ...POLE, siret: "732 829 320" }).siret).toBe(
      "Le numéro SIRET doit comporter 14 chiffres.",
    );
    expect(errorsOf({ ...POLE, siret: "73282932000075" }).siret).toBe(
      "Ce numéro SIRET n'est pas valide : vérifiez-le sur l'avis de situation INSEE.",
    );
  });
  it("has exactly one check digit for any 13 digits (outside La Poste)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 13, maxLength: 13 }),
        (prefix) => {
          fc.pre(!prefix.startsWith(LA_POSTE_SIREN));
          const valid = [..."0123456789"].filter((d) => isValidSiret(prefix + d));
          expect(valid).toHaveLength(1);
        },
      ),
    );
  });
  it("checks a member's SIRET only when given, and refuses a duplicate", () => {
    const members = [
      ...ELIGIBLE_MEMBERS.map((m) => ({ ...m, siret: "" })),
      { ...member("OTHER"), siret: null },
    ];
    expect(errorsOf({ ...POLE, members })).toEqual({});
    expect(
      errorsOf({ ...POLE, members: [{ ...member("OTHER"), siret: "123" }] })["members.0.siret"],
    ).toBe("Le numéro SIRET doit comporter 14 chiffres.");
    const twice = [
      { ...member("OTHER"), siret: VALID },
      { ...member("ESS_ENTERPRISE"), siret: "73282932000074" },
    ];
    expect(errorsOf({ ...POLE, members: twice })["members.1.siret"]).toBe(
      "Ce numéro SIRET figure déjà parmi les membres.",
    );
  });
});

describe("pole profile form", () => {
  it("accepts a complete profile and derives nothing it should not", () => {
    expect(errorsOf(POLE)).toEqual({});
    const data = poleSchema.parse({
      ...POLE,
      qpvCode: "QN06201M",
      website: "www.coop-brest.fr",
      creationYear: "",
    });
    expect(data.qpvCode).toBeNull(); // not a QPV
    expect(data.website).toBe("https://www.coop-brest.fr");
    expect(data.creationYear).toBeNull();
    expect(data.governance).toBe("");
  });
  it("checks that the postal code belongs to the département", () => {
    expect(errorsOf({ ...POLE, postalCode: "35000" }).postalCode).toBe(
      "Ce code postal n'appartient pas au département choisi.",
    );
    expect(errorsOf({ ...POLE, postalCode: "29200", departementCode: "29" })).toEqual({});
    expect(
      errorsOf({ ...POLE, postalCode: "20000", departementCode: "2A", city: "Ajaccio" }),
    ).toEqual({});
    expect(
      errorsOf({ ...POLE, postalCode: "20000", departementCode: "2a", city: "Ajaccio" }),
    ).toEqual({});
    expect(errorsOf({ ...POLE, postalCode: "20200", departementCode: "2A" }).postalCode).toBe(
      "Ce code postal n'appartient pas au département choisi.",
    );
    expect(
      errorsOf({ ...POLE, postalCode: "97400", departementCode: "974", city: "Saint-Denis" }),
    ).toEqual({});
  });
  it("reports the postal code mismatch even while other fields are wrong", () => {
    expect(errorsOf({ ...POLE, name: "", postalCode: "35000" })).toEqual({
      name: "Saisissez le nom du pôle.",
      postalCode: "Ce code postal n'appartient pas au département choisi.",
    });
  });
  it("refuses an unknown département and a malformed postal code", () => {
    expect(errorsOf({ ...POLE, departementCode: "99" }).departementCode).toBe(
      "Ce département n'existe pas.",
    );
    expect(errorsOf({ ...POLE, postalCode: "2920" }).postalCode).toBe(
      "Le code postal doit comporter 5 chiffres.",
    );
  });
  it("requires a well-formed QPV code for a QPV only", () => {
    expect(errorsOf({ ...POLE, territoryType: "QPV" }).qpvCode).toBe(
      "Saisissez le code du quartier prioritaire (QPV).",
    );
    expect(errorsOf({ ...POLE, territoryType: "QPV", qpvCode: "  " }).qpvCode).toBe(
      "Saisissez le code du quartier prioritaire (QPV).",
    );
    expect(errorsOf({ ...POLE, territoryType: "QPV", qpvCode: "QP029001" }).qpvCode).toMatch(
      /^Le code QPV commence par QN/,
    );
    expect(errorsOf({ ...POLE, territoryType: "RURAL", qpvCode: "n'importe quoi" })).toEqual({});
    expect(poleSchema.parse({ ...POLE, territoryType: "QPV", qpvCode: "qn 02901 m" }).qpvCode).toBe(
      "QN02901M",
    );
    expect(poleSchema.parse({ ...POLE, territoryType: "QPV", qpvCode: "QN0750012" }).qpvCode).toBe(
      "QN0750012",
    );
  });
  it("bounds the creation year and the website", () => {
    const year = new Date().getFullYear();
    expect(errorsOf({ ...POLE, creationYear: year })).toEqual({});
    expect(errorsOf({ ...POLE, creationYear: year + 1 }).creationYear).toBe(
      "L'année de création ne peut être dans le futur.",
    );
    expect(errorsOf({ ...POLE, creationYear: 1899 }).creationYear).toBe(
      "L'année de création ne peut être antérieure à 1900.",
    );
    expect(poleSchema.parse({ ...POLE, creationYear: Number.NaN }).creationYear).toBeNull();
    for (const website of ["ftp://coop-brest.fr", "javascript:alert(1)", "https://localhost"])
      expect(errorsOf({ ...POLE, website }).website).toBe(
        "Saisissez une adresse web valide, par exemple https://www.mon-pole.fr.",
      );
    expect(poleSchema.parse({ ...POLE, website: "http://coop-brest.fr/pole" }).website).toBe(
      "http://coop-brest.fr/pole",
    );
  });
  it("requires 1 to 200 members but accepts an ineligible draft", () => {
    expect(errorsOf({ ...POLE, members: [] }).members).toBe("Ajoutez au moins un membre.");
    expect(
      errorsOf({ ...POLE, members: Array.from({ length: 201 }, () => member("OTHER")) }).members,
    ).toBe("200 membres au plus.");
    expect(errorsOf({ ...POLE, members: [member("OTHER", false)] })).toEqual({});
  });
  it("gives the region of a département", () => {
    expect(poleRegionOf("29")).toBe("53");
    expect(poleRegionOf("2A")).toBe("94");
    expect(poleRegionOf("976")).toBe("06");
    expect(poleRegionOf("99")).toBeNull();
  });
  it("labels every enum value in French", () => {
    expect(Object.keys(LEGAL_FORM_LABELS)).toHaveLength(8);
    expect(Object.keys(MEMBER_CATEGORY_LABELS)).toHaveLength(6);
    expect(TERRITORY_LABELS.QPV).toBe("Quartier prioritaire de la politique de la ville (QPV)");
  });
});

describe("eligibility (decree 2015-431 baseline)", () => {
  it("accepts three legal persons covering the three kinds of member", () => {
    expect(eligibility(ELIGIBLE_MEMBERS)).toEqual({ eligible: true, reasons: [] });
    expect(eligibility([...ELIGIBLE_MEMBERS, member("CITIZEN_GROUP", false)]).eligible).toBe(true);
  });
  it("requires three legal persons", () => {
    expect(eligibility([member("ESS_ENTERPRISE"), member("OTHER_ENTERPRISE")]).reasons).toEqual([
      "Le pôle doit réunir au moins trois personnes morales (actuellement 2).",
      "Il manque un autre membre : collectivité, organisme de recherche ou de formation, groupement de citoyens…",
    ]);
  });
  it("requires an ESS enterprise, a non-ESS enterprise and another member", () => {
    expect(
      eligibility([
        member("OTHER_ENTERPRISE"),
        member("OTHER_ENTERPRISE"),
        member("RESEARCH_TRAINING"),
      ]),
    ).toEqual({
      eligible: false,
      reasons: ["Il manque une entreprise de l'économie sociale et solidaire."],
    });
    expect(
      eligibility([member("ESS_ENTERPRISE"), member("ESS_ENTERPRISE"), member("LOCAL_AUTHORITY")])
        .reasons,
    ).toEqual(["Il manque une entreprise hors ESS."]);
    expect(
      eligibility([
        member("ESS_ENTERPRISE"),
        member("OTHER_ENTERPRISE"),
        member("OTHER_ENTERPRISE"),
      ]).reasons,
    ).toEqual([
      "Il manque un autre membre : collectivité, organisme de recherche ou de formation, groupement de citoyens…",
    ]);
    expect(eligibility([]).reasons).toHaveLength(4);
  });
  it("does not count natural persons", () => {
    const r = eligibility([
      member("ESS_ENTERPRISE"),
      member("LOCAL_AUTHORITY"),
      member("OTHER_ENTERPRISE", false),
      member("OTHER", false),
    ]);
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toBe(
      "Le pôle doit réunir au moins trois personnes morales (actuellement 2).",
    );
    expect(r.reasons[1]).toMatch(/^Il manque une entreprise hors ESS\. .*personnes physiques/);
  });
});
