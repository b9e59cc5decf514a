import "server-only";
// The regional cell's commands. Each runs in a transaction that holds the region's lock (shared for
// the work on one dossier, exclusive for finalising and reopening), so that nothing is written into a
// region while its results are being frozen; the dossier's facts are re-read inside it, then the policy.
import { randomUUID } from "node:crypto";
import { applicationFacts } from "@/lib/applications/data";
import { assertTransition } from "@/lib/applications/status";
import { recordAudit } from "@/lib/audit/log";
import { type Action, type Actor, type ApplicationFacts, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { expectedEvaluations } from "@/lib/evaluations/expected";
import { weightedScore } from "@/lib/evaluations/score";
import { formatDateTime, formatEuros } from "@/lib/format";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
import {
  complementRequestedMail,
  conflictDeclaredMail,
  evaluationAssignedMail,
  inadmissibleMail,
  regionFinalizedMail,
  regionReopenedMail,
} from "@/lib/mail/templates";
import type { NotificationKind } from "@/lib/notifications/kinds";
import { type NotificationInput, notify } from "@/lib/notifications/outbox";
import {
  applicantEmails,
  cnaMemberEmails,
  craCoordinatorEmails,
} from "@/lib/notifications/recipients";
import { suggestAssignments } from "@/lib/regional/assignment";
import { finalizationBlockers } from "@/lib/regional/finalization";
import {
  admissibilitySchema,
  assignmentSchema,
  conflictSchema,
  evaluationSchema,
  opinionSchema,
  rankingSchema,
  reasonSchema,
} from "@/lib/regional/schema";
import { type RegionalStep, STEP_STATUSES, stepOpen } from "@/lib/regional/steps";
import { parisEndOfDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";

const REGION_LOCK = 7_202_512;
const REGION_FINALIZED =
  "Les résultats de la région sont finalisés : la cellule nationale doit les rouvrir pour les modifier.";

async function lockRegion(
  tx: Tx,
  callId: string,
  regionCode: string,
  mode: "shared" | "exclusive",
) {
  const key = `${callId}:${regionCode}`;
  if (mode === "shared")
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${REGION_LOCK}::int, hashtext(${key}))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGION_LOCK}::int, hashtext(${key}))`;
}

type DossierContext = { tx: Tx; facts: ApplicationFacts; callId: string; reference: string };

/** Runs `work` on one dossier under the region's shared lock and the dossier's row lock, once the policy allows `action`. */
async function onDossier<T>(
  actor: Actor,
  applicationId: string,
  action: Action,
  work: (c: DossierContext) => Promise<T>,
): Promise<T> {
  const where =
    typeof applicationId === "string" && applicationId.length <= 40 ? applicationId : "";
  const located = await db().application.findUnique({
    where: { id: where },
    select: { callId: true, regionCode: true },
  });
  if (!located) assertCan(actor, action, undefined);
  return db().$transaction(async (tx) => {
    await lockRegion(tx, located!.callId, located!.regionCode, "shared");
    await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${where} FOR UPDATE`;
    const facts = await applicationFacts(where, tx);
    // Those who may read the dossier learn why they can no longer change it; the others, that it does not exist.
    if (
      facts?.regionFinalized &&
      can(actor, "application.read", facts) &&
      !can(actor, action, facts)
    ) {
      throw new AppError("INVALID_STATE", REGION_FINALIZED);
    }
    assertCan(actor, action, facts);
    const { reference } = await tx.application.findUniqueOrThrow({
      where: { id: where },
      select: { reference: true },
    });
    return work({ tx, facts: facts!, callId: located!.callId, reference: reference ?? "" });
  });
}

async function setStatus(
  tx: Tx,
  actor: Actor,
  applicationId: string,
  from: ApplicationStatus,
  to: ApplicationStatus,
  note?: string,
) {
  assertTransition(from, to);
  const done = await tx.application.updateMany({
    where: { id: applicationId, status: from },
    data: { status: to },
  });
  if (done.count !== 1) throw new AppError("CONFLICT");
  await tx.statusChange.create({
    data: { applicationId, from, to, actorId: actor.id, note: note ?? null },
  });
}

function expectStep(facts: ApplicationFacts, step: RegionalStep, message: string) {
  if (!stepOpen(step, facts.status)) throw new AppError("INVALID_STATE", message);
}

/** The notifications of one event to several people (each e-mail built for its recipient). */
function toEach(
  emails: string[],
  kind: NotificationKind,
  event: string,
  mail: (to: string) => NotificationInput["mail"],
  context: Pick<NotificationInput, "link" | "callId" | "applicationId">,
): NotificationInput[] {
  return emails.map((to) => ({ kind, event, mail: mail(to), ...context }));
}

const dossierLink = (id: string) => `${appUrl()}/cra/dossiers/${id}`;

// ───────────────────────────── Conflicts of interest ─────────────────────────────

/** Declared before reading a dossier; a conflicted evaluator is withdrawn from it and the coordinators are told. */
export async function declareConflict(actor: Actor, applicationId: string, input: unknown) {
  const { hasConflict, reason } = parseInput(conflictSchema, input);
  await onDossier(
    actor,
    applicationId,
    "application.declareConflict",
    async ({ tx, facts, callId, reference }) => {
      await tx.conflictDeclaration.create({
        data: { applicationId, userId: actor.id, hasConflict, reason: reason || null },
      });
      const wasAssigned = facts.assignedEvaluatorIds.includes(actor.id);
      if (hasConflict && wasAssigned) {
        await tx.evaluatorAssignment.update({
          where: { applicationId_evaluatorId: { applicationId, evaluatorId: actor.id } },
          data: { withdrawnAt: new Date() },
        });
        const link = dossierLink(applicationId);
        await notify(
          tx,
          toEach(
            await craCoordinatorEmails(tx, facts.regionCode),
            "evaluation.conflict-declared",
            `evaluation.conflict-declared:${applicationId}:${actor.id}`,
            (to) => conflictDeclaredMail({ to, evaluator: actor.name, reference, link }),
            { link, callId, applicationId },
          ),
        );
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "conflict.declare",
        entityType: "Application",
        entityId: applicationId,
        after: { hasConflict, reason, withdrawn: hasConflict && wasAssigned },
      });
    },
  );
  return { hasConflict };
}

// ───────────────────────────── Completeness and eligibility ─────────────────────────────

/** Complete (the dossier goes to evaluation), incomplete (missing documents asked, with a due date) or inadmissible (with the reason the applicant reads). */
export async function checkAdmissibility(
  actor: Actor,
  applicationId: string,
  input: unknown,
  now = new Date(),
) {
  const decision = parseInput(admissibilitySchema, input);
  await onDossier(
    actor,
    applicationId,
    "application.checkAdmissibility",
    async ({ tx, facts, callId, reference }) => {
      const link = `${appUrl()}/mes-dossiers/${applicationId}`;
      const context = { link, callId, applicationId };
      expectStep(facts, "checkAdmissibility", "La recevabilité de ce dossier a déjà été examinée.");
      if (decision.decision === "COMPLETE") {
        await setStatus(
          tx,
          actor,
          applicationId,
          "SUBMITTED",
          "UNDER_REVIEW",
          "Dossier complet et recevable",
        );
        await tx.application.update({
          where: { id: applicationId },
          data: { admissibilityDecidedAt: now },
        });
      } else if (decision.decision === "INADMISSIBLE") {
        await setStatus(tx, actor, applicationId, "SUBMITTED", "INADMISSIBLE", decision.reason);
        await tx.application.update({
          where: { id: applicationId },
          data: { admissibilityDecidedAt: now, inadmissibleReason: decision.reason },
        });
        await notify(
          tx,
          toEach(
            await applicantEmails(tx, applicationId),
            "dossier.inadmissible",
            `dossier.inadmissible:${applicationId}`,
            (to) => inadmissibleMail({ to, reference, link }),
            context,
          ),
        );
      } else {
        const dueAt = parisEndOfDay(decision.dueDate);
        if (dueAt <= now)
          throw new AppError("VALIDATION", undefined, {
            dueDate: ["La date limite doit être postérieure à aujourd'hui."],
          });
        const known = await tx.documentKind.findMany({
          where: { callId, code: { in: decision.documentCodes } },
          select: { code: true },
        });
        if (known.length !== new Set(decision.documentCodes).size)
          throw new AppError("VALIDATION", undefined, {
            documentCodes: ["Une des pièces demandées n'existe pas dans cet appel."],
          });
        const request = await tx.complementRequest.create({
          data: {
            applicationId,
            requestedById: actor.id,
            message: decision.message,
            documentCodes: decision.documentCodes,
            dueAt,
          },
          select: { id: true },
        });
        await setStatus(
          tx,
          actor,
          applicationId,
          "SUBMITTED",
          "COMPLEMENT_REQUESTED",
          "Pièces complémentaires demandées",
        );
        await notify(
          tx,
          toEach(
            await applicantEmails(tx, applicationId),
            "dossier.complement-requested",
            `dossier.complement-requested:${request.id}`,
            (to) => complementRequestedMail({ to, reference, dueAt: formatDateTime(dueAt), link }),
            context,
          ),
        );
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.admissibility",
        entityType: "Application",
        entityId: applicationId,
        after: decision,
      });
    },
  );
}

// ───────────────────────────── Assignment ─────────────────────────────

async function regionEvaluators(tx: Tx, regionCode: string) {
  return tx.user.findMany({
    where: { active: true, roles: { some: { role: "CRA_EVALUATOR", regionCode } } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

/** Sets who evaluates the dossier: at least the call's minimum, evaluators of the region without a conflict. */
export async function assignEvaluators(actor: Actor, applicationId: string, input: unknown) {
  const { evaluatorIds } = parseInput(assignmentSchema, input);
  const wanted = [...new Set(evaluatorIds)];
  await onDossier(
    actor,
    applicationId,
    "application.assignEvaluators",
    async ({ tx, facts, callId }) => {
      expectStep(facts, "assign", "Ce dossier n'est plus à évaluer.");
      const call = await tx.call.findUniqueOrThrow({
        where: { id: callId },
        select: { minEvaluators: true },
      });
      if (wanted.length < call.minEvaluators) {
        throw new AppError("VALIDATION", undefined, {
          evaluatorIds: [`Choisissez au moins ${call.minEvaluators} évaluateurs.`],
        });
      }
      const allowed = new Map((await regionEvaluators(tx, facts.regionCode)).map((e) => [e.id, e]));
      const invalid = wanted.filter(
        (id) => !allowed.has(id) || facts.conflictedUserIds.includes(id),
      );
      if (invalid.length)
        throw new AppError("VALIDATION", undefined, {
          evaluatorIds: [
            "Un des évaluateurs choisis n'appartient pas à la cellule de la région ou a déclaré un conflit d'intérêts.",
          ],
        });
      const removed = facts.assignedEvaluatorIds.filter((id) => !wanted.includes(id));
      const done = await tx.evaluation.count({
        where: { applicationId, evaluatorId: { in: removed }, status: "SUBMITTED" },
      });
      if (done)
        throw new AppError(
          "INVALID_STATE",
          "Un évaluateur qui a rendu son évaluation ne peut plus être retiré du dossier.",
        );
      const now = new Date();
      await tx.evaluatorAssignment.updateMany({
        where: { applicationId, evaluatorId: { in: removed } },
        data: { withdrawnAt: now },
      });
      const fresh = wanted.filter((id) => !facts.assignedEvaluatorIds.includes(id));
      for (const evaluatorId of fresh) {
        await tx.evaluatorAssignment.upsert({
          where: { applicationId_evaluatorId: { applicationId, evaluatorId } },
          create: { applicationId, evaluatorId, assignedById: actor.id },
          update: { withdrawnAt: null, assignedById: actor.id, assignedAt: now },
        });
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.assign",
        entityType: "Application",
        entityId: applicationId,
        before: { evaluatorIds: facts.assignedEvaluatorIds },
        after: { evaluatorIds: wanted },
      });
      const link = `${appUrl()}/cra?mes=1`;
      // An assignment is an event of its instant: withdrawn then assigned again, the evaluator is told again.
      await notify(
        tx,
        fresh.map((id) => ({
          kind: "evaluation.assigned" as const,
          event: `evaluation.assigned:${applicationId}:${id}:${now.toISOString()}`,
          mail: evaluationAssignedMail({ to: allowed.get(id)!.email, count: 1, link }),
          link,
          callId,
          applicationId,
        })),
      );
    },
  );
}

/**
 * Bulk assignment: every dossier of the region that has fewer evaluators than the call's minimum gets the
 * least-loaded evaluators. Dossiers the coordinator may not assign (no declaration of interests yet) are skipped.
 */
export async function assignSuggested(actor: Actor, callId: string, regionCode: string) {
  assertCan(actor, "region.finalize", { kind: "region", regionCode });
  const candidates = await db().application.findMany({
    where: { callId: String(callId), regionCode, status: { in: [...STEP_STATUSES.assign] } },
    select: { id: true },
    orderBy: { reference: "asc" },
  });
  const result = await db().$transaction(async (tx) => {
    await lockRegion(tx, String(callId), regionCode, "shared");
    const call = await tx.call.findUniqueOrThrow({
      where: { id: String(callId) },
      select: { minEvaluators: true },
    });
    const needs = [];
    let skipped = 0;
    for (const { id } of candidates) {
      const facts = await applicationFacts(id, tx);
      if (!facts || !canAssign(actor, facts)) {
        skipped++;
        continue;
      }
      needs.push({ id, assigned: facts.assignedEvaluatorIds, excluded: facts.conflictedUserIds });
    }
    const evaluators = await regionEvaluators(tx, regionCode);
    const loads = await tx.evaluatorAssignment.groupBy({
      by: ["evaluatorId"],
      where: { withdrawnAt: null, application: { callId: String(callId) } },
      _count: { _all: true },
    });
    const loadOf = new Map(loads.map((l) => [l.evaluatorId, l._count._all]));
    const suggestions = suggestAssignments(
      needs,
      evaluators.map((e) => ({ id: e.id, name: e.name, load: loadOf.get(e.id) ?? 0 })),
      call.minEvaluators,
    );
    const perEvaluator = new Map<string, number>();
    for (const [applicationId, evaluatorIds] of suggestions) {
      for (const evaluatorId of evaluatorIds) {
        await tx.evaluatorAssignment.upsert({
          where: { applicationId_evaluatorId: { applicationId, evaluatorId } },
          create: { applicationId, evaluatorId, assignedById: actor.id },
          update: { withdrawnAt: null, assignedById: actor.id, assignedAt: new Date() },
        });
        perEvaluator.set(evaluatorId, (perEvaluator.get(evaluatorId) ?? 0) + 1);
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "application.assign",
        entityType: "Application",
        entityId: applicationId,
        after: { added: evaluatorIds, suggested: true },
      });
    }
    const incomplete = needs.filter(
      (n) => n.assigned.length + (suggestions.get(n.id)?.length ?? 0) < call.minEvaluators,
    ).length;
    const emailOf = new Map(evaluators.map((e) => [e.id, e.email]));
    const link = `${appUrl()}/cra?mes=1`;
    const batch = randomUUID();
    await notify(
      tx,
      [...perEvaluator].map(([id, count]) => ({
        kind: "evaluation.assigned" as const,
        event: `evaluation.assigned:batch:${batch}`,
        mail: evaluationAssignedMail({ to: emailOf.get(id)!, count, link }),
        link,
        callId: String(callId),
      })),
    );
    return { assigned: suggestions.size, skipped, incomplete };
  });
  return { assigned: result.assigned, skipped: result.skipped, incomplete: result.incomplete };
}

function canAssign(actor: Actor, facts: ApplicationFacts) {
  return can(actor, "application.assignEvaluators", facts) && stepOpen("assign", facts.status);
}

// ───────────────────────────── Scoring ─────────────────────────────

/** Saves the evaluator's draft, or submits it (every score in range, a comment per criterion, a recommendation). */
export async function saveEvaluation(
  actor: Actor,
  applicationId: string,
  input: unknown,
  submit: boolean,
) {
  return onDossier(actor, applicationId, "application.evaluate", async ({ tx, callId }) => {
    const grid = await tx.criterion.findMany({
      where: { callId },
      orderBy: { position: "asc" },
      select: { id: true, label: true, weightBps: true, maxScore: true },
    });
    const parsed = parseInput(evaluationSchema(grid, submit), input);
    const existing = await tx.evaluation.findUnique({
      where: { applicationId_evaluatorId: { applicationId, evaluatorId: actor.id } },
      select: { id: true, status: true },
    });
    if (existing?.status === "SUBMITTED")
      throw new AppError(
        "INVALID_STATE",
        "Votre évaluation est déjà soumise : elle n'est plus modifiable.",
      );
    const scores = new Map(grid.map((c) => [c.id, parsed.scores[c.id]!.score]));
    const total = submit ? weightedScore(grid, scores) : null;
    const data = {
      recommendation: parsed.recommendation,
      comment: parsed.comment,
      status: submit ? ("SUBMITTED" as const) : ("DRAFT" as const),
      weightedScore: total,
      submittedAt: submit ? new Date() : null,
    };
    const evaluation = await tx.evaluation.upsert({
      where: { applicationId_evaluatorId: { applicationId, evaluatorId: actor.id } },
      create: { applicationId, evaluatorId: actor.id, ...data },
      update: data,
      select: { id: true },
    });
    await tx.criterionScore.deleteMany({ where: { evaluationId: evaluation.id } });
    await tx.criterionScore.createMany({
      data: grid.flatMap((c) => {
        const { score, comment } = parsed.scores[c.id]!;
        return score === null
          ? []
          : [{ evaluationId: evaluation.id, criterionId: c.id, score, comment }];
      }),
    });
    if (submit) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "evaluation.submit",
        entityType: "Application",
        entityId: applicationId,
        after: {
          weightedScore: total,
          recommendation: parsed.recommendation,
          scores: parsed.scores,
        },
      });
    }
    return { weightedScore: total, status: data.status };
  });
}

// ───────────────────────────── Regional opinion and ranking ─────────────────────────────

/** The coordinator's opinion on an evaluated dossier: every assigned evaluator has submitted, at least the call's minimum. */
export async function saveRegionalOpinion(actor: Actor, applicationId: string, input: unknown) {
  return onDossier(
    actor,
    applicationId,
    "application.regionalOpinion",
    async ({ tx, facts, callId }) => {
      expectStep(
        facts,
        "opinion",
        "L'avis ne peut être rendu que sur un dossier recevable en instruction.",
      );
      const call = await tx.call.findUniqueOrThrow({
        where: { id: callId },
        select: { minGrantCents: true, maxGrantCents: true, minEvaluators: true },
      });
      const opinion = parseInput(
        opinionSchema({ minCents: call.minGrantCents, maxCents: call.maxGrantCents }),
        input,
      );
      const submitted = await tx.evaluation.count({
        where: {
          applicationId,
          status: "SUBMITTED",
          evaluatorId: { in: facts.assignedEvaluatorIds },
        },
      });
      const expected = expectedEvaluations(call.minEvaluators, facts.assignedEvaluatorIds.length);
      if (submitted < expected)
        throw new AppError(
          "INVALID_STATE",
          `L'avis régional attend toutes les évaluations : ${submitted} rendue(s) sur ${expected}.`,
        );
      const { amountRequestedCents } = await tx.application.findUniqueOrThrow({
        where: { id: applicationId },
        select: { amountRequestedCents: true },
      });
      if (amountRequestedCents !== null && opinion.proposedAmountCents > amountRequestedCents) {
        throw new AppError("VALIDATION", undefined, {
          proposedAmountCents: [
            `Le montant proposé ne peut dépasser le montant demandé (${formatEuros(amountRequestedCents)}).`,
          ],
        });
      }
      const before = await tx.regionalOpinion.findUnique({
        where: { applicationId },
        select: {
          opinion: true,
          consolidatedScore: true,
          proposedAmountCents: true,
          motivation: true,
        },
      });
      await tx.regionalOpinion.upsert({
        where: { applicationId },
        create: { applicationId, authorId: actor.id, ...opinion },
        update: { authorId: actor.id, ...opinion },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "regional.opinion",
        entityType: "Application",
        entityId: applicationId,
        before,
        after: opinion,
      });
    },
  );
}

/** Orders the region's ranking: `order` lists every dossier with an opinion, best first. */
export async function rankRegion(actor: Actor, callId: string, regionCode: string, input: unknown) {
  assertCan(actor, "region.finalize", { kind: "region", regionCode });
  const { order } = parseInput(rankingSchema, input);
  await db().$transaction(async (tx) => {
    await lockRegion(tx, String(callId), regionCode, "shared");
    await assertRegionOpen(tx, String(callId), regionCode);
    const opinions = await tx.regionalOpinion.findMany({
      where: { application: { callId: String(callId), regionCode, status: "UNDER_REVIEW" } },
      select: { applicationId: true, rank: true },
    });
    const expected = new Set(opinions.map((o) => o.applicationId));
    if (
      order.length !== expected.size ||
      new Set(order).size !== order.length ||
      order.some((id) => !expected.has(id))
    ) {
      throw new AppError(
        "CONFLICT",
        "Le classement doit comprendre chaque dossier ayant un avis, une seule fois. Rechargez la page : un avis a pu être ajouté entre-temps.",
      );
    }
    // Two passes, since ranks are not unique until the end: clear, then set.
    await tx.regionalOpinion.updateMany({
      where: { applicationId: { in: order } },
      data: { rank: null },
    });
    for (const [i, applicationId] of order.entries())
      await tx.regionalOpinion.update({ where: { applicationId }, data: { rank: i + 1 } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "regional.rank",
      entityType: "RegionalReview",
      entityId: `${callId}:${regionCode}`,
      before: opinions,
      after: order,
    });
  });
}

async function assertRegionOpen(tx: Tx, callId: string, regionCode: string) {
  const review = await tx.regionalReview.findUnique({
    where: { callId_regionCode: { callId, regionCode } },
    select: { status: true },
  });
  if (review?.status === "FINALIZED") throw new AppError("INVALID_STATE", REGION_FINALIZED);
}

// ───────────────────────────── Finalisation and reopening ─────────────────────────────

/** Freezes the region's results and sends them to the national cell: refused while a dossier is not fully instructed. */
export async function finalizeRegion(actor: Actor, callId: string, regionCode: string) {
  assertCan(actor, "region.finalize", { kind: "region", regionCode });
  const result = await db().$transaction(async (tx) => {
    await lockRegion(tx, String(callId), regionCode, "exclusive");
    const call = await tx.call.findUnique({
      where: { id: String(callId) },
      select: { id: true, phase: true, minEvaluators: true, decisionsFinalizedAt: true },
    });
    if (!call) throw new AppError("NOT_FOUND");
    if (!["REGIONAL_REVIEW", "NATIONAL_REVIEW"].includes(call.phase) || call.decisionsFinalizedAt) {
      throw new AppError(
        "INVALID_STATE",
        "Les résultats régionaux se finalisent pendant l'instruction, une fois le dépôt des dossiers clos.",
      );
    }
    await assertRegionOpen(tx, call.id, regionCode);
    const dossiers = await tx.application.findMany({
      where: { callId: call.id, regionCode, submittedAt: { not: null } },
      select: {
        id: true,
        reference: true,
        status: true,
        assignments: { where: { withdrawnAt: null }, select: { evaluatorId: true } },
        evaluations: { where: { status: "SUBMITTED" }, select: { evaluatorId: true } },
        regionalOpinion: { select: { rank: true } },
      },
      orderBy: { reference: "asc" },
    });
    const blockers = finalizationBlockers(
      dossiers.map((d) => {
        const assigned = new Set(d.assignments.map((a) => a.evaluatorId));
        return {
          reference: d.reference ?? d.id,
          status: d.status,
          activeAssignments: assigned.size,
          submittedEvaluations: d.evaluations.filter((e) => assigned.has(e.evaluatorId)).length,
          hasOpinion: d.regionalOpinion !== null,
          rank: d.regionalOpinion?.rank ?? null,
        };
      }),
      call.minEvaluators,
    );
    if (blockers.length) {
      const shown = blockers.slice(0, 10).join(" ; ");
      throw new AppError(
        "INVALID_STATE",
        `La région ne peut pas encore être finalisée (${blockers.length} dossier(s)) : ${shown}${blockers.length > 10 ? "…" : "."}`,
      );
    }
    const done = dossiers.filter((d) => d.status === "UNDER_REVIEW");
    for (const d of done)
      await setStatus(
        tx,
        actor,
        d.id,
        "UNDER_REVIEW",
        "REGIONAL_DONE",
        "Avis régional transmis à la cellule nationale",
      );
    const now = new Date();
    await tx.regionalReview.upsert({
      where: { callId_regionCode: { callId: call.id, regionCode } },
      create: {
        callId: call.id,
        regionCode,
        status: "FINALIZED",
        finalizedAt: now,
        finalizedById: actor.id,
      },
      update: { status: "FINALIZED", finalizedAt: now, finalizedById: actor.id },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "region.finalize",
      entityType: "RegionalReview",
      entityId: `${call.id}:${regionCode}`,
      after: { dossiers: done.map((d) => d.reference) },
    });
    const region = await tx.region.findUniqueOrThrow({
      where: { code: regionCode },
      select: { name: true },
    });
    const link = `${appUrl()}/cna`;
    await notify(
      tx,
      toEach(
        await cnaMemberEmails(tx),
        "region.finalized",
        `region.finalized:${call.id}:${regionCode}:${now.toISOString()}`,
        (to) => regionFinalizedMail({ to, region: region.name, count: done.length, link }),
        { link, callId: call.id },
      ),
    );
    return done.length;
  });
  return { count: result };
}

/** The national cell reopens a finalised region (before the decisions are finalised) so that its cell can change its results. */
export async function reopenRegion(
  actor: Actor,
  callId: string,
  regionCode: string,
  input: unknown,
) {
  assertCan(actor, "region.reopen", { kind: "region", regionCode });
  const { reason } = parseInput(reasonSchema, input);
  await db().$transaction(async (tx) => {
    await lockRegion(tx, String(callId), regionCode, "exclusive");
    const call = await tx.call.findUnique({
      where: { id: String(callId) },
      select: { id: true, decisionsFinalizedAt: true },
    });
    const review =
      call &&
      (await tx.regionalReview.findUnique({
        where: { callId_regionCode: { callId: call.id, regionCode } },
      }));
    if (!call || review?.status !== "FINALIZED")
      throw new AppError("INVALID_STATE", "Les résultats de cette région ne sont pas finalisés.");
    if (call.decisionsFinalizedAt)
      throw new AppError(
        "INVALID_STATE",
        "Les décisions de l'appel sont finalisées : les résultats régionaux ne peuvent plus être rouverts.",
      );
    const done = await tx.application.findMany({
      where: { callId: call.id, regionCode, status: "REGIONAL_DONE" },
      select: { id: true },
    });
    for (const d of done)
      await setStatus(
        tx,
        actor,
        d.id,
        "REGIONAL_DONE",
        "UNDER_REVIEW",
        `Résultats régionaux rouverts : ${reason}`,
      );
    const now = new Date();
    await tx.regionalReview.update({
      where: { id: review.id },
      data: { status: "OPEN", reopenedAt: now, reopenedById: actor.id, reopenReason: reason },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "region.reopen",
      entityType: "RegionalReview",
      entityId: `${call.id}:${regionCode}`,
      after: { reason },
    });
    const region = await tx.region.findUniqueOrThrow({
      where: { code: regionCode },
      select: { name: true },
    });
    const link = `${appUrl()}/cra`;
    await notify(
      tx,
      toEach(
        await craCoordinatorEmails(tx, regionCode),
        "region.reopened",
        `region.reopened:${call.id}:${regionCode}:${now.toISOString()}`,
        (to) => regionReopenedMail({ to, region: region.name, reason, link }),
        { link, callId: call.id },
      ),
    );
  });
}
