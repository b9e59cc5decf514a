import { describe, expect, it } from "vitest";
import { decisionLetterPdf, type LetterInput } from "@/lib/national/letters";
import { pageTexts, pdfText } from "../fixtures/pdf-text";

const base: LetterInput = {
  reference: "AMI2025-BRE-003",
  callTitle: "Appel à manifestation d'intérêt « PTCE » 2025",
  poleName: "Pôle Cœur de Bocage",
  carrierName: "Association Œuvre commune",
  addressLines: ["12 rue des Tanneurs", "35000 Rennes"],
  outcome: "LAUREATE",
  amountCents: 62_000_00,
  reserveRank: null,
  reasons: "Votre projet est retenu par la cellule nationale d'animation.",
  publishedAt: new Date("2025-12-18T10:00:00Z"),
  score: 8450,
  meritRank: 3,
  rankedCount: 79,
  fundingLineScore: 7150,
  qualityThreshold: 6000,
  adjusted: false,
  proposedAmountCents: 62_000_00,
  passOverReason: null,
  authorName: "la cellule nationale d'animation de l'AMI PTCE",
  criteria: [
    {
      label: "Animation territoriale",
      weightBps: 2500,
      maxScore: 5,
      meanScore: 350,
      comments: [
        "Gouvernance partagée et réunions régulières.",
        "Animation solide du réseau local.",
      ],
    },
    {
      label: "Modèle économique",
      weightBps: 2000,
      maxScore: 5,
      meanScore: 400,
      comments: ["Retombées économiques chiffrées."],
    },
    { label: "Coopération", weightBps: 1500, maxScore: 4, meanScore: null, comments: [] },
  ],
};

const APPEALS = [
  "Voies et délais de recours",
  "dans un délai de deux mois à compter de sa notification",
  "recours gracieux adressé à l'auteur de la décision, la cellule nationale d'animation de l'AMI PTCE",
  "recours contentieux devant le tribunal administratif territorialement compétent",
  "Télérecours citoyens",
  "www.telerecours.fr",
];

describe("the decision letter", () => {
  it("a laureate's letter gives the outcome, amount, score, rank, funding line, threshold, criteria, reasons and appeal routes", async () => {
    const text = await pdfText(await decisionLetterPdf(base));
    for (const expected of [
      "Votre projet est lauréat",
      "Montant de la subvention attribuée : 62 000 €",
      "Note nationale de votre dossier : 84,50 / 100",
      "classé 3e sur 79 dossiers",
      "71,50 / 100 (note du dernier dossier financé)",
      "Seuil de qualité de l'appel (note minimale pour être financé) : 60,00 / 100",
      "Appréciations par critère",
      "Animation territoriale (pondération 25 %) : note moyenne des évaluateurs 3,50 / 5",
      "– Gouvernance partagée et réunions régulières.",
      "– Animation solide du réseau local.",
      "Modèle économique (pondération 20 %) : note moyenne des évaluateurs 4,00 / 5",
      "Coopération (pondération 15 %) : non évalué",
      "Motifs de la décision",
      "Votre projet est retenu par la cellule nationale d'animation.",
      "La convention attributive de subvention vous sera adressée",
      ...APPEALS,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("ajusté");
    expect(text).not.toContain("Motif du non-financement");
  });

  it("is signed by the cell for the grantor, the author of the decision; by the cell alone when the call names none", async () => {
    const grantor = "Ministère chargé de l'économie sociale et solidaire";
    const text = await pdfText(await decisionLetterPdf({ ...base, authorName: grantor }));
    expect(text).toContain(`recours gracieux adressé à l'auteur de la décision, ${grantor} ;`);
    expect(text).toContain(
      `Pour l'autorité attribuante (${grantor}), la cellule nationale d'animation de l'AMI PTCE`,
    );
    const unnamed = await pdfText(await decisionLetterPdf(base));
    expect(unnamed).toContain("La cellule nationale d'animation de l'AMI PTCE");
    expect(unnamed).not.toContain("Pour ");
  });

  it("counts in the singular below two, and gives the pass-over reason once, under its own heading", async () => {
    const alone = await pdfText(await decisionLetterPdf({ ...base, meritRank: 1, rankedCount: 1 }));
    expect(alone).toContain("classé 1er sur 1 dossier examiné par la cellule nationale");
    const reason = "L'enveloppe restante, 18 000 €, est inférieure au montant de 62 000 €.";
    const reserve = await pdfText(
      await decisionLetterPdf({
        ...base,
        outcome: "RESERVE",
        reserveRank: 2,
        passOverReason: reason,
        reasons: "Votre projet est inscrit au rang 2 de la liste complémentaire.",
      }),
    );
    expect(reserve.split(reason)).toHaveLength(2);
    expect(reserve).toContain(`Motif du non-financement : ${reason}`);
  });

  it("says when the last grant was adjusted to the envelope left", async () => {
    const text = await pdfText(
      await decisionLetterPdf({ ...base, amountCents: 18_000_00, adjusted: true, meritRank: 9 }),
    );
    expect(text).toContain(
      "Montant de la subvention attribuée : 18 000 € (ajusté à l'enveloppe restante ; montant proposé : 62 000 €)",
    );
    expect(text).toContain("classé 9e sur 79");
  });

  it("a reserve letter gives its rank on the list, its pass-over reason and the appeal routes", async () => {
    const reserve: LetterInput = {
      ...base,
      outcome: "RESERVE",
      reserveRank: 2,
      score: 7000,
      meritRank: 12,
      passOverReason: "L'enveloppe restante, 18 000 €, est inférieure au montant de 62 000 €.",
      reasons: "Votre projet est inscrit sur la liste complémentaire.",
    };
    const text = await pdfText(await decisionLetterPdf(reserve));
    for (const expected of [
      "Votre projet est inscrit sur la liste complémentaire",
      "Rang sur la liste complémentaire : 2",
      "Montant proposé en cas de financement : 62 000 €",
      "Note nationale de votre dossier : 70,00 / 100",
      "classé 12e sur 79",
      "71,50 / 100 (note du dernier dossier financé)",
      "Motif du non-financement : L'enveloppe restante, 18 000 €, est inférieure au montant de 62 000 €.",
      "si votre projet est financé à la suite du désistement",
      ...APPEALS,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("a not-retained letter gives the pass-over reason, the first rank as « 1er », and no amount", async () => {
    const refused: LetterInput = {
      ...base,
      outcome: "NOT_RETAINED",
      amountCents: null,
      score: 5200,
      meritRank: 1,
      qualityThreshold: 0,
      passOverReason: "Note nationale inférieure au seuil de qualité (60,00).",
      reasons: "Votre projet n'est pas retenu.",
    };
    const text = await pdfText(await decisionLetterPdf(refused));
    for (const expected of [
      "Votre projet n'est pas retenu",
      "Note nationale de votre dossier : 52,00 / 100",
      "classé 1er sur 79",
      "Seuil de qualité de l'appel : aucun",
      "Motif du non-financement : Note nationale inférieure au seuil de qualité (60,00).",
      ...APPEALS,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Montant");
  });

  it("wraps long comments onto further pages, numbered, and gives the same bytes for the same input", async () => {
    const long =
      "Le pôle démontre une capacité d'animation remarquable sur l'ensemble du territoire intercommunal. ".repeat(
        12,
      );
    const input: LetterInput = {
      ...base,
      criteria: Array.from({ length: 6 }, (_, i) => ({
        label: `Critère ${i + 1}`,
        weightBps: 1000,
        maxScore: 5,
        meanScore: 300,
        comments: [`${long}(évaluateur 1)`, `${long}(évaluateur 2)`],
      })),
    };
    const bytes = await decisionLetterPdf(input);
    const pages = await pageTexts(bytes);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.at(-1)).toContain(`page ${pages.length} / ${pages.length}`);
    expect(pages.at(-1)).toContain("Voies et délais de recours");
    const text = await pdfText(bytes);
    expect(text).toContain("Critère 6 (pondération 10 %)");
    expect(text).toContain("territoire intercommunal. (évaluateur 2)");
    // no line is wider than the page: the longest drawn line stays far below the comment's length
    expect(
      Math.max(
        ...pages
          .join("\n")
          .split("\n")
          .map((l) => l.length),
      ),
    ).toBeLessThan(120);
    expect(Buffer.from(bytes).equals(Buffer.from(await decisionLetterPdf(input)))).toBe(true);
  });
});
