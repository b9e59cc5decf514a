// The decision letter (PDF) sent to every applicant at publication: the outcome, the amount or the
// reserve rank, and the reasons the national cell validated. Pure: the same input gives the same bytes.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatDate, formatEuros } from "@/lib/format";
import { winAnsiSafe } from "@/lib/pdf/receipt";

export type LetterInput = {
  reference: string;
  callTitle: string;
  poleName: string;
  carrierName: string;
  addressLines: string[];
  outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
  amountCents: number | null;
  reserveRank: number | null;
  reasons: string;
  publishedAt: Date;
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const BLUE = rgb(0, 0, 0x91 / 255);
const GREY = rgb(0.4, 0.4, 0.4);
const TEXT = rgb(0.1, 0.1, 0.1);

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const words = winAnsiSafe(rawLine).split(" ").filter(Boolean);
    let line = "";
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
      else {
        if (line) out.push(line);
        // a word wider than the line is cut
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

export const OUTCOME_TITLES = { LAUREATE: "Votre projet est lauréat", RESERVE: "Votre projet est inscrit sur la liste complémentaire", NOT_RETAINED: "Votre projet n'est pas retenu" } as const;

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
  const write = (text: string, font: PDFFont, size: number, color = TEXT, x = MARGIN, width = WIDTH) => {
    for (const line of wrap(text, font, size, width)) {
      if (y - size * 1.4 < 60) newPage();
      page.drawText(line, { x, y: y - size, font, size, color });
      y -= size * 1.4;
    }
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
  if (input.outcome === "LAUREATE") write(`Montant de la subvention attribuée : ${formatEuros(input.amountCents ?? 0)}`, bold, 11);
  if (input.outcome === "RESERVE") write(`Rang sur la liste complémentaire : ${input.reserveRank ?? "—"}`, bold, 11);
  y -= 10;
  write("Motifs de la décision", bold, 12, BLUE);
  y -= 2;
  write(input.reasons, regular, 10);
  y -= 14;
  const next =
    input.outcome === "LAUREATE"
      ? "La convention attributive de subvention vous sera adressée prochainement sur la plateforme, pour signature."
      : input.outcome === "RESERVE"
        ? "Vous serez informé par e-mail si votre projet est financé à la suite du désistement d'un lauréat."
        : "Vous pouvez présenter un nouveau dossier lors d'une prochaine édition de l'appel.";
  write(next, regular, 10);
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
