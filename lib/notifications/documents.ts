import "server-only";
// The documents an e-mail carries, named in its notification and produced when it is sent: a stored file
// (a decision letter) or a document generated from the frozen dossier (the acknowledgement of receipt).
import { loadDossier } from "@/lib/applications/data";
import { receiptDocument } from "@/lib/applications/submission";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { storage } from "@/lib/storage/storage";

export type DocumentRef =
  | { filename: string; storageKey: string }
  | { filename: string; receiptOf: string };
export type Attachment = { filename: string; content: Buffer; contentType: string };

/** A document that no longer exists (its dossier or file was deleted): retrying cannot help. */
export class DocumentGone extends Error {}

/** The attachments of an e-mail, read through `tx` (the delivery job passes the client: no transaction is held). */
export async function produceDocuments(tx: Tx, refs: DocumentRef[]): Promise<Attachment[]> {
  return Promise.all(refs.map((ref) => produce(tx, ref)));
}

async function produce(tx: Tx, ref: DocumentRef): Promise<Attachment> {
  try {
    if ("storageKey" in ref)
      return {
        filename: ref.filename,
        content: await storage().get(ref.storageKey),
        contentType: "application/pdf",
      };
    const exists = await tx.application.count({ where: { id: ref.receiptOf } });
    if (!exists) throw new AppError("NOT_FOUND");
    const { pdf } = await receiptDocument(await loadDossier(tx, ref.receiptOf));
    return { filename: ref.filename, content: Buffer.from(pdf), contentType: "application/pdf" };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      throw new DocumentGone(`Pièce jointe introuvable : ${ref.filename}`);
    throw error;
  }
}
