import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { type ReceiptInput, receiptPdf, winAnsiSafe } from "@/lib/pdf/receipt";
import { pageContents, pageTexts } from "../fixtures/pdf-text";

const NBSP = "\u00a0";
const HASH = "3f9a1c7e5b2d4086a1e9c3b7d5f20846e1a3c5b7d9f1e2a4c6b8d0f2e4a6c8b0";

const input: ReceiptInput = {
  reference: "AMI2025-BRE-007",
  callTitle:
    "Appel à manifestation d’intérêt 2025 – Pôles territoriaux de coopération économique (PTCE)",
  poleName: "Pôle Coopératif du Bocage Normand",
  carrierName: "Association « Les Ateliers de l’Économie Solidaire du Bocage »",
  siret: "12345678900012",
  regionName: "Normandie",
  // 23:12 in Paris (UTC+1 in November), already 3 November in Auckland where the tests run.
  submittedAt: new Date("2025-11-02T22:12:00Z"),
  submittedBy: "Hélène Lefèvre-Duchâtel",
  amountRequestedCents: 12_345_600,
  contentHash: HASH,
  documents: [
    {
      label: "Statuts de la structure porteuse à jour, datés et signés",
      fileName: "statuts_association_ateliers_economie_solidaire_bocage_version_signee_2025.pdf",
      sha256: "a".repeat(64),
    },
    {
      label: "Budget prévisionnel triennal du pôle (2026-2028) et plan de financement",
      fileName: "budget_previsionnel_triennal_PTCE_bocage_normand_2026-2028_v3_definitif.xlsx",
      sha256: "b".repeat(64),
    },
    {
      label:
        "Lettres d’engagement des membres fondateurs (collectivités, entreprises, structures de l’ESS)",
      fileName: "lettres_engagement_membres_fondateurs_collectivites_entreprises_ESS.pdf",
      sha256: "c".repeat(64),
    },
    {
      label: "Dernier rapport d’activité approuvé par l’assemblée générale",
      fileName: "rapport_activite_2024_approuve_assemblee_generale_du_14_juin_2025.pdf",
      sha256: "d".repeat(64),
    },
    {
      label: "Comptes annuels certifiés du dernier exercice clos",
      fileName: "comptes_annuels_certifies_exercice_2024_commissaire_aux_comptes.pdf",
      sha256: "e".repeat(64),
    },
    {
      label: "Relevé d’identité bancaire de la structure porteuse",
      fileName: "RIB_association_ateliers_economie_solidaire.pdf",
      sha256: "f".repeat(64),
    },
  ],
};

describe("receiptPdf", () => {
  it("produces a PDF with its metadata", async () => {
    const bytes = await receiptPdf(input);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const [width, height] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]); // A4
    expect(doc.getTitle()).toBe("Accusé de réception AMI2025-BRE-007");
    expect(doc.getAuthor()).toBe("AMI PTCE");
    expect(doc.getCreationDate()?.toISOString()).toBe("2025-11-02T22:12:00.000Z");
    expect(doc.catalog.lookup(PDFName.of("Lang"), PDFString).decodeText()).toBe("fr-FR");
  });

  it("shows the reference, the Paris date, the candidacy, the documents and the fingerprint", async () => {
    const [text] = await pageTexts(await receiptPdf(input));
    for (const expected of [
      "RÉPUBLIQUE FRANÇAISE",
      "Accusé de réception de dossier de candidature",
      "Appel à manifestation d'intérêt 2025 – Pôles territoriaux",
      "Référence du dossier : AMI2025-BRE-007",
      "Déposé le 2 novembre 2025 à 23 h 12 (heure de Paris)",
      "Pôle Coopératif du Bocage Normand",
      "Association « Les Ateliers de l'Économie Solidaire du Bocage »",
      "12345678900012",
      "Normandie",
      "Hélène Lefèvre-Duchâtel",
      `123${NBSP}456${NBSP}€`,
      "Pièces jointes (6)",
      "Fichier : RIB_association_ateliers_economie_solidaire.pdf",
      "Empreinte du contenu déposé (SHA-256)",
      HASH.slice(0, 16),
      HASH, // 64 characters fit on one line at this size
      "vérifier que le dossier n'a pas été modifié après son",
    ]) {
      expect(text).toContain(expected);
    }
    for (const document of input.documents) {
      // Long names may wrap: compare without the line breaks.
      expect(text!.replaceAll("\n", " ")).toContain(document.fileName.slice(0, 30));
    }
  });

  it("writes the text as pdf-lib's Helvetica encodes it", async () => {
    const [content] = await pageContents(await receiptPdf(input));
    const helvetica = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const hex = (text: string) => helvetica.encodeText(text).toString().slice(1, -1);
    expect(content).toContain(hex("Pôle Coopératif"));
    expect(content).toContain(hex(input.reference));
    expect(content).toContain(hex("2 novembre 2025"));
  });

  it("gives the same bytes for the same input", async () => {
    expect(Buffer.from(await receiptPdf(input)).equals(Buffer.from(await receiptPdf(input)))).toBe(
      true,
    );
  });

  it("wraps long text and goes on to further pages, numbered", async () => {
    const longWord = "x".repeat(300);
    const many: ReceiptInput = {
      ...input,
      callTitle: `${input.callTitle} ${longWord}`,
      documents: Array.from({ length: 40 }, (_, i) => ({
        label: `Pièce complémentaire numéro ${i + 1} demandée par le service instructeur`,
        fileName: `piece_${i + 1}_${"nom_de_fichier_tres_long_".repeat(6)}.pdf`,
        sha256: HASH,
      })),
    };
    const bytes = await receiptPdf(many);
    const texts = await pageTexts(bytes);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.at(-1)).toContain(`Page ${texts.length} / ${texts.length}`);
    expect(texts.at(-1)).toContain("Empreinte du contenu déposé (SHA-256)");
    const all = texts.join("\n");
    expect(all).toContain("Pièce complémentaire numéro 40 demandée");
    // A word longer than a line is cut, not drawn past the margin.
    expect(all).not.toContain(longWord);
    expect(all.replaceAll("\n", "")).toContain(longWord);
  });

  it("does not fail on characters WinAnsi cannot encode", async () => {
    const odd = {
      ...input,
      poleName: "Pôle 🌱 « Zhōngguó 中国 » – l’avenir…",
      submittedBy: "Ŀuċa Ńowak",
    };
    const [text] = await pageTexts(await receiptPdf(odd));
    expect(text).toContain("Pôle ? « Zh?ngguó ?? » – l'avenir...");
    expect(text).toContain("?u?a ?owak");
  });
});

describe("winAnsiSafe", () => {
  it("keeps French letters and the WinAnsi punctuation", () => {
    const french = "Éà èùçôîÎÉÈÀÇŒœæ « guillemets » 12 € – — “ ” ‚ „ • ™ ©";
    expect(winAnsiSafe(french)).toBe(french);
  });
  it("makes Intl's spaces drawable, the narrow no-break space staying unbreakable", () => {
    expect(winAnsiSafe(`1\u202f234${NBSP}€`)).toBe(`1${NBSP}234${NBSP}€`);
    expect(winAnsiSafe("a\u2009b\u2003c\td\ne")).toBe("a b c d e");
  });
  it("replaces the typographic apostrophe and ellipsis", () => {
    expect(winAnsiSafe("l’été…")).toBe("l'été...");
    expect(winAnsiSafe("‘cité’")).toBe("'cité'");
  });
  it("composes decomposed accents and replaces anything else by ?", () => {
    expect(winAnsiSafe("e\u0301te\u0301")).toBe("été");
    expect(winAnsiSafe("漢字 🌱 Ł ∑")).toBe("?? ? ? ?");
    expect(winAnsiSafe("a\u0000b")).toBe("a?b");
  });
  it("gives only text that pdf-lib's standard fonts can encode", async () => {
    const doc = await PDFDocument.create();
    const fonts = await Promise.all(
      [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.Courier].map((f) =>
        doc.embedFont(f),
      ),
    );
    let all = "";
    for (let code = 0; code < 0x3000; code++) all += String.fromCodePoint(code);
    all += "🌱";
    const safe = winAnsiSafe(all);
    for (const font of fonts) expect(() => font.encodeText(safe)).not.toThrow();
  });
});
