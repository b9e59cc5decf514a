import "server-only";
// The documents of a dossier: checked by their content, stored through the Storage interface,
// read only by those who may read the dossier.
import { randomUUID } from "node:crypto";
import { applicationFacts } from "@/lib/applications/facts";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ACCEPTED_DOCUMENTS, checkUpload, sanitizeFileName } from "@/lib/storage/file-check";
import { storage } from "@/lib/storage/storage";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_DOSSIER = 60;

export async function addAttachment(
  actor: Actor,
  applicationId: string,
  documentKindId: string,
  file: { name: string; bytes: Buffer },
) {
  assertCan(actor, "application.edit", await applicationFacts(applicationId));
  return storeDocument(
    actor,
    { applicationId, documentKindId, purpose: "APPLICATION_DOCUMENT", complementRequestId: null },
    file,
  );
}

type Target = {
  applicationId: string;
  documentKindId: string;
  purpose: "APPLICATION_DOCUMENT" | "COMPLEMENT";
  complementRequestId: string | null;
};

/** Checks a file by its content and stores it for a dossier; the caller has checked the policy. */
export async function storeDocument(
  actor: Actor,
  target: Target,
  file: { name: string; bytes: Buffer },
) {
  const { applicationId } = target;
  await limitAction("upload", actor.id, 120, 10 * 60);
  const [kind, count] = await Promise.all([
    db().documentKind.findFirst({
      where: {
        id: String(target.documentKindId),
        call: { applications: { some: { id: applicationId } } },
      },
    }),
    db().attachment.count({ where: { applicationId } }),
  ]);
  if (!kind)
    throw new AppError("VALIDATION", "Choisissez une pièce demandée par l'appel.", {
      documentKindId: ["Pièce inconnue pour cet appel."],
    });
  if (count >= MAX_ATTACHMENTS_PER_DOSSIER)
    throw new AppError(
      "INVALID_STATE",
      `Un dossier compte au plus ${MAX_ATTACHMENTS_PER_DOSSIER} fichiers.`,
    );
  const check = await checkUpload({
    bytes: file.bytes,
    declaredName: file.name,
    maxBytes: MAX_ATTACHMENT_BYTES,
    accepted: ACCEPTED_DOCUMENTS,
  });
  if (!check.ok) throw new AppError("VALIDATION", check.message, { file: [check.message] });
  const storageKey = `dossiers/${applicationId}/${randomUUID()}.${check.extension}`;
  await storage().put(storageKey, file.bytes, check.mimeType);
  return db()
    .$transaction(async (tx) => {
      // Checked again under the dossier's lock: a submission (or an answer) may have happened meanwhile.
      await assertStillOpen(tx, target);
      const attachment = await tx.attachment.create({
        data: {
          purpose: target.purpose,
          applicationId,
          complementRequestId: target.complementRequestId,
          documentKindId: kind.id,
          fileName: sanitizeFileName(file.name),
          mimeType: check.mimeType,
          sizeBytes: file.bytes.length,
          sha256: check.sha256,
          storageKey,
          uploadedById: actor.id,
        },
        select: {
          id: true,
          documentKindId: true,
          fileName: true,
          mimeType: true,
          sizeBytes: true,
          sha256: true,
          createdAt: true,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "attachment.add",
        entityType: "Application",
        entityId: applicationId,
        after: {
          attachmentId: attachment.id,
          kind: kind.code,
          fileName: attachment.fileName,
          sha256: attachment.sha256,
        },
      });
      return attachment;
    })
    .catch(async (error: unknown) => {
      await storage()
        .delete(storageKey)
        .catch(() => {}); // no orphan file when the row is not written
      throw error;
    });
}

/** The dossier is still a draft (or the request still open), under a lock on the dossier's row. */
async function assertStillOpen(
  tx: Tx,
  target: { applicationId: string; purpose: string; complementRequestId: string | null },
) {
  const [row] = await tx.$queryRaw<
    { status: string }[]
  >`SELECT status FROM "Application" WHERE id = ${target.applicationId} FOR UPDATE`;
  if (target.purpose === "COMPLEMENT") {
    const request = await tx.complementRequest.findUnique({
      where: { id: target.complementRequestId ?? "" },
      select: { status: true },
    });
    if (request?.status !== "OPEN")
      throw new AppError("INVALID_STATE", "Cette demande a déjà reçu une réponse.");
  } else if (row?.status !== "DRAFT") {
    throw new AppError(
      "INVALID_STATE",
      "Ce dossier a été déposé : ses pièces ne peuvent plus changer.",
    );
  }
}

async function attachmentWithFacts(attachmentId: string) {
  const attachment = await db().attachment.findUnique({ where: { id: String(attachmentId) } });
  if (!attachment?.applicationId) throw new AppError("NOT_FOUND");
  return { attachment, facts: await applicationFacts(attachment.applicationId) };
}

/** Removes a document while the dossier is a draft, or an answer to a request not yet sent. */
export async function removeAttachment(actor: Actor, attachmentId: string) {
  const { attachment, facts } = await attachmentWithFacts(attachmentId);
  if (attachment.purpose === "COMPLEMENT") {
    assertCan(actor, "application.answerComplement", facts);
    const request = await db().complementRequest.findUnique({
      where: { id: attachment.complementRequestId ?? "" },
    });
    if (request?.status !== "OPEN")
      throw new AppError(
        "INVALID_STATE",
        "Cette réponse a été envoyée : ses pièces ne peuvent plus être retirées.",
      );
  } else {
    assertCan(actor, "application.edit", facts);
  }
  await db().$transaction(async (tx) => {
    await assertStillOpen(tx, {
      applicationId: attachment.applicationId!,
      purpose: attachment.purpose,
      complementRequestId: attachment.complementRequestId,
    });
    await tx.attachment.delete({ where: { id: attachment.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "attachment.remove",
      entityType: "Application",
      entityId: attachment.applicationId!,
      before: {
        attachmentId: attachment.id,
        fileName: attachment.fileName,
        sha256: attachment.sha256,
      },
    });
  });
  await storage().delete(attachment.storageKey);
}

/** The bytes of a document, for those who may read its dossier. */
export async function readAttachment(actor: Actor, attachmentId: string) {
  const { attachment, facts } = await attachmentWithFacts(attachmentId);
  assertCan(actor, "application.read", facts);
  return {
    bytes: await storage().get(attachment.storageKey),
    fileName: attachment.fileName,
    mimeType: attachment.mimeType,
  };
}
