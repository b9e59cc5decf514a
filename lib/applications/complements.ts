import "server-only";
// Missing documents asked by the regional cell (pièces complémentaires): the applicant answers with
// just those documents and a note, before the due date; the dossier goes back to the cell.
import { z } from "zod";
import { storeDocument } from "@/lib/applications/attachments";
import { applicationFacts, readFacts } from "@/lib/applications/facts";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { complementAnsweredMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { parseInput } from "@/lib/validation";

export const complementAnswerSchema = z.object({
  answer: z.string().trim().max(5000, { message: "5000 caractères au plus." }).default(""),
});

/** The requests of a dossier with their documents, for those who may read it. */
export async function listComplementRequests(actor: Actor, applicationId: string) {
  assertCan(actor, "application.read", await readFacts(applicationId));
  const [requests, kinds] = await Promise.all([
    db().complementRequest.findMany({
      where: { applicationId },
      orderBy: { createdAt: "desc" },
      include: {
        attachments: {
          select: { id: true, documentKindId: true, fileName: true, sizeBytes: true },
        },
      },
    }),
    db().documentKind.findMany({
      where: { call: { applications: { some: { id: applicationId } } } },
      orderBy: { position: "asc" },
    }),
  ]);
  return requests.map((r) => ({
    ...r,
    kinds: kinds.filter((k) => r.documentCodes.includes(k.code)),
  }));
}

const expired = (dueAt: Date) =>
  new AppError(
    "INVALID_STATE",
    `Le délai pour répondre à cette demande est dépassé depuis le ${formatDateTime(dueAt)} : elle est close. Écrivez à l'équipe d'instruction par la messagerie du dossier.`,
  );

async function openRequest(actor: Actor, requestId: string, now: Date) {
  const request = await db().complementRequest.findUnique({
    where: { id: String(requestId) },
    include: { application: { select: { callId: true } } },
  });
  const facts = request ? await applicationFacts(request.applicationId) : undefined;
  // Expired, the dossier went back to the cell: its applicants learn why they can no longer answer.
  if (
    request?.status === "EXPIRED" &&
    facts &&
    (facts.ownerId === actor.id || facts.collaboratorIds.includes(actor.id))
  )
    throw expired(request.dueAt);
  assertCan(actor, "application.answerComplement", facts);
  if (request!.status !== "OPEN")
    throw new AppError("INVALID_STATE", "Cette demande a déjà reçu une réponse.");
  if (now > request!.dueAt)
    throw new AppError(
      "INVALID_STATE",
      `Le délai pour répondre est dépassé (${formatDateTime(request!.dueAt)}). Écrivez à l'équipe d'instruction par la messagerie du dossier.`,
    );
  return request!;
}

/** Adds one of the requested documents to the answer being prepared. */
export async function addComplementDocument(
  actor: Actor,
  requestId: string,
  documentKindId: string,
  file: { name: string; bytes: Buffer },
  now = new Date(),
) {
  const request = await openRequest(actor, requestId, now);
  const kind = await db().documentKind.findFirst({
    where: {
      id: String(documentKindId),
      callId: request.application.callId,
      code: { in: request.documentCodes },
    },
  });
  if (!kind)
    throw new AppError("VALIDATION", "Cette pièce n'est pas demandée.", {
      documentKindId: ["Cette pièce n'est pas demandée."],
    });
  return storeDocument(
    actor,
    {
      applicationId: request.applicationId,
      documentKindId: kind.id,
      purpose: "COMPLEMENT",
      complementRequestId: request.id,
    },
    file,
  );
}

/** Sends the answer: every requested document is there; the dossier returns to the regional cell. */
export async function answerComplementRequest(
  actor: Actor,
  requestId: string,
  input: unknown,
  now = new Date(),
) {
  const request = await openRequest(actor, requestId, now);
  const { answer } = parseInput(complementAnswerSchema, input);
  const kinds = await db().documentKind.findMany({
    where: { callId: request.application.callId, code: { in: request.documentCodes } },
  });
  const provided = new Set(
    (
      await db().attachment.findMany({
        where: { complementRequestId: request.id },
        select: { documentKindId: true },
      })
    ).map((a) => a.documentKindId),
  );
  const missing = kinds.filter((k) => !provided.has(k.id));
  if (missing.length)
    throw new AppError(
      "VALIDATION",
      `Joignez d'abord : ${missing.map((k) => `« ${k.label} »`).join(", ")}.`,
    );
  await db().$transaction(async (tx) => {
    const answered = await tx.complementRequest.updateMany({
      where: { id: request.id, status: "OPEN" },
      data: { status: "ANSWERED", answer, answeredAt: now },
    });
    if (answered.count !== 1) {
      const { status } = await tx.complementRequest.findUniqueOrThrow({
        where: { id: request.id },
        select: { status: true },
      });
      throw status === "EXPIRED"
        ? expired(request.dueAt)
        : new AppError("INVALID_STATE", "Cette demande a déjà reçu une réponse.");
    }
    const stillOpen = await tx.complementRequest.count({
      where: { applicationId: request.applicationId, status: "OPEN" },
    });
    const a = await tx.application.findUniqueOrThrow({
      where: { id: request.applicationId },
      select: { status: true, reference: true, regionCode: true, callId: true },
    });
    if (!stillOpen && a.status === "COMPLEMENT_REQUESTED") {
      await tx.application.update({
        where: { id: request.applicationId },
        data: { status: "SUBMITTED" },
      });
      await tx.statusChange.create({
        data: {
          applicationId: request.applicationId,
          from: "COMPLEMENT_REQUESTED",
          to: "SUBMITTED",
          actorId: actor.id,
          note: "Pièces complémentaires envoyées",
        },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "complement.answer",
      entityType: "Application",
      entityId: request.applicationId,
      after: { requestId: request.id, documents: [...provided] },
    });
    const coordinators = await tx.user.findMany({
      where: {
        active: true,
        roles: { some: { role: "CRA_COORDINATOR", regionCode: a.regionCode } },
      },
      select: { email: true },
    });
    const link = `${appUrl()}/cra/dossiers/${request.applicationId}`;
    await notify(
      tx,
      coordinators.map((c) => ({
        kind: "dossier.complement-answered" as const,
        event: `dossier.complement-answered:${request.id}`,
        mail: complementAnsweredMail({ to: c.email, reference: a.reference ?? "", link }),
        link,
        callId: a.callId,
        applicationId: request.applicationId,
      })),
    );
  });
}
