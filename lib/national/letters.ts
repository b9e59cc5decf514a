// The decision letter (PDF) sent to every applicant at publication: a complete administrative decision —
// the outcome, the amount, the national score and rank, the funding line and the quality threshold, the
// evaluators' appreciations per criterion, the reasons, and the « voies et délais de recours ».
// Pure: the same input gives the same bytes. The sentences are exported so the applicant's page says the same.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatDate, formatEuros, formatShare } from "@/lib/format";
import { winAnsiSafe } from "@/lib/pdf/receipt";

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

export const DEFAULT_AUTHOR = "la cellule nationale d'animation de l'AMI PTCE";

export const OUTCOME_TITLES = { LAUREATE: "Votre projet est lauréat", RESERVE: "Votre projet est inscrit sur la liste complémentaire", NOT_RETAINED: "Votre projet n'est pas retenu" } as const;

const TWO_DECIMALS = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const points = (hundredths: number) => TWO_DECIMALS.format(hundredths / 100);

/** 1 → « 1er », 3 → « 3e ». */
export const ordinal = (n: number) => (n === 1 ? "1er" : `${n}e`);

/** The amount line of the decision (null when there is none to state). */
export function amountText(d: Pick<LetterInput, "outcome" | "amountCents" | "adjusted" | "proposedAmountCents">): string | null {
  if (d.outcome === "LAUREATE") {
    const adjusted = d.adjusted && d.proposedAmountCents !== null && d.proposedAmountCents !== d.amountCents ? ` (ajusté à l'enveloppe restante ; montant proposé : ${formatEuros(d.proposedAmountCents)})` : d.adjusted ? " (ajusté à l'enveloppe restante)" : "";
    return `Montant de la subvention attribuée : ${formatEuros(d.amountCents ?? 0)}${adjusted}`;
  }
  if (d.outcome === "RESERVE" && d.amountCents !== null) return `Montant proposé en cas de financement : ${formatEuros(d.amountCents)}`;
  return null;
}

/** The score, the rank, the funding line and the threshold, one sentence each. */
export function evaluationLines(d: DecisionDetails): string[] {
  const lines: string[] = [];
  if (d.score !== null) lines.push(`Note nationale de votre dossier : ${points(d.score)} / 100`);
  if (d.meritRank !== null && d.rankedCount > 0) lines.push(`Classement national : classé ${ordinal(d.meritRank)} sur ${d.rankedCount} dossiers examinés par la cellule nationale`);
  lines.push(d.fundingLineScore === null ? "Ligne de financement : aucun dossier n'est financé" : `Ligne de financement : note du dernier dossier financé : ${points(d.fundingLineScore)} / 100`);
  lines.push(d.qualityThreshold > 0 ? `Seuil de qualité de l'appel (note minimale pour être financé) : ${points(d.qualityThreshold)} / 100` : "Seuil de qualité de l'appel : aucun");
  return lines;
}

/** « Gouvernance (pondération 25 %) : note moyenne des évaluateurs 3,50 / 5 ». */
export function criterionHeading(c: CriterionAppreciation): string {
  const mean = c.meanScore === null ? "non évalué" : `note moyenne des évaluateurs ${points(c.meanScore)} / ${c.maxScore}`;
  return `${c.label} (pondération ${formatShare(c.weightBps)}) : ${mean}`;
}

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

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const BLUE = rgb(0, 0, 0x91 / 255);
const GREY = rgb(0.4, 0.4, 0.4);
const TEXT = rgb(0.1, 0.1, 0.1);

/** Lines of at most `width` points; a word wider than the line is cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const words = winAnsiSafe(rawLine).split(" ").filter(Boolean);
    let line = "";
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
      else {
        if (line) out.push(line);
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
          out.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

export async function decisionLetterPdf(input: LetterInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - 48;
  };
  newPage();
  const write = (text: string, font: PDFFont, size: number, color = TEXT, indent = 0) => {
    for (const line of wrap(text, font, size, WIDTH - indent)) {
      if (y - size * 1.4 < 60) newPage();
      page.drawText(line, { x: MARGIN + indent, y: y - size, font, size, color });
      y -= size * 1.4;
    }
  };
  const heading = (text: string) => {
    if (y < 140) newPage(); // a heading is not left alone at the foot of a page
    y -= 10;
    write(text, bold, 12, BLUE);
    y -= 2;
  };
  write("RÉPUBLIQUE FRANÇAISE", bold, 13);
  write("Liberté, Égalité, Fraternité", italic, 8.5, GREY);
  y -= 8;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 1.5, color: BLUE });
  y -= 16;
  write(`Le ${formatDate(input.publishedAt)}`, regular, 10, GREY);
  y -= 6;
  for (const line of [input.carrierName, `Pôle ${input.poleName}`, ...input.addressLines]) write(line, regular, 10);
  y -= 14;
  write(`Objet : décision relative à votre dossier ${input.reference}`, bold, 11);
  write(input.callTitle, regular, 10, GREY);
  y -= 12;
  write(OUTCOME_TITLES[input.outcome], bold, 16, BLUE);
  y -= 6;
  const amount = amountText(input);
  if (input.outcome === "RESERVE") write(`Rang sur la liste complémentaire : ${input.reserveRank ?? "—"}`, bold, 11);
  if (amount) write(amount, bold, 11);

  heading("Évaluation de votre dossier");
  for (const line of evaluationLines(input)) write(line, regular, 10);

  if (input.criteria.length) {
    heading("Appréciations par critère");
    for (const c of input.criteria) {
      y -= 3;
      write(criterionHeading(c), bold, 10);
      for (const comment of c.comments) write(`– ${comment}`, regular, 9.5, TEXT, 12);
    }
  }

  heading("Motifs de la décision");
  write(input.reasons, regular, 10);
  if (input.outcome !== "LAUREATE" && input.passOverReason) {
    y -= 4;
    write(`${PASS_OVER_TITLE} : ${input.passOverReason}`, regular, 10);
  }
  y -= 10;
  const next =
    input.outcome === "LAUREATE"
      ? "La convention attributive de subvention vous sera adressée prochainement sur la plateforme, pour signature."
      : input.outcome === "RESERVE"
        ? "Vous serez informé par e-mail si votre projet est financé à la suite du désistement d'un lauréat."
        : "Vous pouvez présenter un nouveau dossier lors d'une prochaine édition de l'appel.";
  write(next, regular, 10);

  heading(APPEAL_TITLE);
  for (const p of appealParagraphs(input.authorName)) write(p, regular, 9.5);
  y -= 18;
  write("La cellule nationale d'animation de l'AMI PTCE", italic, 10, GREY);
  pages.forEach((p, i) => {
    const footer = winAnsiSafe(`Décision ${input.reference} – page ${i + 1} / ${pages.length}`);
    p.drawText(footer, { x: MARGIN, y: 30, font: regular, size: 7.5, color: GREY });
  });
  doc.setTitle(`Décision ${input.reference}`);
  doc.setAuthor("AMI PTCE");
  doc.setCreator("AMI PTCE");
  doc.setProducer("AMI PTCE");
  doc.setLanguage("fr-FR");
  doc.setCreationDate(input.publishedAt);
  doc.setModificationDate(input.publishedAt);
  return doc.save();
}
