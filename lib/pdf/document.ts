// The scaffolding of the platform's text documents built page by page (the decision letter, the jury's minutes):
// A4 pages, the State's heading, wrapped text running onto new pages, headings kept with what follows, numbered
// footers and the metadata. Pure: the same calls give the same bytes (every date comes from the caller).
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { winAnsiSafe } from "@/lib/pdf/receipt";

const A4: [number, number] = [595.28, 841.89];
export const BLUE = rgb(0, 0, 0x91 / 255);
export const GREY = rgb(0.4, 0.4, 0.4);
export const TEXT = rgb(0.1, 0.1, 0.1);

export type PdfFonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont; mono: PDFFont };

/** Lines of at most `width` points; a word wider than the line is cut after a hyphen where one fits, else anywhere. */
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
          // « Auvergne-Rhône- / Alpes » rather than « Auvergne-Rhô / ne-Alpes »
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
          const hyphen = rest.lastIndexOf("-", cut - 1);
          if (hyphen > 0) cut = hyphen + 1;
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

type Layout = { margin: number; top: number; bottom: number };

/** A document written from the top of the first page down; `y` is the top of the next line. */
export class PdfDocumentWriter {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly margin: number;
  /** the width between the margins */
  readonly width: number;
  private readonly top: number;
  private readonly bottom: number;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    layout: Layout,
  ) {
    this.margin = layout.margin;
    this.width = A4[0] - 2 * layout.margin;
    this.top = layout.top;
    this.bottom = layout.bottom;
    this.newPage();
  }

  static async create(layout: Layout): Promise<PdfDocumentWriter> {
    const doc = await PDFDocument.create();
    const fonts = {
      regular: await doc.embedFont(StandardFonts.Helvetica),
      bold: await doc.embedFont(StandardFonts.HelveticaBold),
      italic: await doc.embedFont(StandardFonts.HelveticaOblique),
      mono: await doc.embedFont(StandardFonts.Courier),
    };
    return new PdfDocumentWriter(doc, fonts, layout);
  }

  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - this.top;
  }

  /** Starts a new page unless `height` fits above the bottom margin. */
  ensure(height: number) {
    if (this.y - height < this.bottom) this.newPage();
  }

  /** Whether `height` fits above the bottom margin of the current page. */
  fits(height: number) {
    return this.y - height >= this.bottom;
  }

  space(height: number) {
    this.y -= height;
  }

  /** Wrapped text, from the left margin plus `indent`. */
  write(
    text: string,
    font: PDFFont = this.fonts.regular,
    size = 9.5,
    color: Color = TEXT,
    indent = 0,
  ) {
    for (const line of wrap(text, font, size, this.width - indent)) {
      this.ensure(size * 1.4);
      this.page.drawText(line, { x: this.margin + indent, y: this.y - size, font, size, color });
      this.y -= size * 1.4;
    }
  }

  /** A horizontal line across the text width at the current position. */
  rule(color: Color = GREY, thickness = 0.3) {
    this.page.drawLine({
      start: { x: this.margin, y: this.y },
      end: { x: this.margin + this.width, y: this.y },
      thickness,
      color,
    });
  }

  /** A section heading, never left alone at the foot of a page. */
  heading(text: string) {
    this.ensure(90);
    this.y -= 12;
    this.write(text, this.fonts.bold, 12, BLUE);
    this.y -= 3;
  }

  /** The State's block and the blue rule under it. */
  stateHeader() {
    this.write("RÉPUBLIQUE FRANÇAISE", this.fonts.bold, 13);
    this.write("Liberté, Égalité, Fraternité", this.fonts.italic, 8.5, GREY);
    this.y -= 8;
    this.rule(BLUE, 1.5);
    this.y -= 15;
  }

  /** Numbers every page (« <label> – page i / n »), sets the metadata and gives the bytes. */
  async finish({
    title,
    footer,
    date,
  }: {
    title: string;
    footer: string;
    date: Date;
  }): Promise<Uint8Array> {
    this.pages.forEach((p, i) => {
      p.drawText(winAnsiSafe(`${footer} – page ${i + 1} / ${this.pages.length}`), {
        x: this.margin,
        y: 28,
        font: this.fonts.regular,
        size: 7.5,
        color: GREY,
      });
    });
    this.doc.setTitle(title);
    this.doc.setAuthor("AMI PTCE");
    this.doc.setCreator("AMI PTCE");
    this.doc.setProducer("AMI PTCE");
    this.doc.setLanguage("fr-FR");
    this.doc.setCreationDate(date);
    this.doc.setModificationDate(date);
    return this.doc.save();
  }
}
