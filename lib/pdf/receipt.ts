// The "accusé de réception" given to a carrier when a dossier is submitted: an A4 PDF stating what
// was received, when (Paris time) and the fingerprint of the frozen content. A pure function, with
// no I/O: the same input always gives the same bytes.
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { formatDateTime, formatEuros } from "@/lib/format";

export type ReceiptInput = {
  reference: string; // e.g. "AMI2025-BRE-007"
  callTitle: string;
  poleName: string;
  carrierName: string; // structure porteuse
  siret: string;
  regionName: string;
  submittedAt: Date;
  submittedBy: string; // name of the person who submitted
  amountRequestedCents: number;
  contentHash: string; // SHA-256 hex of the frozen content (64 chars)
  documents: { label: string; fileName: string; sha256: string }[];
};

// Characters of WinAnsi (Windows-1252) outside ASCII and Latin-1, i.e. its 0x80–0x9F range.
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x017e, 0x0178,
]);

const NBSP = "\u00a0";

const REPLACEMENTS: Record<string, string> = {
  "\u202f": NBSP, // narrow no-break space (Intl, before "€" and between thousands): stays unbreakable
  "\u2007": NBSP, // figure space
  "\u2019": "'",
  "\u2018": "'",
  "\u2026": "...",
  "\u2010": "-",
  "\u2011": "-", // non-breaking hyphen
  "\u2212": "-", // minus sign
  "\u200b": "", // zero-width space
  "\ufeff": "", // byte order mark
  "\t": " ",
  "\n": " ",
  "\r": " ",
};

/**
 * Makes text drawable with pdf-lib's standard fonts (WinAnsi encoding): French letters, « », œ, €
 * and U+00A0 are kept; U+202F becomes U+00A0, "’" becomes "'", "…" becomes "...", other spaces
 * become " "; any other character outside WinAnsi becomes "?".
 */
export function winAnsiSafe(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const code = char.codePointAt(0)!;
    if (
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(code)
    )
      out += char;
    else if (code >= 0x2000 && code <= 0x200a) out += " ";
    else out += "?";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Layout

const A4: [number, number] = [595.28, 841.89];
export const MARGIN_X = 56;
const MARGIN_TOP = 44;
const MARGIN_BOTTOM = 56; // room for the footer
const CONTENT_WIDTH = A4[0] - 2 * MARGIN_X;

export const BLUE_FRANCE = rgb(0, 0, 0x91 / 255);
const TEXT = rgb(0.1, 0.1, 0.1);
export const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.8, 0.8, 0.8);
const BOX = rgb(0.96, 0.96, 0.98);

export type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont; mono: PDFFont };
type Style = { font: PDFFont; size: number; color?: Color };

const lineHeight = (size: number) => size * 1.35;

/** Splits text into lines no wider than `width`; a word too long for any line is cut, from the current one. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = winAnsiSafe(text)
    .split(" ")
    .filter((w) => w !== "");
  const lines: string[] = [];
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
    } else if (fits(word)) {
      lines.push(line);
      line = word;
    } else {
      let prefix = line === "" ? "" : `${line} `;
      let rest = word;
      while (!fits(prefix + rest)) {
        let cut = 0;
        while (cut < rest.length && fits(prefix + rest.slice(0, cut + 1))) cut++;
        if (cut === 0 && prefix === "") cut = 1; // a single character wider than the line
        lines.push((prefix + rest.slice(0, cut)).trimEnd());
        rest = rest.slice(cut);
        prefix = "";
      }
      line = prefix + rest;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

export class Writer {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  /** The top of the next line. */
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN_TOP;
  }

  /** Starts a new page unless `height` fits below the current position. */
  ensure(height: number) {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  space(height: number) {
    this.y -= height;
  }

  /** Draws already-wrapped lines at `x`, going to a new page when needed. */
  lines(lines: string[], style: Style, x = MARGIN_X) {
    const height = lineHeight(style.size);
    for (const line of lines) {
      this.ensure(height);
      this.page.drawText(line, {
        x,
        y: this.y - style.size,
        font: style.font,
        size: style.size,
        color: style.color ?? TEXT,
      });
      this.y -= height;
    }
  }

  paragraph(text: string, style: Style, x = MARGIN_X, width = CONTENT_WIDTH - (x - MARGIN_X)) {
    const lines = wrap(text, style.font, style.size, width);
    if (lines.length <= 5) this.ensure(lines.length * lineHeight(style.size)); // short paragraphs stay whole
    this.lines(lines, style, x);
  }

  rule(color: Color = RULE, thickness = 0.75) {
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y },
      end: { x: A4[0] - MARGIN_X, y: this.y },
      thickness,
      color,
    });
  }

  /** A tinted box of `height` from the current position, drawn before its content. */
  box(height: number, accent?: Color) {
    this.page.drawRectangle({
      x: MARGIN_X,
      y: this.y - height,
      width: CONTENT_WIDTH,
      height,
      color: BOX,
    });
    if (accent)
      this.page.drawRectangle({ x: MARGIN_X, y: this.y - height, width: 3, height, color: accent });
  }

  heading(text: string) {
    const style = { font: this.fonts.bold, size: 12, color: BLUE_FRANCE };
    this.ensure(lineHeight(12) + 6 + 3 * lineHeight(10)); // keep a heading with what follows
    this.space(10);
    this.paragraph(text, style);
    this.space(2);
    this.rule();
    this.space(6);
  }

  /** "Label :" in a left column, the value wrapped in the right one. */
  field(label: string, value: string) {
    const labelWidth = 150;
    const size = 10;
    const labelLines = wrap(`${label} :`, this.fonts.bold, size, labelWidth - 10);
    const valueLines = wrap(value, this.fonts.regular, size, CONTENT_WIDTH - labelWidth);
    const rows = Math.max(labelLines.length, valueLines.length);
    this.ensure(rows * lineHeight(size));
    const top = this.y;
    this.lines(labelLines, { font: this.fonts.bold, size, color: GREY });
    const afterLabel = this.y;
    this.y = top;
    this.lines(valueLines, { font: this.fonts.regular, size }, MARGIN_X + labelWidth);
    this.y = Math.min(this.y, afterLabel) - 3;
  }

  footer(reference: string, documentName = "Accusé de réception") {
    const size = 7.5;
    const style = { font: this.fonts.regular, size, color: GREY };
    const left = winAnsiSafe(
      `${documentName} ${reference} – document généré par la plateforme AMI PTCE`,
    );
    this.pages.forEach((page, index) => {
      const right = `Page ${index + 1} / ${this.pages.length}`;
      const y = MARGIN_BOTTOM - 32;
      page.drawLine({
        start: { x: MARGIN_X, y: y + 12 },
        end: { x: A4[0] - MARGIN_X, y: y + 12 },
        thickness: 0.5,
        color: RULE,
      });
      page.drawText(left, { ...style, x: MARGIN_X, y });
      page.drawText(right, {
        ...style,
        x: A4[0] - MARGIN_X - style.font.widthOfTextAtSize(right, size),
        y,
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------

/** The acknowledgement of receipt of a submitted dossier, as PDF bytes. */
export async function receiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const w = new Writer(doc, fonts);

  // Header: the State's block, then the title of the document.
  w.lines(["RÉPUBLIQUE FRANÇAISE"], { font: fonts.bold, size: 13 });
  w.lines(["Liberté, Égalité, Fraternité"], { font: fonts.italic, size: 8.5, color: GREY });
  w.space(10);
  w.rule(BLUE_FRANCE, 1.5);
  w.space(14);
  w.paragraph("Accusé de réception de dossier de candidature", {
    font: fonts.bold,
    size: 18,
    color: BLUE_FRANCE,
  });
  w.space(4);
  w.paragraph(input.callTitle, { font: fonts.regular, size: 12 });
  w.space(14);

  // The reference and the moment of submission, in a box.
  const refStyle = { font: fonts.bold, size: 13 };
  const dateStyle = { font: fonts.regular, size: 10.5 };
  const pad = 10;
  const innerWidth = CONTENT_WIDTH - 2 * pad - 3;
  const refLines = wrap(
    `Référence du dossier : ${input.reference}`,
    refStyle.font,
    refStyle.size,
    innerWidth,
  );
  const dateLines = wrap(
    `Déposé le ${formatDateTime(input.submittedAt)} (heure de Paris)`,
    dateStyle.font,
    dateStyle.size,
    innerWidth,
  );
  const boxHeight =
    2 * pad +
    refLines.length * lineHeight(refStyle.size) +
    2 +
    dateLines.length * lineHeight(dateStyle.size);
  w.ensure(boxHeight);
  w.box(boxHeight, BLUE_FRANCE);
  w.space(pad);
  w.lines(refLines, refStyle, MARGIN_X + pad + 3);
  w.space(2);
  w.lines(dateLines, dateStyle, MARGIN_X + pad + 3);
  w.space(pad);

  w.heading("Candidature");
  w.field("Pôle", input.poleName);
  w.field("Structure porteuse", input.carrierName);
  w.field("SIRET", input.siret);
  w.field("Région", input.regionName);
  w.field("Déposé par", input.submittedBy);
  w.field("Montant demandé", formatEuros(input.amountRequestedCents));

  w.heading(`Pièces jointes (${input.documents.length})`);
  if (input.documents.length === 0) {
    w.paragraph("Aucune pièce jointe.", { font: fonts.italic, size: 10, color: GREY });
  }
  input.documents.forEach((document, index) => {
    const indent = MARGIN_X + 16;
    const labelLines = wrap(document.label, fonts.bold, 9.5, CONTENT_WIDTH - 16);
    w.ensure(lineHeight(9.5) * (labelLines.length + 1) + lineHeight(7));
    w.lines([`${index + 1}.`], { font: fonts.bold, size: 9.5 });
    w.space(-lineHeight(9.5));
    w.lines(labelLines, { font: fonts.bold, size: 9.5 }, indent);
    w.paragraph(`Fichier : ${document.fileName}`, { font: fonts.regular, size: 9.5 }, indent);
    w.paragraph(`SHA-256 : ${document.sha256}`, { font: fonts.mono, size: 7, color: GREY }, indent);
    w.space(4);
  });

  w.heading("Empreinte du contenu déposé (SHA-256)");
  const hashStyle = { font: fonts.mono, size: 11 };
  const hashLines = wrap(
    input.contentHash,
    hashStyle.font,
    hashStyle.size,
    CONTENT_WIDTH - 2 * pad,
  );
  const hashBox = 2 * 6 + hashLines.length * lineHeight(hashStyle.size);
  w.ensure(hashBox);
  w.box(hashBox);
  w.space(6);
  w.lines(hashLines, hashStyle, MARGIN_X + pad);
  w.space(6 + 6);
  w.paragraph(
    "Cette empreinte numérique est calculée sur l’ensemble du contenu du dossier tel qu’il a été déposé " +
      "(formulaire et pièces jointes). Elle permet de vérifier que le dossier n’a pas été modifié après son " +
      "dépôt : la moindre modification produirait une empreinte différente.",
    { font: fonts.regular, size: 9.5 },
  );
  w.space(10);
  w.paragraph(
    "Le présent accusé de réception atteste du dépôt du dossier. Il ne préjuge ni de sa recevabilité ni de " +
      "la suite qui lui sera donnée.",
    { font: fonts.italic, size: 9, color: GREY },
  );

  w.footer(input.reference);

  doc.setTitle(`Accusé de réception ${input.reference}`, { showInWindowTitleBar: true });
  doc.setAuthor("AMI PTCE");
  doc.setCreator("AMI PTCE");
  doc.setProducer("AMI PTCE");
  doc.setSubject(input.callTitle); // metadata is UTF-16: any character goes
  doc.setLanguage("fr-FR");
  doc.setCreationDate(input.submittedAt);
  doc.setModificationDate(input.submittedAt);
  return doc.save();
}
