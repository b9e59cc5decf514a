import "server-only";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { CALL_LISTS } from "@/lib/calls/data";
import { callFormValues, changedSelectionRules, duplicateValues, sameGrid } from "@/lib/calls/form";
import { phaseChangeRefusal } from "@/lib/calls/phase";
import { type CallInput, callInputSchema } from "@/lib/calls/schema";
import { db, type Tx } from "@/lib/db";
import { AppError, conflictOnUnique } from "@/lib/errors";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation";

/** Creates a call in preparation (DRAFT) with its grid, documents, priorities and payment schedule. */
export async function createCall(actor: Actor, input: CallInput) {
  assertCan(actor, "call.manage");
  const c = parseInput(callInputSchema, input);
  const { levers, priorities, learningCommunities, documentKinds, criteria, tranches, ...scalars } =
    c;
  const duplicate = conflictOnUnique("Un appel existe déjà avec cet identifiant.", "slug");
  return db()
    .$transaction(async (tx) => {
      if (await tx.call.findUnique({ where: { slug: c.slug }, select: { id: true } }))
        duplicate({ code: "P2002" });
      const call = await tx.call.create({
        data: {
          ...scalars,
          levers: { create: levers.map((l, position) => ({ ...l, position })) },
          priorities: { create: priorities },
          learningCommunities: { create: learningCommunities },
          documentKinds: { create: documentKinds.map((d, position) => ({ ...d, position })) },
          criteria: { create: criteria.map((k, position) => ({ ...k, position })) },
          tranches: { create: tranches.map((t, position) => ({ ...t, position })) },
        },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "call.create",
        entityType: "Call",
        entityId: call.id,
        after: c,
      });
      return call;
    })
    .catch(duplicate);
}

/** Moves a call to another phase through the transition table, with its guard. */
export async function changeCallPhase(
  actor: Actor,
  callId: string,
  to: CallPhase,
  now = new Date(),
) {
  assertCan(actor, "call.manage");
  return db().$transaction(async (tx) => {
    // The call's row is locked: two moves at once cannot both pass their guards.
    await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;
    const call = await tx.call.findUnique({
      where: { id: callId },
      select: { id: true, phase: true, deadlineAt: true, resultsPublishedAt: true },
    });
    if (!call) throw new AppError("NOT_FOUND");
    const active = { callId, submittedAt: { not: null }, status: { not: "WITHDRAWN" } } as const;
    const [submittedCount, regions, finalized] = await Promise.all([
      tx.application.count({ where: active }),
      tx.application.findMany({
        where: active,
        distinct: ["regionCode"],
        select: { regionCode: true },
      }),
      tx.regionalReview.findMany({
        where: { callId, status: "FINALIZED" },
        select: { regionCode: true },
      }),
    ]);
    const finalizedRegions = new Set(finalized.map((r) => r.regionCode));
    const openRegionalReviews = regions.filter((r) => !finalizedRegions.has(r.regionCode)).length;
    const refusal = phaseChangeRefusal(
      call.phase,
      to,
      {
        deadlineAt: call.deadlineAt,
        submittedCount,
        openRegionalReviews,
        resultsPublished: !!call.resultsPublishedAt,
      },
      now,
    );
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    await tx.call.update({
      where: { id: callId },
      data: { phase: to, ...(to === "OPEN" ? { publishedAt: now } : {}) },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "call.phase",
      entityType: "Call",
      entityId: callId,
      before: { phase: call.phase },
      after: { phase: to },
    });
  });
}

/** Whether the evaluation of the call's dossiers has begun (its grid is then frozen). */
async function scoringStarted(tx: Tx, callId: string): Promise<boolean> {
  return (await tx.evaluation.count({ where: { application: { callId } } })) > 0;
}

type Keyed = { id: string; code: string };
type ListOps<T> = {
  create(item: T, position: number): Promise<unknown>;
  update(id: string, item: T, position: number): Promise<unknown>;
  remove(ids: string[]): Promise<unknown>;
};

/** Updates a list of the call by the codes of its items: kept codes keep their id (and what points to it). */
async function syncByCode<T extends { code: string }>(
  existing: Keyed[],
  wanted: T[],
  ops: ListOps<T>,
) {
  const byCode = new Map(existing.map((e) => [e.code, e.id]));
  const removed = existing.filter((e) => !wanted.some((w) => w.code === e.code)).map((e) => e.id);
  if (removed.length) await ops.remove(removed);
  for (const [position, item] of wanted.entries()) {
    const id = byCode.get(item.code);
    await (id ? ops.update(id, item, position) : ops.create(item, position));
  }
}

/**
 * Edits a call. The grid cannot change once scoring has started, the selection rules (method, threshold,
 * reserve length, adjusted last grant, envelope, bounds, priorities) once the decisions are finalised;
 * an archived call is read-only.
 */
export async function updateCall(actor: Actor, callId: string, input: CallInput) {
  assertCan(actor, "call.manage");
  const c = parseInput(callInputSchema, input);
  const duplicate = conflictOnUnique("Un appel existe déjà avec cet identifiant.", "slug");
  return db()
    .$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;
      const before = await tx.call.findUnique({ where: { id: callId }, include: CALL_LISTS });
      if (!before) throw new AppError("NOT_FOUND");
      if (before.phase === "ARCHIVED")
        throw new AppError("INVALID_STATE", "Un appel archivé ne peut plus être modifié.");
      const beforeValues = callFormValues(before);
      if (!sameGrid(beforeValues.criteria, c.criteria) && (await scoringStarted(tx, callId))) {
        throw new AppError(
          "INVALID_STATE",
          "La grille d'évaluation ne peut plus changer : la notation des dossiers a commencé.",
          {
            criteria: [
              "La grille d'évaluation ne peut plus changer : la notation des dossiers a commencé.",
            ],
          },
        );
      }
      // The list was decided under these rules: they stay as they were (the grantor may still be corrected).
      const changedRules = before.decisionsFinalizedAt
        ? changedSelectionRules(beforeValues, c)
        : [];
      if (changedRules.length) {
        const message =
          "Les règles de sélection ne peuvent plus changer : la liste des décisions est finalisée.";
        throw new AppError(
          "INVALID_STATE",
          message,
          Object.fromEntries(changedRules.map((f) => [f, [message]])),
        );
      }
      const {
        levers,
        priorities,
        learningCommunities,
        documentKinds,
        criteria,
        tranches,
        ...scalars
      } = c;
      await tx.call.update({ where: { id: callId }, data: scalars });
      await syncByCode(before.criteria, criteria, {
        create: (k, position) => tx.criterion.create({ data: { ...k, position, callId } }),
        update: (id, k, position) =>
          tx.criterion.update({ where: { id }, data: { ...k, position } }),
        remove: (ids) => tx.criterion.deleteMany({ where: { id: { in: ids } } }),
      });
      await syncByCode(before.levers, levers, {
        create: (l, position) => tx.callLever.create({ data: { ...l, position, callId } }),
        update: (id, l, position) =>
          tx.callLever.update({ where: { id }, data: { ...l, position } }),
        remove: (ids) => tx.callLever.deleteMany({ where: { id: { in: ids } } }),
      });
      await syncByCode(before.documentKinds, documentKinds, {
        create: (d, position) => tx.documentKind.create({ data: { ...d, position, callId } }),
        update: (id, d, position) =>
          tx.documentKind.update({ where: { id }, data: { ...d, position } }),
        remove: (ids) => tx.documentKind.deleteMany({ where: { id: { in: ids } } }),
      });
      await syncByCode(before.learningCommunities, learningCommunities, {
        create: (l) => tx.learningCommunity.create({ data: { ...l, callId } }),
        update: (id, l) => tx.learningCommunity.update({ where: { id }, data: l }),
        remove: (ids) => tx.learningCommunity.deleteMany({ where: { id: { in: ids } } }),
      });
      await tx.callPriority.deleteMany({ where: { callId } });
      await tx.callPriority.createMany({ data: priorities.map((p) => ({ ...p, callId })) });
      const sameTranches = JSON.stringify(beforeValues.tranches) === JSON.stringify(tranches);
      if (!sameTranches) {
        if (await tx.payment.count({ where: { tranche: { callId } } })) {
          throw new AppError(
            "INVALID_STATE",
            "L'échéancier ne peut plus changer : des versements ont été enregistrés.",
            {
              tranches: ["L'échéancier ne peut plus changer : des versements ont été enregistrés."],
            },
          );
        }
        await tx.paymentTranche.deleteMany({ where: { callId } });
        await tx.paymentTranche.createMany({
          data: tranches.map((t, position) => ({ ...t, position, callId })),
        });
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "call.update",
        entityType: "Call",
        entityId: callId,
        before: beforeValues,
        after: c,
      });
    })
    .catch((error: unknown) => {
      // A removed lever, document kind or community that dossiers already use cannot be deleted.
      if ((error as { code?: string }).code === "P2003") {
        throw new AppError(
          "INVALID_STATE",
          "Un levier, une pièce ou une communauté retiré est déjà utilisé par des dossiers : gardez-le.",
        );
      }
      return duplicate(error);
    });
}

/** Creates the next edition of a call, in preparation, with the same terms and dates a year later. */
export async function duplicateCall(actor: Actor, callId: string) {
  assertCan(actor, "call.manage");
  const source = await db().call.findUnique({ where: { id: callId }, include: CALL_LISTS });
  if (!source) throw new AppError("NOT_FOUND");
  const taken = new Set(
    (
      await db().call.findMany({
        where: { slug: { startsWith: source.slug } },
        select: { slug: true },
      })
    ).map((c) => c.slug),
  );
  let slug = `${source.slug}-copie`;
  for (let n = 2; taken.has(slug); n++) slug = `${source.slug}-copie-${n}`;
  return createCall(actor, duplicateValues(callFormValues(source), slug));
}
