// The decision letter (PDF) sent to every applicant at publication: a complete administrative decision —
// the outcome, the amount, the national score and rank, the funding line and the quality threshold, the
// evaluators' appreciations per criterion, the reasons, and the « voies et délais de recours ».
// Pure: the same input gives the same bytes. The sentences are exported so the applicant's page says the same.
import { formatDate, formatEuros, formatShare, plural } from "@/lib/format";
import { formatScore } from "@/lib/national/labels";
import { BLUE, GREY, PdfDocumentWriter, TEXT } from "@/lib/pdf/document";

type Outcome = "LAUREATE" | "RESERVE" | "NOT_RETAINED";

/** One criterion of the grid as the applicant reads it: the evaluators' mean score and their comments. */
export type CriterionAppreciation = {
  label: string;
  weightBps: number;
  maxScore: number;
  /** mean of the evaluators' scores, in hundredths of a point (350 = 3,50); null without a submitted evaluation */
  meanScore: number | null;
  comments: string[];
};

/** What explains the decision beyond its outcome (read by `decisionDetails` in lib/national/data.ts). */
export type DecisionDetails = {
  /** national score, hundredths (0–10 000) */
  score: number | null;
  /** place in the national ranking of the call's dossiers (1..rankedCount) */
  meritRank: number | null;
  rankedCount: number;
  /** the lowest national score among the laureates */
  fundingLineScore: number | null;
  /** the call's quality threshold, hundredths (0 = none) */
  qualityThreshold: number;
  /** the last grant reduced to the envelope left */
  adjusted: boolean;
  /** the amount proposed for the dossier (national, else regional), cents */
  proposedAmountCents: number | null;
  /** why a reserve or not-retained dossier is not funded */
  passOverReason: string | null;
  criteria: CriterionAppreciation[];
  /** the author of the decision, to whom a recours gracieux is addressed */
  authorName: string;
};

export type LetterInput = DecisionDetails & {
  reference: string;
  callTitle: string;
  poleName: string;
  carrierName: string;
  addressLines: string[];
  outcome: Outcome;
  amountCents: number | null;
  reserveRank: number | null;
  reasons: string;
  publishedAt: Date;
};

/** The author when the call names no grantor. */
export const DEFAULT_AUTHOR = "la cellule nationale d'animation de l'AMI PTCE";

/** The letter's signature: the cell signs for the grantor (the author of the decision). */
function signatureText(authorName: string): string {
  const cell = "la cellule nationale d'animation de l'AMI PTCE";
  // The grantor's name is written as configured (« Ministère de … »): named as the authority, not after « pour ».
  return authorName === DEFAULT_AUTHOR
    ? `L${cell.slice(1)}`
    : `Pour l'autorité attribuante (${authorName}), ${cell}`;
}

export const OUTCOME_TITLES = {
  LAUREATE: "Votre projet est lauréat",
  RESERVE: "Votre projet est inscrit sur la liste complémentaire",
  NOT_RETAINED: "Votre projet n'est pas retenu",
} as const;

/** 1 → « 1er », 3 → « 3e ». */
const ordinal = (n: number) => (n === 1 ? "1er" : `${n}e`);

/** The amount line of the decision (null when there is none to state). */
export function amountText(
  d: Pick<LetterInput, "outcome" | "amountCents" | "adjusted" | "proposedAmountCents">,
): string | null {
  if (d.outcome === "LAUREATE") {
    const adjusted =
      d.adjusted && d.proposedAmountCents !== null && d.proposedAmountCents !== d.amountCents
        ? ` (ajusté à l'enveloppe restante ; montant proposé : ${formatEuros(d.proposedAmountCents)})`
        : d.adjusted
          ? " (ajusté à l'enveloppe restante)"
          : "";
    return `Montant de la subvention attribuée : ${formatEuros(d.amountCents ?? 0)}${adjusted}`;
  }
  if (d.outcome === "RESERVE" && d.amountCents !== null)
    return `Montant proposé en cas de financement : ${formatEuros(d.amountCents)}`;
  return null;
}

/** The score, the rank, the funding line and the threshold, one sentence each. */
export function evaluationLines(d: DecisionDetails): string[] {
  const lines: string[] = [];
  if (d.score !== null)
    lines.push(`Note nationale de votre dossier : ${formatScore(d.score)} / 100`);
  if (d.meritRank !== null && d.rankedCount > 0)
    lines.push(
      `Classement national : classé ${ordinal(d.meritRank)} sur ${plural(d.rankedCount, "dossier examiné", "dossiers examinés")} par la cellule nationale`,
    );
  lines.push(
    d.fundingLineScore === null
      ? "Ligne de financement : aucun dossier n'est financé"
      : `Ligne de financement : ${formatScore(d.fundingLineScore)} / 100 (note du dernier dossier financé)`,
  );
  lines.push(
    d.qualityThreshold > 0
      ? `Seuil de qualité de l'appel (note minimale pour être financé) : ${formatScore(d.qualityThreshold)} / 100`
      : "Seuil de qualité de l'appel : aucun",
  );
  return lines;
}

/** « Gouvernance (pondération 25 %) : note moyenne des évaluateurs 3,50 / 5 ». */
export function criterionHeading(c: CriterionAppreciation): string {
  const mean =
    c.meanScore === null
      ? "non évalué"
      : `note moyenne des évaluateurs ${formatScore(c.meanScore)} / ${c.maxScore}`;
  return `${c.label} (pondération ${formatShare(c.weightBps)}) : ${mean}`;
}

export const RESERVE_RANK_LABEL = "Rang sur la liste complémentaire";
export const REASONS_TITLE = "Motifs de la décision";
export const PASS_OVER_TITLE = "Motif du non-financement";
export const APPEAL_TITLE = "Voies et délais de recours";

/** The standard French wording of the routes of appeal against an administrative decision. */
export function appealParagraphs(authorName: string): string[] {
  return [
    "La présente décision peut faire l'objet, dans un délai de deux mois à compter de sa notification :",
    `– d'un recours gracieux adressé à l'auteur de la décision, ${authorName} ;`,
    "– d'un recours contentieux devant le tribunal administratif territorialement compétent, qui peut aussi être saisi par l'application « Télérecours citoyens » accessible sur le site www.telerecours.fr.",
    "Le recours gracieux interrompt le délai du recours contentieux, qui court à nouveau à compter de la réponse de l'administration ; le silence gardé pendant deux mois sur le recours gracieux vaut décision de rejet.",
  ];
}

export async function decisionLetterPdf(input: LetterInput): Promise<Uint8Array> {
  const w = await PdfDocumentWriter.create({ margin: 56, top: 48, bottom: 60 });
  const { regular, bold, italic } = w.fonts;
  w.stateHeader();
  w.write(`Le ${formatDate(input.publishedAt)}`, regular, 10, GREY);
  w.space(6);
  for (const line of [input.carrierName, input.poleName, ...input.addressLines])
    w.write(line, regular, 10);
  w.space(14);
  w.write(`Objet : décision relative à votre dossier ${input.reference}`, bold, 11);
  w.write(input.callTitle, regular, 10, GREY);
  w.space(12);
  w.write(OUTCOME_TITLES[input.outcome], bold, 16, BLUE);
  w.space(6);
  const amount = amountText(input);
  if (input.outcome === "RESERVE")
    w.write(`${RESERVE_RANK_LABEL} : ${input.reserveRank ?? "—"}`, bold, 11);
  if (amount) w.write(amount, bold, 11);

  w.heading("Évaluation de votre dossier");
  for (const line of evaluationLines(input)) w.write(line, regular, 10);

  if (input.criteria.length) {
    w.heading("Appréciations par critère");
    for (const c of input.criteria) {
      w.space(3);
      w.write(criterionHeading(c), bold, 10);
      for (const comment of c.comments) w.write(`– ${comment}`, regular, 9.5, TEXT, 12);
    }
  }

  w.heading(REASONS_TITLE);
  w.write(input.reasons, regular, 10);
  if (input.outcome !== "LAUREATE" && input.passOverReason) {
    w.space(4);
    w.write(`${PASS_OVER_TITLE} : ${input.passOverReason}`, regular, 10);
  }
  w.space(10);
  const next =
    input.outcome === "LAUREATE"
      ? "La convention attributive de subvention vous sera adressée prochainement sur la plateforme, pour signature."
      : input.outcome === "RESERVE"
        ? "Vous serez informé par e-mail si votre projet est financé à la suite du désistement d'un lauréat."
        : "Vous pouvez présenter un nouveau dossier lors d'une prochaine édition de l'appel.";
  w.write(next, regular, 10);

  w.heading(APPEAL_TITLE);
  for (const p of appealParagraphs(input.authorName)) w.write(p, regular, 9.5);
  w.space(18);
  w.write(signatureText(input.authorName), italic, 10, GREY);
  return w.finish({
    title: `Décision ${input.reference}`,
    footer: `Décision ${input.reference}`,
    date: input.publishedAt,
  });
}
