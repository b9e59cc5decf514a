import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFStream } from "pdf-lib";

// What a PDF must not carry to be kept and shown to evaluators: code run by the reader, programs launched,
// files hidden inside, data sent elsewhere. Looked for in every object, those packed in compressed object
// streams included, with names decoded (/J#61vaScript is /JavaScript).
const ACTIVE_NAMES = new Map([
  ["JavaScript", "du JavaScript"],
  ["JS", "du JavaScript"],
  ["Launch", "une commande de lancement de programme"],
  ["EmbeddedFile", "des fichiers incorporés"],
  ["EmbeddedFiles", "des fichiers incorporés"],
  ["RichMedia", "du contenu multimédia actif"],
  ["XFA", "un formulaire XFA"],
  ["SubmitForm", "un envoi de formulaire"],
  ["ImportData", "une importation de données"],
  ["GoToE", "un lien vers un fichier incorporé"],
]);
const MAX_DEPTH = 50;

/**
 * What active content a PDF holds, in French words (none: empty), or `null` when it cannot be read to the
 * end (encrypted or damaged), which the caller refuses as well: what cannot be checked is not accepted.
 */
export async function pdfActiveContent(bytes: Uint8Array): Promise<string[] | null> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return null; // encrypted (pdf-lib refuses it without ignoreEncryption) or not a PDF it can read
  }
  const found = new Set<string>();
  const visit = (object: PDFObject | undefined, depth: number) => {
    if (!object || depth > MAX_DEPTH) return;
    if (object instanceof PDFName) {
      const label = ACTIVE_NAMES.get(object.decodeText());
      if (label) found.add(label);
    } else if (object instanceof PDFArray) {
      for (const item of object.asArray()) visit(item, depth + 1);
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object;
      for (const [key, value] of dict.entries()) {
        visit(key, depth + 1);
        visit(value, depth + 1);
      }
    }
  };
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object, 0);
  visit(document.context.trailerInfo.Root, 0);
  return [...found];
}
