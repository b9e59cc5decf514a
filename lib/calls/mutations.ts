import "server-only";
import { recordAudit } from "@/lib/audit/log";
import { assertCan, type Actor } from "@/lib/auth/policy";
import { callInputSchema, type CallInput } from "@/lib/calls/schema";
import { phaseChangeRefusal } from "@/lib/calls/phase";
import { db } from "@/lib/db";
import { AppError, conflictOnUnique } from "@/lib/errors";
import type { CallPhase } from "@/lib/generated/prisma/enums";
import { fieldErrorsOf } from "@/lib/users/mutations";

/** Creates a call in preparation (DRAFT) with its grid, documents, priorities and payment schedule. */
export async function createCall(actor: Actor, input: CallInput) {
  assertCan(actor, "call.manage");
  const parsed = callInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", undefined, fieldErrorsOf(parsed.error.issues));
  const c = parsed.data;
  const duplicate = conflictOnUnique("Un appel existe déjà avec cet identifiant.", "slug");
  return db().$transaction(async (tx) => {
    if (await tx.call.findUnique({ where: { slug: c.slug }, select: { id: true } })) duplicate({ code: "P2002" });
    const call = await tx.call.create({
      data: {
        slug: c.slug,
        title: c.title,
        year: c.year,
        summary: c.summary,
        opensAt: c.opensAt,
        deadlineAt: c.deadlineAt,
        regionalDeadlineAt: c.regionalDeadlineAt,
        nationalDeadlineAt: c.nationalDeadlineAt,
        resultsAt: c.resultsAt,
        envelopeCents: c.envelopeCents,
        minGrantCents: c.minGrantCents,
        maxGrantCents: c.maxGrantCents,
        durationMonths: c.durationMonths,
        minEvaluators: c.minEvaluators,
        levers: { create: c.levers.map((l, position) => ({ ...l, position })) },
        priorities: { create: c.priorities },
        learningCommunities: { create: c.learningCommunities },
        documentKinds: { create: c.documentKinds.map((d, position) => ({ ...d, position })) },
        criteria: { create: c.criteria.map((k, position) => ({ ...k, position })) },
        tranches: { create: c.tranches.map((t, position) => ({ ...t, position })) },
      },
      select: { id: true, slug: true },
    });
    await recordAudit(tx, { actorId: actor.id, action: "call.create", entityType: "Call", entityId: call.id, after: c });
    return call;
  }).catch(duplicate);
}

/** Moves a call to another phase through the transition table, with its guard. */
export async function changeCallPhase(actor: Actor, callId: string, to: CallPhase, now = new Date()) {
  assertCan(actor, "call.manage");
  return db().$transaction(async (tx) => {
    // The call's row is locked: two moves at once cannot both pass their guards.
    await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;
    const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true, phase: true, deadlineAt: true, resultsPublishedAt: true } });
    if (!call) throw new AppError("NOT_FOUND");
    const active = { callId, submittedAt: { not: null }, status: { not: "WITHDRAWN" } } as const;
    const [submittedCount, regions, finalized] = await Promise.all([
      tx.application.count({ where: active }),
      tx.application.findMany({ where: active, distinct: ["regionCode"], select: { regionCode: true } }),
      tx.regionalReview.findMany({ where: { callId, status: "FINALIZED" }, select: { regionCode: true } }),
    ]);
    const finalizedRegions = new Set(finalized.map((r) => r.regionCode));
    const openRegionalReviews = regions.filter((r) => !finalizedRegions.has(r.regionCode)).length;
    const refusal = phaseChangeRefusal(
      call.phase,
      to,
      { deadlineAt: call.deadlineAt, submittedCount, openRegionalReviews, resultsPublished: !!call.resultsPublishedAt },
      now,
    );
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    await tx.call.update({
      where: { id: callId },
      data: { phase: to, ...(to === "OPEN" ? { publishedAt: now } : {}) },
    });
    await recordAudit(tx, { actorId: actor.id, action: "call.phase", entityType: "Call", entityId: callId, before: { phase: call.phase }, after: { phase: to } });
  });
}
