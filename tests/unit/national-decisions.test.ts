import { describe, expect, it } from "vitest";
import {
  type DecisionLine,
  decisionProblems,
  reservePromotion,
} from "@/lib/national/decision-rules";
import { decisionLetterPdf } from "@/lib/national/letters";
import { draftReasons } from "@/lib/national/reasons";
import { nationalReviewSchema, parseWhatIf } from "@/lib/national/schema";

const RULES = {
  envelopeCents: 200_000_00,
  minGrantCents: 30_000_00,
  maxGrantCents: 80_000_00,
  priorities: [
    {
      label: "Rural et QPV",
      territoryTypes: ["RURAL", "QPV"] as ("RURAL" | "QPV" | "URBAN")[],
      minShareBps: 5000,
    },
  ],
  qualityThreshold: 0,
  reserveListLength: 5,
  adjustLastGrant: false,
};
const line = (over: Partial<DecisionLine>): DecisionLine => ({
  applicationId: "x",
  reference: "AMI2025-BRE-001",
  outcome: "LAUREATE",
  amountCents: 50_000_00,
  reserveRank: null,
  territoryType: "RURAL",
  reasons: "Motifs.",
  ...over,
});
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("finalising a decision list", () => {
  it("accepts a list within the envelope, the bounds and the shares, with ranks 1..k", () => {
    expect(
      decisionProblems(
        [
          line({}),
          line({ reference: "B", outcome: "RESERVE", reserveRank: 1 }),
          line({ reference: "C", outcome: "NOT_RETAINED", amountCents: null }),
        ],
        RULES,
      ),
    ).toEqual([]);
  });
  it("names every problem in French", () => {
    const problems = decisionProblems(
      [
        line({ reference: "A", amountCents: 90_000_00 }),
        line({ reference: "B", amountCents: 80_000_00, territoryType: "URBAN" }),
        line({ reference: "C", amountCents: 80_000_00, territoryType: "URBAN" }),
        line({ reference: "D", outcome: "RESERVE", reserveRank: 2 }),
        line({ reference: "E", outcome: "NOT_RETAINED", amountCents: null, reasons: " " }),
      ],
      RULES,
      ["F"],
    ).map(plain);
    expect(problems).toEqual([
      "Décision manquante pour 1 dossier : F.",
      "A : le montant 90 000 € est hors des bornes de l'appel (30 000 € à 80 000 €).",
      "Le total attribué (250 000 €) dépasse l'enveloppe de 50 000 € (enveloppe : 200 000 €).",
      "La part « Rural et QPV » n'est pas atteinte : 36 % du montant attribué au lieu de 50 % au moins.",
      "Les rangs de la liste complémentaire doivent se suivre à partir de 1, sans doublon.",
      "E : motifs de la décision manquants.",
    ]);
  });
});

describe("reserve promotion", () => {
  const reserve = [
    {
      applicationId: "r1",
      reserveRank: 1,
      amountCents: 75_000_00,
      territoryType: "URBAN" as const,
    },
    {
      applicationId: "r2",
      reserveRank: 2,
      amountCents: 60_000_00,
      territoryType: "URBAN" as const,
    },
    {
      applicationId: "r3",
      reserveRank: 3,
      amountCents: 40_000_00,
      territoryType: "RURAL" as const,
    },
  ];
  it("proposes the first by rank that fits the remaining envelope and keeps the shares", () => {
    // 200 000 − 130 000 = 70 000 € left: r1 does not fit; r2 fits but 60 000 urban of 190 000 leaves 47 % rural
    expect(
      reservePromotion(
        [
          { amountCents: 80_000_00, territoryType: "RURAL" },
          { amountCents: 50_000_00, territoryType: "URBAN" },
        ],
        reserve,
        RULES,
      ),
    ).toMatchObject({ applicationId: "r3", remainingCents: 70_000_00 });
    expect(
      reservePromotion(
        [
          { amountCents: 90_000_00, territoryType: "RURAL" },
          { amountCents: 40_000_00, territoryType: "QPV" },
        ],
        reserve,
        RULES,
      ),
    ).toMatchObject({ applicationId: "r2" });
  });
  it("proposes nothing when nothing fits", () => {
    expect(
      reservePromotion([{ amountCents: 170_000_00, territoryType: "RURAL" }], reserve, RULES),
    ).toBeNull();
  });
});

describe("reasons and letters", () => {
  it("drafts the reasons from the outcome and the regional motivation (the pass-over reason has its own heading)", () => {
    const text = draftReasons({
      outcome: "RESERVE",
      amountCents: 50_000_00,
      reserveRank: 2,
      regionalMotivation: " Projet solide. ",
    });
    expect(plain(text)).toBe(
      "Votre projet est inscrit au rang 2 de la liste complémentaire : il pourra être financé si un lauréat renonce à sa subvention.\n" +
        "Avis de la cellule régionale : Projet solide.",
    );
    expect(
      draftReasons({
        outcome: "NOT_RETAINED",
        amountCents: null,
        reserveRank: null,
        regionalMotivation: "",
      }),
    ).toBe("Votre projet n'est pas retenu.");
  });
  it("prints a decision letter with French text, the same bytes for the same input", async () => {
    const input = {
      reference: "AMI2025-BRE-001",
      callTitle: "Appel à manifestation d'intérêt « PTCE » 2025",
      poleName: "Pôle Cœur de Bocage",
      carrierName: "Association Œuvre commune",
      addressLines: ["12 rue des Tanneurs", "35000 Rennes"],
      outcome: "LAUREATE" as const,
      amountCents: 45_000_00,
      reserveRank: null,
      reasons: `Votre projet est retenu.\n- Animation : très bien… ✓ ${"long ".repeat(400)}`,
      publishedAt: new Date("2025-11-30T11:00:00Z"),
      // the decision's details (task D: the complete decision; its text is checked in decision-letter.test.ts)
      ...{
        score: 8450,
        meritRank: 3,
        rankedCount: 79,
        fundingLineScore: 7150,
        qualityThreshold: 6000,
        adjusted: false,
        proposedAmountCents: 45_000_00,
        passOverReason: null,
        authorName: "la cellule nationale d'animation de l'AMI PTCE",
        criteria: [
          {
            label: "Animation territoriale",
            weightBps: 2500,
            maxScore: 5,
            meanScore: 350,
            comments: [`Très bien… ✓ ${"long ".repeat(200)}`],
          },
        ],
      },
    };
    const a = await decisionLetterPdf(input);
    const b = await decisionLetterPdf(input);
    expect(Buffer.from(a).subarray(0, 5).toString()).toBe("%PDF-");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe("forms", () => {
  const schema = nationalReviewSchema(
    { score: 7000, amountCents: 50_000_00 },
    { minCents: 30_000_00, maxCents: 80_000_00 },
  );
  it("confirms without justification; a change needs one; an adjusted amount stays in the bounds", () => {
    expect(schema.safeParse({ score: 7000, amountCents: 50_000_00 }).success).toBe(true);
    expect(
      schema.safeParse({ score: 7100, amountCents: 50_000_00, scoreJustification: "court" })
        .success,
    ).toBe(false);
    expect(
      schema.safeParse({
        score: 7100,
        amountCents: 50_000_00,
        scoreJustification: "Justification suffisante.",
      }).success,
    ).toBe(true);
    expect(
      schema.safeParse({
        score: 7000,
        amountCents: 20_000_00,
        amountJustification: "Justification suffisante.",
      }).success,
    ).toBe(false);
    expect(schema.safeParse({ score: 70.5, amountCents: 50_000_00 }).success).toBe(false);
  });
  it("reads the what-ifs of the simulation from the address, leniently", () => {
    expect(
      parseWhatIf({ exclure: "a,b,../x", montant: "a:45000,b:abc", part: "0:30,1:150" }),
    ).toEqual({
      excludedIds: ["a", "b"],
      amounts: { a: 45_000_00 },
      shares: { 0: 3000 },
      active: true,
    });
    expect(parseWhatIf({}).active).toBe(false);
  });
});
