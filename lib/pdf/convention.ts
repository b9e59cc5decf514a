// The grant agreement (convention attributive de subvention) of a laureate, as an A4 PDF generated
// from the dossier and the decision. A pure function, with no I/O: the same input gives the same bytes.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { formatDate, formatEuros, formatShare } from "@/lib/format";
import { BLUE_FRANCE, type Fonts, GREY, MARGIN_X, Writer } from "@/lib/pdf/receipt";

export type ConventionPdfInput = {
  number: string; // PTCE-2025-001
  callTitle: string;
  callYear: number;
  reference: string; // dossier reference
  projectTitle: string;
  presentation: string;
  poleName: string;
  carrierName: string;
  siret: string;
  legalForm: string;
  address: string;
  regionName: string;
  amountCents: number;
  durationMonths: number;
  decidedAt: Date;
  generatedAt: Date;
  tranches: { label: string; shareBps: number; amountCents: number; condition: string }[];
  indicators: { label: string; unit: string; targetYear1: string; targetYear2: string }[];
  reportDue: { interim: string; final: string }; // in words, counted from the countersignature
  signatureDelayDays: number;
};

const siretSpaced = (s: string) => s.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, "$1 $2 $3 $4");

export async function conventionPdf(input: ConventionPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const w = new Writer(doc, fonts);
  const body = { font: fonts.regular, size: 10 };
  const article = (n: number, title: string, paragraphs: string[]) => {
    w.heading(`Article ${n} – ${title}`);
    for (const p of paragraphs) {
      w.paragraph(p, body);
      w.space(4);
    }
  };

  w.lines(["RÉPUBLIQUE FRANÇAISE"], { font: fonts.bold, size: 13 });
  w.lines(["Liberté, Égalité, Fraternité"], { font: fonts.italic, size: 8.5, color: GREY });
  w.lines(["Ministère de l'Économie – Direction générale du Trésor"], {
    font: fonts.regular,
    size: 9,
    color: GREY,
  });
  w.space(10);
  w.rule(BLUE_FRANCE, 1.5);
  w.space(14);
  w.paragraph("Convention attributive de subvention", {
    font: fonts.bold,
    size: 18,
    color: BLUE_FRANCE,
  });
  w.space(2);
  w.paragraph(`N° ${input.number}`, { font: fonts.bold, size: 12 });
  w.paragraph(input.callTitle, { font: fonts.regular, size: 11 });
  w.space(10);

  w.heading("Entre les soussignés");
  w.paragraph(
    "L'État, représenté par le directeur général du Trésor, ministère de l'Économie, des Finances et de la Souveraineté " +
      "industrielle et numérique, 139 rue de Bercy, 75012 Paris, ci-après « l'État »,",
    body,
  );
  w.space(4);
  w.paragraph("et", body);
  w.space(4);
  w.field("Structure porteuse", input.carrierName);
  w.field("Forme juridique", input.legalForm);
  w.field("SIRET", siretSpaced(input.siret));
  w.field("Adresse", input.address);
  w.field("Pôle (PTCE)", input.poleName);
  w.field("Région", input.regionName);
  w.paragraph("ci-après « le bénéficiaire », représenté par son représentant légal.", body);

  article(
    1,
    "Objet",
    [
      `La présente convention a pour objet de définir les conditions dans lesquelles l'État apporte son soutien financier au projet « ${input.projectTitle} » ` +
        `(dossier ${input.reference}), retenu comme lauréat de l'appel à manifestation d'intérêt ${input.callYear} par décision du ${formatDate(input.decidedAt)}.`,
      input.presentation ? `Présentation du projet : ${input.presentation}` : "",
    ].filter(Boolean),
  );
  article(2, "Montant de la subvention", [
    `L'État attribue au bénéficiaire une subvention d'un montant de ${formatEuros(input.amountCents)} (montant maximal, non révisable à la hausse).`,
  ]);
  article(3, "Durée", [
    `La convention est conclue pour une durée de ${input.durationMonths} mois à compter de sa contre-signature par l'État. ` +
      `Le bénéficiaire la signe et la retourne dans un délai de ${input.signatureDelayDays} jours après son envoi ; à défaut, l'État peut attribuer la subvention à un projet de la liste complémentaire.`,
  ]);
  w.heading("Article 4 – Modalités de versement");
  w.paragraph(
    "La subvention est versée selon l'échéancier suivant (la dernière tranche reçoit l'arrondi au centime) :",
    body,
  );
  w.space(4);
  input.tranches.forEach((t, i) => {
    w.paragraph(
      `${i + 1}. ${t.label} : ${formatShare(t.shareBps)}, soit ${formatEuros(t.amountCents)}, ${t.condition}.`,
      body,
      MARGIN_X + 12,
    );
    w.space(2);
  });
  w.space(4);
  w.paragraph(
    "Les versements sont effectués par virement sur le compte du bénéficiaire figurant au relevé d'identité bancaire fourni avec le dossier.",
    body,
  );
  article(5, "Obligations du bénéficiaire", [
    "Le bénéficiaire s'engage à utiliser la subvention conformément à l'objet de la convention, à informer sans délai l'État de toute modification de sa situation " +
      "(gouvernance, membres, coordonnées bancaires) ou du projet, à mentionner le soutien de l'État dans sa communication et à tenir une comptabilité permettant de retracer l'emploi des fonds.",
    "Le bénéficiaire participe aux travaux d'animation proposés par la cellule nationale et, le cas échéant, à la communauté apprenante qu'il a rejointe.",
  ]);
  w.heading("Article 6 – Suivi et compte rendu");
  w.paragraph(
    `Le bénéficiaire dépose sur la plateforme un bilan intermédiaire ${input.reportDue.interim} et un bilan final ${input.reportDue.final}. ` +
      "Chaque bilan rend compte des actions menées, des indicateurs atteints au regard des cibles ci-dessous et de l'emploi de la subvention.",
    body,
  );
  w.space(4);
  if (input.indicators.length === 0)
    w.paragraph("Aucun indicateur n'a été déclaré dans le dossier.", {
      font: fonts.italic,
      size: 9.5,
      color: GREY,
    });
  for (const ind of input.indicators) {
    const unit = ind.unit ? ` ${ind.unit}` : "";
    w.paragraph(
      `• ${ind.label} : cible année 1 ${ind.targetYear1 || "—"}${unit}, cible année 2 ${ind.targetYear2 || "—"}${unit}`,
      body,
      MARGIN_X + 12,
    );
  }
  article(7, "Contrôle et reversement", [
    "L'État peut contrôler l'emploi de la subvention. En cas d'inexécution, de modification substantielle sans accord ou de retard significatif, " +
      "il peut suspendre les versements et exiger le reversement de tout ou partie des sommes versées.",
  ]);
  w.heading("Signatures");
  w.paragraph(
    `Fait en deux exemplaires, document généré le ${formatDate(input.generatedAt)}.`,
    body,
  );
  w.space(10);
  w.field("Pour le bénéficiaire", "Nom, qualité, date et signature du représentant légal");
  w.space(30);
  w.field("Pour l'État", "Le directeur général du Trésor, par délégation");
  w.space(30);

  w.footer(input.number, "Convention");
  doc.setTitle(`Convention ${input.number}`, { showInWindowTitleBar: true });
  doc.setAuthor("AMI PTCE");
  doc.setCreator("AMI PTCE");
  doc.setProducer("AMI PTCE");
  doc.setSubject(input.callTitle);
  doc.setLanguage("fr-FR");
  doc.setCreationDate(input.generatedAt);
  doc.setModificationDate(input.generatedAt);
  return doc.save();
}
