import "server-only";
import { z } from "zod";
import { budgetTotals } from "@/lib/applications/budget";
import { applicationFacts } from "@/lib/applications/facts";
import { draftSaveSchema } from "@/lib/applications/schema";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
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
          statusChanges: { create: { to: "DRAFT", actorId: actor.id } },
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

export const CONFLICT_MESSAGE =
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

/** Before the regional opinion a candidacy can be withdrawn (the policy says the same). */
const WITHDRAWABLE: ApplicationStatus[] = [
  "DRAFT",
  "SUBMITTED",
  "COMPLEMENT_REQUESTED",
  "UNDER_REVIEW",
];

export const withdrawSchema = z.object({
  reason: z.string().trim().max(1000, { message: "1000 caractères au plus." }).default(""),
});

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
      where: { id: applicationId, status: { in: WITHDRAWABLE } },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), version: { increment: 1 } },
    });
    if (done.count !== 1) throw new AppError("CONFLICT");
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
