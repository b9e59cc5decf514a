import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { budgetTotals } from "@/lib/applications/budget";
import {
  applicationFacts,
  attachmentWithFacts,
  getInvitation,
  loadDossier,
} from "@/lib/applications/data";
import {
  coEditorSchema,
  complementAnswerSchema,
  draftSaveSchema,
  messageSchema,
  withdrawSchema,
} from "@/lib/applications/schema";
import { assertTransition, INITIAL_STATUS, WITHDRAWABLE_STATUSES } from "@/lib/applications/status";
import { snapshotOf, submissionProblems } from "@/lib/applications/submission";
import { canonicalJson } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import {
  complementExpiredApplicantMail,
  complementExpiredCellMail,
} from "@/lib/mail/reminder-templates";
import {
  coEditorInvitationMail,
  complementAnsweredMail,
  newMessageMail,
  receiptMail,
} from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import {
  APPLICANT_SIDE,
  applicantEmails,
  applicantSide,
  craCoordinatorEmails,
} from "@/lib/notifications/recipients";
import { ACCEPTED_DOCUMENTS, checkUpload, sanitizeFileName } from "@/lib/storage/file-check";
import { storage } from "@/lib/storage/storage";
import { parseInput } from "@/lib/validation";

/** Opens the applicant's dossier for an open call (one per pole and call: an existing one is returned). */
export async function createApplication(actor: Actor, callId: string, now = new Date()) {
  assertCan(actor, "application.create");
  const pole = await db().pole.findFirst({
    where: { ownerId: actor.id },
    orderBy: { createdAt: "asc" },
  });
  if (!pole)
    throw new AppError(
      "INVALID_STATE",
      "Présentez d'abord votre pôle : ses informations sont reprises dans le dossier.",
    );
  const call = await db().call.findUnique({
    where: { id: String(callId) },
    include: { levers: true },
  });
  if (!call || call.phase === "DRAFT") throw new AppError("NOT_FOUND");
  if (call.phase !== "OPEN" || now > call.deadlineAt)
    throw new AppError("INVALID_STATE", "Les candidatures à cet appel sont closes.");
  const existing = await db().application.findUnique({
    where: { callId_poleId: { callId: call.id, poleId: pole.id } },
    select: { id: true },
  });
  if (existing) return existing;
  return db()
    .$transaction(async (tx) => {
      const application = await tx.application.create({
        data: {
          callId: call.id,
          poleId: pole.id,
          ownerId: actor.id,
          regionCode: pole.regionCode,
          territoryType: pole.territoryType,
          title: pole.name,
          leverAnswers: { create: call.levers.map((l) => ({ leverId: l.id })) },
          statusChanges: { create: { to: INITIAL_STATUS, actorId: actor.id } },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.create",
        entityType: "Application",
        entityId: application.id,
        after: { callId: call.id, poleId: pole.id },
      });
      return application;
    })
    .catch(async (error: unknown) => {
      // Created meanwhile from another tab: that one is the dossier.
      if ((error as { code?: string }).code !== "P2002") throw error;
      return db().application.findUniqueOrThrow({
        where: { callId_poleId: { callId: call.id, poleId: pole.id } },
        select: { id: true },
      });
    });
}

const CONFLICT_MESSAGE =
  "Ce dossier a été modifié entre-temps (dans un autre onglet ou par une autre personne). Vos dernières saisies n'ont pas été enregistrées : elles restent affichées.";

/**
 * Autosave of a draft, with optimistic locking: the writer names the version it read; when another
 * writer saved since, nothing is overwritten and the caller is told (CONFLICT).
 */
export async function saveDraft(actor: Actor, applicationId: string, input: unknown) {
  const facts = await applicationFacts(applicationId);
  assertCan(actor, "application.edit", facts);
  const { version, draft } = parseInput(draftSaveSchema, input);
  const call = await db().application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      call: {
        select: { levers: { select: { id: true } }, learningCommunities: { select: { id: true } } },
      },
    },
  });
  const leverIds = new Set(call.call.levers.map((l) => l.id));
  if (draft.leverAnswers.some((a) => !leverIds.has(a.leverId)))
    throw new AppError("VALIDATION", "Levier inconnu pour cet appel.");
  if (
    draft.learningCommunityId &&
    !call.call.learningCommunities.some((c) => c.id === draft.learningCommunityId)
  ) {
    throw new AppError("VALIDATION", "Communauté apprenante inconnue pour cet appel.", {
      learningCommunityId: ["Choisissez une communauté de la liste."],
    });
  }
  const { leverAnswers, indicators, expenses, fundings, ...scalars } = draft;
  const savedAt = new Date();
  return db().$transaction(async (tx) => {
    const updated = await tx.application.updateMany({
      where: { id: applicationId, version, status: "DRAFT" },
      data: {
        ...scalars,
        amountRequestedCents: budgetTotals(draft).requested,
        version: { increment: 1 },
        updatedAt: savedAt,
      },
    });
    if (updated.count !== 1) {
      const current = await tx.application.findUnique({
        where: { id: applicationId },
        select: { version: true, status: true },
      });
      if (current?.status !== "DRAFT")
        throw new AppError(
          "INVALID_STATE",
          "Ce dossier a été déposé : il ne peut plus être modifié.",
        );
      throw new AppError("CONFLICT", CONFLICT_MESSAGE);
    }
    for (const answer of leverAnswers) {
      await tx.leverAnswer.upsert({
        where: { applicationId_leverId: { applicationId, leverId: answer.leverId } },
        create: { applicationId, leverId: answer.leverId, text: answer.text },
        update: { text: answer.text },
      });
    }
    await tx.impactIndicator.deleteMany({ where: { applicationId } });
    await tx.impactIndicator.createMany({
      data: indicators.map((x, position) => ({ ...x, position, applicationId })),
    });
    await tx.expenseLine.deleteMany({ where: { applicationId } });
    await tx.expenseLine.createMany({
      data: expenses.map((x, position) => ({ ...x, position, applicationId })),
    });
    await tx.fundingLine.deleteMany({ where: { applicationId } });
    await tx.fundingLine.createMany({
      data: fundings.map((x, position) => ({ ...x, position, applicationId })),
    });
    return { version: version + 1, savedAt };
  });
}

/** The owner withdraws the candidacy (before the regional opinion); the dossier stays readable. */
export async function withdrawApplication(actor: Actor, applicationId: string, input: unknown) {
  assertCan(actor, "application.withdraw", await applicationFacts(applicationId));
  const { reason } = parseInput(withdrawSchema, input);
  await db().$transaction(async (tx) => {
    const current = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { status: true },
    });
    const done = await tx.application.updateMany({
      where: { id: applicationId, status: { in: WITHDRAWABLE_STATUSES } },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), version: { increment: 1 } },
    });
    if (done.count !== 1) throw new AppError("CONFLICT");
    assertTransition(current.status, "WITHDRAWN");
    await tx.statusChange.create({
      data: {
        applicationId,
        from: current.status,
        to: "WITHDRAWN",
        actorId: actor.id,
        note: reason || null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "application.withdraw",
      entityType: "Application",
      entityId: applicationId,
      before: { status: current.status },
      after: { status: "WITHDRAWN", reason },
    });
  });
}

// Submission of a dossier: every check on the server, once (a double click makes one submission),
// with a reference, the content frozen and fingerprinted, an acknowledgement of receipt by e-mail.

export async function submitApplication(
  actor: Actor,
  applicationId: string,
  input: { honour: unknown },
  now = new Date(),
) {
  const facts = await applicationFacts(applicationId);
  if (facts?.submitted && can(actor, "application.read", facts)) {
    // A second click, or a second tab: the dossier is already submitted, once.
    return db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { id: true, reference: true },
    });
  }
  assertCan(actor, "application.submit", facts);
  if (input.honour !== true)
    throw new AppError(
      "VALIDATION",
      "Cochez la déclaration sur l'honneur pour déposer le dossier.",
      { honour: ["Cochez la déclaration sur l'honneur."] },
    );

  const result = await db().$transaction(
    async (tx) => {
      // Under the dossier's lock, nothing changes between the checks and what is frozen.
      const [row] = await tx.$queryRaw<
        { status: string }[]
      >`SELECT status FROM "Application" WHERE id = ${applicationId} FOR UPDATE`;
      if (row?.status !== "DRAFT") return null; // submitted meanwhile by a concurrent request
      const a = await loadDossier(tx, applicationId);
      if (a.call.phase !== "OPEN" || now > a.call.deadlineAt) {
        throw new AppError(
          "INVALID_STATE",
          `La date limite de dépôt est passée (${formatDateTime(a.call.deadlineAt)}, heure de Paris) : le dossier ne peut plus être déposé.`,
        );
      }
      const problems = submissionProblems(a);
      if (problems.length)
        throw new AppError(
          "VALIDATION",
          `Le dossier ne peut pas encore être déposé : ${problems.map((p) => p.message).join(" ")}`,
        );
      const counter = await tx.referenceCounter.upsert({
        where: { year_regionCode: { year: a.call.year, regionCode: a.regionCode } },
        create: { year: a.call.year, regionCode: a.regionCode, last: 1 },
        update: { last: { increment: 1 } },
      });
      const region = await tx.region.findUniqueOrThrow({
        where: { code: a.regionCode },
        select: { slug: true },
      });
      const reference = `AMI${a.call.year}-${region.slug}-${String(counter.last).padStart(3, "0")}`;
      const snapshot = snapshotOf(a, {
        reference,
        submittedAt: now,
        submittedBy: { id: actor.id, name: actor.name },
      });
      const hash = createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
      assertTransition("DRAFT", "SUBMITTED");
      await tx.application.update({
        where: { id: applicationId },
        data: {
          status: "SUBMITTED",
          reference,
          submittedAt: now,
          submittedHash: hash,
          snapshot: snapshot as never,
          honourDeclaredAt: now,
          version: { increment: 1 },
        },
      });
      await tx.statusChange.create({
        data: { applicationId, from: "DRAFT", to: "SUBMITTED", actorId: actor.id },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.submit",
        entityType: "Application",
        entityId: applicationId,
        after: { reference, hash },
      });
      // The acknowledgement goes with the submission, through the job queue; its PDF is made when it is sent
      // (and stays downloadable from the dossier).
      const owner = await tx.user.findUniqueOrThrow({
        where: { id: a.ownerId },
        select: { email: true, name: true },
      });
      const link = `${appUrl()}/mes-dossiers/${applicationId}`;
      await notify(tx, [
        {
          kind: "dossier.receipt",
          event: `dossier.receipt:${applicationId}`,
          mail: receiptMail({
            to: owner.email,
            name: owner.name,
            reference,
            callTitle: a.call.title,
            submittedAt: formatDateTime(now),
            link,
          }),
          link,
          documents: [
            { receiptOf: applicationId, filename: `accuse-de-reception-${reference}.pdf` },
          ],
          callId: a.call.id,
          applicationId,
        },
      ]);
      return { reference };
    },
    { timeout: 20_000 },
  );
  if (!result)
    return db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { id: true, reference: true },
    });
  return { id: applicationId, reference: result.reference };
}

// The documents of a dossier: checked by their content, stored through the Storage interface.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_ATTACHMENTS_PER_DOSSIER = 60;

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
async function storeDocument(actor: Actor, target: Target, file: { name: string; bytes: Buffer }) {
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

// Co-editors: the owner invites other people by e-mail to fill the dossier with them.

const MAX_CO_EDITORS = 10;

export async function inviteCoEditor(actor: Actor, applicationId: string, input: unknown) {
  assertCan(actor, "application.invite", await applicationFacts(applicationId));
  const { email } = parseInput(coEditorSchema, input);
  await limitAction("coeditor-invite", actor.id, 20, 24 * 60 * 60);
  if (email === actor.email)
    throw new AppError("VALIDATION", undefined, { email: ["C'est votre propre adresse."] });
  const a = await db().application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { title: true, callId: true, _count: { select: { collaborators: true } } },
  });
  if (a._count.collaborators >= MAX_CO_EDITORS)
    throw new AppError(
      "INVALID_STATE",
      `Un dossier compte au plus ${MAX_CO_EDITORS} personnes associées.`,
    );
  const invited = await db().$transaction(async (tx) => {
    if (
      await tx.applicationCollaborator.findUnique({
        where: { applicationId_email: { applicationId, email } },
      })
    ) {
      throw new AppError("CONFLICT", "Cette personne est déjà invitée.", {
        email: ["Cette personne est déjà invitée."],
      });
    }
    const created = await tx.applicationCollaborator.create({
      data: { applicationId, email },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "collaborator.invite",
      entityType: "Application",
      entityId: applicationId,
      after: { email },
    });
    const link = `${appUrl()}/mes-dossiers/invitations/${created.id}`;
    await notify(tx, [
      {
        kind: "dossier.co-editor-invitation",
        event: `dossier.co-editor-invitation:${created.id}`,
        mail: coEditorInvitationMail({
          to: email,
          inviter: actor.name,
          title: a.title,
          link,
          signUpLink: `${appUrl()}/inscription`,
        }),
        link,
        callId: a.callId,
        applicationId,
      },
    ]);
    return created;
  });
  return invited;
}

export async function acceptInvitation(actor: Actor, collaboratorId: string) {
  const invitation = await getInvitation(actor, collaboratorId);
  if (!invitation) throw new AppError("NOT_FOUND");
  assertCan(actor, "space.applicant");
  if (invitation.acceptedAt) return { applicationId: invitation.application.id };
  await db().$transaction(async (tx) => {
    await tx.applicationCollaborator.update({
      where: { id: invitation.id },
      data: { userId: actor.id, acceptedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "collaborator.accept",
      entityType: "Application",
      entityId: invitation.application.id,
    });
  });
  return { applicationId: invitation.application.id };
}

export async function removeCoEditor(actor: Actor, collaboratorId: string) {
  const row = await db().applicationCollaborator.findUnique({
    where: { id: String(collaboratorId) },
  });
  assertCan(
    actor,
    "application.invite",
    row ? await applicationFacts(row.applicationId) : undefined,
  );
  await db().$transaction(async (tx) => {
    await tx.applicationCollaborator.delete({ where: { id: row!.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "collaborator.remove",
      entityType: "Application",
      entityId: row!.applicationId,
      before: { email: row!.email },
    });
  });
}

// The message thread of a dossier between its applicants and the instruction team.

/** Posts a message; the other side is told by e-mail (the applicants, or the region's coordinators). */
export async function postMessage(actor: Actor, applicationId: string, input: unknown) {
  const facts = await applicationFacts(applicationId);
  assertCan(actor, "application.message", facts);
  const { body } = parseInput(messageSchema, input);
  await limitAction("message", actor.id, 30, 60 * 60);
  const fromInstruction = facts!.ownerId !== actor.id && !facts!.collaboratorIds.includes(actor.id);
  return db().$transaction(async (tx) => {
    const created = await tx.message.create({
      data: { applicationId, authorId: actor.id, body, fromInstruction },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "message.post",
      entityType: "Application",
      entityId: applicationId,
      after: { messageId: created.id },
    });
    const a = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        reference: true,
        regionCode: true,
        callId: true,
      },
    });
    const recipients = fromInstruction
      ? await applicantEmails(tx, applicationId)
      : await craCoordinatorEmails(tx, a.regionCode);
    const link = fromInstruction
      ? `${appUrl()}/mes-dossiers/${applicationId}`
      : `${appUrl()}/cra/dossiers/${applicationId}`;
    await notify(
      tx,
      recipients.map((to) => ({
        kind: "dossier.message" as const,
        event: `dossier.message:${created.id}`,
        mail: newMessageMail({ to, reference: a.reference ?? "", link }),
        link,
        callId: a.callId,
        applicationId,
      })),
    );
    return created;
  });
}

// Missing documents asked by the regional cell (pièces complémentaires): the applicant answers with
// just those documents and a note, before the due date; the dossier goes back to the cell.

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
      assertTransition(a.status, "SUBMITTED");
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
    const link = `${appUrl()}/cra/dossiers/${request.applicationId}`;
    await notify(
      tx,
      (await craCoordinatorEmails(tx, a.regionCode)).map((to) => ({
        kind: "dossier.complement-answered" as const,
        event: `dossier.complement-answered:${request.id}`,
        mail: complementAnsweredMail({ to, reference: a.reference ?? "", link }),
        link,
        callId: a.callId,
        applicationId: request.applicationId,
      })),
    );
  });
}

// A request for missing documents not answered by its due date expires (run every quarter of an hour by the
// worker, lib/jobs/schedules.ts): the request is closed, the dossier goes back to the regional cell for its
// admissibility decision (complete, inadmissible or a new request), and the applicant and the cell are told.
// The change is conditional on the request being still open, in one transaction with its notifications: it
// happens once, even with two workers, and never after (or together with) an answer.

const COMPLEMENT_EXPIRED_NOTE = "Pièces complémentaires non reçues dans le délai : demande close";

export async function expireComplementRequests(
  now: Date,
): Promise<{ expired: number; notified: number }> {
  const due = await db().complementRequest.findMany({
    where: { status: "OPEN", dueAt: { lt: now } },
    select: { id: true },
    orderBy: { dueAt: "asc" },
  });
  let expired = 0;
  let notified = 0;
  for (const { id } of due) {
    const told = await expireOne(id, now);
    if (told === null) continue;
    expired += 1;
    notified += told;
  }
  return { expired, notified };
}

/** Expires one request; null when it was answered or expired meanwhile. */
async function expireOne(requestId: string, now: Date): Promise<number | null> {
  return db().$transaction(async (tx) => {
    const closed = await tx.complementRequest.updateMany({
      where: { id: requestId, status: "OPEN", dueAt: { lt: now } },
      data: { status: "EXPIRED" },
    });
    if (closed.count !== 1) return null;
    const r = await tx.complementRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: {
        dueAt: true,
        requestedBy: { select: { email: true, active: true } },
        application: {
          select: {
            id: true,
            callId: true,
            reference: true,
            regionCode: true,
            status: true,
            ...APPLICANT_SIDE,
          },
        },
      },
    });
    const a = r.application;
    // A dossier withdrawn meanwhile waits for nothing: its request is closed without telling anyone.
    if (a.status !== "COMPLEMENT_REQUESTED") {
      await recordAudit(tx, {
        actorId: null,
        action: "complement.expire",
        entityType: "Application",
        entityId: a.id,
        after: { requestId, dueAt: r.dueAt, returnedToCell: false },
      });
      return 0;
    }
    const stillOpen = await tx.complementRequest.count({
      where: { applicationId: a.id, status: "OPEN" },
    });
    // Back to « Déposé », where the cell decides on admissibility (lib/regional/steps.ts), once no other request is open.
    assertTransition("COMPLEMENT_REQUESTED", "SUBMITTED");
    const back =
      stillOpen === 0 &&
      (
        await tx.application.updateMany({
          where: { id: a.id, status: "COMPLEMENT_REQUESTED" },
          data: { status: "SUBMITTED" },
        })
      ).count === 1;
    if (back)
      await tx.statusChange.create({
        data: {
          applicationId: a.id,
          from: "COMPLEMENT_REQUESTED",
          to: "SUBMITTED",
          actorId: null,
          note: COMPLEMENT_EXPIRED_NOTE,
        },
      });
    await recordAudit(tx, {
      actorId: null,
      action: "complement.expire",
      entityType: "Application",
      entityId: a.id,
      after: { requestId, dueAt: r.dueAt, returnedToCell: back },
    });

    const cell = [
      ...new Set([
        ...(r.requestedBy.active ? [r.requestedBy.email] : []),
        ...(await craCoordinatorEmails(tx, a.regionCode)),
      ]),
    ];
    const reference = a.reference ?? "";
    const dueAt = formatDateTime(r.dueAt);
    const event = `dossier.complement-expired:${requestId}`;
    const context = { callId: a.callId, applicationId: a.id };
    const applicantLink = `${appUrl()}/mes-dossiers/${a.id}`;
    const cellLink = `${appUrl()}/cra/dossiers/${a.id}`;
    return notify(tx, [
      ...applicantSide(a).map(({ email }) => ({
        kind: "dossier.complement-expired" as const,
        event,
        mail: complementExpiredApplicantMail({ to: email, reference, dueAt, link: applicantLink }),
        link: applicantLink,
        ...context,
      })),
      ...cell.map((email) => ({
        kind: "dossier.complement-expired" as const,
        event,
        mail: complementExpiredCellMail({ to: email, reference, dueAt, link: cellLink }),
        link: cellLink,
        ...context,
      })),
    ]);
  });
}
