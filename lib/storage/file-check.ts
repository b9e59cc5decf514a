import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { scanForViruses } from "@/lib/storage/antivirus";
import { pdfActiveContent } from "@/lib/storage/pdf-active-content";

/** A kind of file the product accepts, as `file-type` detects it from the content. */
export interface AcceptedKind {
  mimeType: string;
  extension: string;
  label: string;
}

// Legacy DOC/XLS are left out: file-type only sees a generic OLE container (application/x-cfb), which
// is also the shape of .msi installers and Outlook .msg files, and legacy Office files carry macros.
// Macro-enabled OOXML (docm, xlsm, pptm) have their own MIME types and so are refused too.
export const ACCEPTED_DOCUMENTS = [
  { mimeType: "application/pdf", extension: "pdf", label: "PDF" },
  { mimeType: "image/jpeg", extension: "jpg", label: "image JPEG" },
  { mimeType: "image/png", extension: "png", label: "image PNG" },
  {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    label: "document Word",
  },
  {
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
    label: "classeur Excel",
  },
  {
    mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extension: "pptx",
    label: "présentation PowerPoint",
  },
  {
    mimeType: "application/vnd.oasis.opendocument.text",
    extension: "odt",
    label: "texte OpenDocument",
  },
  {
    mimeType: "application/vnd.oasis.opendocument.spreadsheet",
    extension: "ods",
    label: "classeur OpenDocument",
  },
] as const satisfies readonly AcceptedKind[];

export const REFUSED_TYPE_MESSAGE =
  "Ce type de fichier n'est pas accepté : seuls les PDF, images (JPEG, PNG) et documents bureautiques (Word, Excel, PowerPoint, OpenDocument) le sont.";

export type UploadCheck =
  | { ok: true; mimeType: string; extension: string; sha256: string }
  | { ok: false; message: string };

const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) =>
  new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(bytes / MEGABYTE);

/**
 * Checks an upload by its size and its content, then has it scanned (lib/storage/antivirus.ts). The declared
 * name is not used to decide the type: a browser sends whatever name the user chose, so only the magic bytes
 * are trusted.
 */
export async function checkUpload(input: {
  bytes: Buffer;
  declaredName: string;
  maxBytes: number;
  accepted: readonly AcceptedKind[];
}): Promise<UploadCheck> {
  const { bytes, maxBytes, accepted } = input;
  if (bytes.length === 0) return { ok: false, message: "Le fichier est vide." };
  if (bytes.length > maxBytes)
    return {
      ok: false,
      message: `Le fichier dépasse la taille maximale de ${megabytes(maxBytes)} Mo.`,
    };

  const detected = await fileTypeFromBuffer(bytes);
  const kind = detected && accepted.find((k) => k.mimeType === detected.mime);
  if (!kind) return { ok: false, message: REFUSED_TYPE_MESSAGE };
  if (kind.mimeType === "application/pdf") {
    const refused = await pdfRefusal(bytes);
    if (refused) return { ok: false, message: refused };
  }
  const scan = await scanForViruses(bytes);
  if (!scan.clean)
    return {
      ok: false,
      message: `L'antivirus a trouvé dans ce fichier un contenu malveillant (${scan.signature}) : il n'est pas enregistré.`,
    };

  return {
    ok: true,
    mimeType: kind.mimeType,
    extension: kind.extension,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** Why a PDF is refused (active content, or unreadable to the end), or null. */
async function pdfRefusal(bytes: Buffer): Promise<string | null> {
  const active = await pdfActiveContent(bytes);
  if (active === null)
    return "Ce PDF est protégé ou endommagé et ne peut pas être vérifié : enregistrez-le de nouveau sans protection (par exemple avec « Imprimer » puis « Enregistrer au format PDF »).";
  if (active.length)
    return `Ce PDF contient ${active.join(" et ")}, qui pourrai${active.length > 1 ? "ent" : "t"} s'exécuter à l'ouverture : enregistrez-le de nouveau sans ce contenu (par exemple avec « Imprimer » puis « Enregistrer au format PDF »).`;
  return null;
}

const MAX_NAME_LENGTH = 120;

/**
 * A name safe to show and to offer in a download: no folders, no control or bidirectional characters
 * (U+202E can make "facture‮fdp.exe" look like a PDF), no characters Windows refuses, at most 120
 * characters with the extension kept.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, ""); // no hidden file, no "." or ".."
  if (!cleaned) return "fichier";

  const chars = Array.from(cleaned); // code points, so an emoji is never cut in half
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? Array.from(cleaned.slice(dot)) : [];
  const stem = Array.from(cleaned.slice(0, extension.length ? dot : undefined));
  return (
    stem
      .slice(0, MAX_NAME_LENGTH - extension.length)
      .join("")
      .trimEnd() + extension.join("")
  );
}
