import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  ACCEPTED_DOCUMENTS,
  checkUpload,
  REFUSED_TYPE_MESSAGE,
  sanitizeFileName,
} from "@/lib/storage/file-check";

const MB = 1024 * 1024;
const check = (
  bytes: Buffer,
  declaredName = "piece.pdf",
  accepted: readonly { mimeType: string; extension: string; label: string }[] = ACCEPTED_DOCUMENTS,
) => checkUpload({ bytes, declaredName, maxBytes: 10 * MB, accepted });

// Real minimal files, built here so that the test shows exactly what is detected.
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
    "trailer << /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
const JPEG = Buffer.concat([
  Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex"),
  Buffer.alloc(64),
  Buffer.from("ffd9", "hex"),
]);

/** A stored (uncompressed) zip, with local headers, central directory and end record. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ooxml = (mainPart: string, mainType: string) =>
  zip({
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/${mainPart}" ContentType="${mainType}.main+xml"/></Types>`,
    [mainPart]: "<document/>",
  });
const odf = (mimeType: string) =>
  zip({ mimetype: mimeType, "content.xml": "<office:document-content/>" });

describe("checkUpload", () => {
  it.each([
    ["PDF", PDF, "application/pdf", "pdf"],
    ["PNG", PNG, "image/png", "png"],
    ["JPEG", JPEG, "image/jpeg", "jpg"],
    [
      "DOCX",
      ooxml(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "docx",
    ],
    [
      "XLSX",
      ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "xlsx",
    ],
    [
      "PPTX",
      ooxml(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      ),
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "pptx",
    ],
    [
      "ODT",
      odf("application/vnd.oasis.opendocument.text"),
      "application/vnd.oasis.opendocument.text",
      "odt",
    ],
    [
      "ODS",
      odf("application/vnd.oasis.opendocument.spreadsheet"),
      "application/vnd.oasis.opendocument.spreadsheet",
      "ods",
    ],
  ])("accepts a %s by its content, with its SHA-256", async (_, bytes, mimeType, extension) => {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(await check(bytes, "sans-extension")).toEqual({ ok: true, mimeType, extension, sha256 });
  });

  it("ignores the declared name: a PNG named .pdf is a PNG, refused where only PDF is accepted", async () => {
    expect(await check(PNG, "releve.pdf")).toMatchObject({
      ok: true,
      mimeType: "image/png",
      extension: "png",
    });
    const onlyPdf = ACCEPTED_DOCUMENTS.filter((k) => k.mimeType === "application/pdf");
    expect(await check(PNG, "releve.pdf", onlyPdf)).toEqual({
      ok: false,
      message: REFUSED_TYPE_MESSAGE,
    });
  });

  it.each([
    ["text", Buffer.from("Bonjour, ceci n'est pas un PDF.\n")],
    ["HTML", Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>")],
    ["SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    [
      "ELF executable",
      Buffer.concat([Buffer.from("7f454c46020101000000000000000000", "hex"), Buffer.alloc(64)]),
    ],
    ["Windows executable", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126)])],
    ["plain zip", zip({ "notes.txt": "bonjour" })],
    [
      "macro-enabled Word document",
      ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled"),
    ],
    [
      "legacy Office (OLE) file",
      Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504)]),
    ],
  ])("refuses a %s renamed .pdf", async (_, bytes) => {
    expect(await check(bytes, "dossier.pdf")).toEqual({ ok: false, message: REFUSED_TYPE_MESSAGE });
  });

  it("refuses an empty file", async () => {
    expect(await check(Buffer.alloc(0))).toEqual({ ok: false, message: "Le fichier est vide." });
  });

  it("refuses a file over the limit, and accepts one exactly at it", async () => {
    const atLimit = Buffer.concat([PDF, Buffer.alloc(10 * MB - PDF.length)]);
    expect(await check(atLimit)).toMatchObject({ ok: true, mimeType: "application/pdf" });
    expect(await check(Buffer.concat([atLimit, Buffer.from(" ")]))).toEqual({
      ok: false,
      message: "Le fichier dépasse la taille maximale de 10 Mo.",
    });
    const big = Buffer.alloc(2 * MB, 1);
    expect(
      await checkUpload({
        bytes: big,
        declaredName: "a.pdf",
        maxBytes: 1.5 * MB,
        accepted: ACCEPTED_DOCUMENTS,
      }),
    ).toEqual({
      ok: false,
      message: "Le fichier dépasse la taille maximale de 1,5 Mo.",
    });
  });
});

/** A real one-page PDF, its objects packed in compressed object streams (what most tools write today). */
async function pdfWith(addActive?: (document: PDFDocument) => void): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage().drawText("Budget previsionnel");
  addActive?.(document);
  return Buffer.from(await document.save({ useObjectStreams: true }));
}

describe("active content in a PDF", () => {
  const refusal = /^Ce PDF contient (.+), qui pourrai(en)?t s'exécuter à l'ouverture/;

  it("accepts a plain PDF, and one opening at its first page", async () => {
    expect(await check(await pdfWith())).toMatchObject({ ok: true, mimeType: "application/pdf" });
    const goTo = await pdfWith((d) =>
      d.catalog.set(PDFName.of("OpenAction"), d.context.obj([d.getPage(0).ref, "Fit"])),
    );
    expect(await check(goTo)).toMatchObject({ ok: true });
  });

  it("refuses JavaScript run at opening, hidden in a compressed object stream", async () => {
    const bytes = await pdfWith((d) => {
      const action = d.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") });
      d.catalog.set(PDFName.of("OpenAction"), d.context.register(action));
    });
    expect(bytes.includes("JavaScript")).toBe(false); // not visible in the raw bytes
    const result = await check(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(refusal);
    expect(!result.ok && result.message).toContain("du JavaScript");
  });

  it("refuses a launch action, embedded files, and a name written with #-escapes", async () => {
    const launch = await pdfWith((d) =>
      d.catalog.set(
        PDFName.of("OpenAction"),
        d.context.obj({ S: "Launch", F: PDFString.of("cmd.exe") }),
      ),
    );
    expect(await check(launch)).toMatchObject({
      ok: false,
      message: expect.stringContaining("une commande de lancement de programme"),
    });
    const embedded = await pdfWith((d) =>
      d.catalog.set(
        PDFName.of("Names"),
        d.context.obj({ EmbeddedFiles: d.context.obj({ Names: [] }) }),
      ),
    );
    expect(await check(embedded)).toMatchObject({
      ok: false,
      message: expect.stringContaining("des fichiers incorporés"),
    });
    const escaped = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/J#61vaScript/JS(app.alert(1))>>>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    );
    expect(await check(escaped)).toMatchObject({
      ok: false,
      message: expect.stringMatching(refusal),
    });
  });

  it("refuses a PDF it cannot read to the end (encrypted)", async () => {
    const encrypted = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n3 0 obj<</Filter/Standard/V 1/R 2/O(x)/U(y)/P -4>>endobj\ntrailer<</Root 1 0 R/Encrypt 3 0 R>>\n%%EOF\n",
    );
    expect(await check(encrypted)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Ce PDF est protégé ou endommagé/),
    });
  });
});

describe("sanitizeFileName", () => {
  it.each([
    ["Budget prévisionnel 2026.xlsx", "Budget prévisionnel 2026.xlsx"],
    ["C:\\Users\\marie\\Documents\\statuts.pdf", "statuts.pdf"],
    ["../../etc/passwd", "passwd"],
    ["..", "fichier"],
    [".env", "env"],
    ["", "fichier"],
    ["rapport\u0000\u0007\nfinal.pdf", "rapportfinal.pdf"],
    ["facture\u202Efdp.exe", "facturefdp.exe"],
    ['devis "final" <v2>?.pdf', "devis _final_ _v2__.pdf"],
    ["  espaces   multiples .pdf ", "espaces multiples .pdf"],
  ])("%j becomes %j", (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it("keeps the extension when it cuts a long name to 120 characters", () => {
    const name = sanitizeFileName(`${"é".repeat(200)}.docx`);
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith("é.docx")).toBe(true);
    expect(Array.from(sanitizeFileName("😀".repeat(130)))).toHaveLength(120);
  });
});
