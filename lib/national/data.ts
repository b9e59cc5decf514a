import "server-only";
// Reads of the national consolidation, each behind the policy. The dossiers the national cell works on:
// those of a call whose region is finalised, with a regional opinion, in a national status.
import { readFacts } from "@/lib/applications/facts";
import { SUBMITTED_STATUSES } from "@/lib/applications/status";
import { assertCan, can, type Actor } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { reservePromotion } from "@/lib/national/decision-rules";
import type { OverviewFilters, ParsedWhatIf } from "@/lib/national/schema";
import { selectLaureates, simulate, type Candidate, type SelectionRules } from "@/lib/national/selection";
import { evaluatorAgreement, scoreContext } from "@/lib/national/statistics";
import { paged } from "@/lib/pagination";
import { storage } from "@/lib/storage/storage";

type Client = Tx | ReturnType<typeof db>;

export const NATIONAL_STATUSES: ApplicationStatus[] = ["REGIONAL_DONE", "LAUREATE", "RESERVE", "NOT_RETAINED"];

export async function finalizedRegionCodes(client: Client, callId: string): Promise<string[]> {
  const rows = await client.regionalReview.findMany({ where: { callId, status: "FINALIZED" }, select: { regionCode: true } });
  return rows.map((r) => r.regionCode);
}

/** The `where` of the national dossiers of a call (finalised regions given). */
export function nationalWhere(callId: string, regions: string[]): Prisma.ApplicationWhereInput {
  return { callId, regionCode: { in: regions }, status: { in: NATIONAL_STATUSES }, submittedAt: { not: null }, regionalOpinion: { isNot: null } };
}

/** The call with its rules (envelope, bounds, priorities), or NOT_FOUND. */
export async function callWithRules(client: Client, callId: string) {
  const call = await client.call.findUnique({ where: { id: String(callId) }, include: { priorities: { orderBy: { id: "asc" } } } });
  if (!call || call.phase === "DRAFT") throw new AppError("NOT_FOUND");
  return call;
}
export type CallWithRules = Awaited<ReturnType<typeof callWithRules>>;

export function rulesOf(call: CallWithRules): SelectionRules {
  return {
    envelopeCents: call.envelopeCents,
    minGrantCents: call.minGrantCents,
    maxGrantCents: call.maxGrantCents,
    priorities: call.priorities.map((p) => ({ label: p.label, territoryTypes: p.territoryTypes, minShareBps: p.minShareBps })),
  };
}

/** Every national dossier of a call with what the selection and its pages need. No policy: callers check. */
export async function loadNationalDossiers(client: Client, callId: string) {
  const regions = await finalizedRegionCodes(client, callId);
  const rows = await client.application.findMany({
    where: nationalWhere(callId, regions),
    orderBy: [{ reference: "asc" }, { id: "asc" }],
    select: {
      id: true,
      reference: true,
      title: true,
      status: true,
      regionCode: true,
      territoryType: true,
      amountRequestedCents: true,
      ownerId: true,
      pole: { select: { name: true } },
      region: { select: { name: true } },
      regionalOpinion: { select: { opinion: true, consolidatedScore: true, proposedAmountCents: true, rank: true, motivation: true } },
      nationalReview: { select: { score: true, amountCents: true, scoreJustification: true, amountJustification: true } },
      decision: { select: { outcome: true, amountCents: true, reserveRank: true, reasons: true, publishedAt: true } },
    },
  });
  return rows.map((r) => {
    const o = r.regionalOpinion!;
    return {
      ...r,
      reference: r.reference ?? r.id,
      regionalOpinion: o,
      score: r.nationalReview?.score ?? o.consolidatedScore,
      amountCents: r.nationalReview?.amountCents ?? o.proposedAmountCents,
      reviewed: r.nationalReview !== null,
    };
  });
}
export type NationalDossier = Awaited<ReturnType<typeof loadNationalDossiers>>[number];

export function candidatesOf(rows: NationalDossier[]): Candidate[] {
  return rows.map((r) => ({ id: r.id, score: r.score, amountCents: r.amountCents, territoryType: r.territoryType, opinion: r.regionalOpinion.opinion, tieBreak: r.reference }));
}

// ───────────────────────── National view ─────────────────────────

/** Per region: submitted, checked, evaluated, with an opinion, finalised. */
async function regionProgress(callId: string, minEvaluators: number) {
  const checked: ApplicationStatus[] = ["UNDER_REVIEW", "INADMISSIBLE", ...NATIONAL_STATUSES];
  const rows = await db().$queryRaw<{ regionCode: string; submitted: number; checked: number; evaluated: number; opinions: number }[]>`
    SELECT a."regionCode" AS "regionCode",
      count(*) FILTER (WHERE a.status::text = ANY(${SUBMITTED_STATUSES}))::int AS submitted,
      count(*) FILTER (WHERE a.status::text = ANY(${checked}))::int AS checked,
      count(*) FILTER (WHERE coalesce(ev.n, 0) >= ${minEvaluators} OR o.id IS NOT NULL)::int AS evaluated,
      count(o.id)::int AS opinions
    FROM "Application" a
    LEFT JOIN (SELECT "applicationId", count(*) AS n FROM "Evaluation" WHERE status = 'SUBMITTED' GROUP BY 1) ev ON ev."applicationId" = a.id
    LEFT JOIN "RegionalOpinion" o ON o."applicationId" = a.id
    WHERE a."callId" = ${callId} AND a."submittedAt" IS NOT NULL
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.regionCode, r]));
}

/** The national view: progress of every region, finalised dossiers with their scores in context, totals. */
export async function getNationalOverview(actor: Actor, callId: string, filters: OverviewFilters, page: { page: number; size: number; skip: number }) {
  assertCan(actor, "space.cna");
  const call = await callWithRules(db(), callId);
  const [regions, finalized, progress] = await Promise.all([
    db().region.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true } }),
    db().regionalReview.findMany({ where: { callId, status: "FINALIZED" }, select: { regionCode: true, finalizedAt: true } }),
    regionProgress(callId, call.minEvaluators),
  ]);
  const finalizedCodes = finalized.map((r) => r.regionCode);
  const base = nationalWhere(callId, finalizedCodes);
  // Scores in context are computed over every finalised dossier, whatever the filters.
  const [all, evaluations] = await Promise.all([
    db().$queryRaw<{ id: string; regionCode: string; score: number }[]>`
      SELECT a.id, a."regionCode" AS "regionCode", o."consolidatedScore" AS score
      FROM "Application" a JOIN "RegionalOpinion" o ON o."applicationId" = a.id
      WHERE a."callId" = ${callId} AND a."regionCode" = ANY(${finalizedCodes}) AND a.status::text = ANY(${NATIONAL_STATUSES}) AND a."submittedAt" IS NOT NULL`,
    db().$queryRaw<{ applicationId: string; regionCode: string; weightedScore: number }[]>`
      SELECT e."applicationId" AS "applicationId", a."regionCode" AS "regionCode", e."weightedScore" AS "weightedScore"
      FROM "Evaluation" e JOIN "Application" a ON a.id = e."applicationId"
      WHERE a."callId" = ${callId} AND a."regionCode" = ANY(${finalizedCodes}) AND a.status::text = ANY(${NATIONAL_STATUSES})
        AND e.status = 'SUBMITTED' AND e."weightedScore" IS NOT NULL`,
  ]);
  const context = scoreContext(all);
  const agreement = evaluatorAgreement(evaluations);

  const where: Prisma.ApplicationWhereInput = {
    AND: [
      base,
      filters.region ? { regionCode: filters.region } : {},
      filters.territoire ? { territoryType: filters.territoire } : {},
      filters.communaute === "aucune" ? { learningCommunityId: null } : filters.communaute ? { learningCommunity: { code: filters.communaute } } : {},
      filters.avis ? { regionalOpinion: { is: { opinion: filters.avis } } } : {},
    ],
  };
  const [items, total, requested, proposed, communities] = await Promise.all([
    db().application.findMany({
      where,
      orderBy: [{ regionalOpinion: { consolidatedScore: "desc" } }, { reference: "asc" }],
      skip: page.skip,
      take: page.size,
      select: {
        id: true,
        reference: true,
        regionCode: true,
        territoryType: true,
        amountRequestedCents: true,
        status: true,
        pole: { select: { name: true } },
        region: { select: { name: true } },
        learningCommunity: { select: { name: true } },
        regionalOpinion: { select: { opinion: true, consolidatedScore: true, proposedAmountCents: true, rank: true } },
        nationalReview: { select: { score: true, amountCents: true } },
      },
    }),
    db().application.count({ where }),
    db().application.aggregate({ where, _sum: { amountRequestedCents: true } }),
    db().regionalOpinion.aggregate({ where: { application: where }, _sum: { proposedAmountCents: true } }),
    db().learningCommunity.findMany({ where: { callId }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  const finalizedAt = new Map(finalized.map((r) => [r.regionCode, r.finalizedAt]));
  return {
    call,
    regions: regions.map((r) => ({
      ...r,
      progress: progress.get(r.code) ?? { submitted: 0, checked: 0, evaluated: 0, opinions: 0 },
      finalized: finalizedAt.has(r.code),
      finalizedAt: finalizedAt.get(r.code) ?? null,
      severity: context.severity.get(r.code) ?? null,
      agreement: agreement.get(r.code) ?? null,
    })),
    communities,
    list: paged(
      items.map((a) => ({ ...a, context: context.byId.get(a.id) ?? { zScore: null, percentile: null } })),
      total,
      page.page,
      page.size,
    ),
    totals: {
      dossiers: total,
      requestedCents: requested._sum.amountRequestedCents ?? 0,
      proposedCents: proposed._sum.proposedAmountCents ?? 0,
      envelopeCents: call.envelopeCents,
    },
    decided: call.decisionsFinalizedAt !== null,
  };
}

// ───────────────────────── One dossier ─────────────────────────

/** The second-level analysis page of a dossier: regional and national values side by side, evaluations. */
export async function getNationalDossier(actor: Actor, applicationId: string) {
  const facts = await readFacts(String(applicationId));
  assertCan(actor, "national.review", facts);
  const a = await db().application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      id: true,
      callId: true,
      reference: true,
      title: true,
      status: true,
      regionCode: true,
      territoryType: true,
      amountRequestedCents: true,
      presentation: true,
      pole: { select: { name: true, carrierName: true, city: true } },
      region: { select: { name: true } },
      learningCommunity: { select: { name: true } },
      regionalOpinion: { include: { author: { select: { name: true } } } },
      nationalReview: { include: { reviewer: { select: { name: true } } } },
      decision: true,
      evaluations: {
        where: { status: "SUBMITTED" },
        orderBy: { submittedAt: "asc" },
        select: {
          id: true,
          weightedScore: true,
          recommendation: true,
          comment: true,
          evaluator: { select: { name: true } },
          scores: { select: { criterionId: true, score: true, comment: true } },
        },
      },
    },
  });
  if (!a.regionalOpinion) throw new AppError("NOT_FOUND");
  const call = await callWithRules(db(), a.callId);
  const criteria = await db().criterion.findMany({ where: { callId: a.callId }, orderBy: { position: "asc" }, select: { id: true, label: true, weightBps: true, maxScore: true } });
  const regionScores = await db().regionalOpinion.findMany({
    where: { application: { callId: a.callId, regionCode: a.regionCode, status: { in: NATIONAL_STATUSES } } },
    select: { applicationId: true, consolidatedScore: true },
  });
  const context = scoreContext(regionScores.map((r) => ({ id: r.applicationId, regionCode: a.regionCode, score: r.consolidatedScore })));
  const history = await db().auditEvent.findMany({
    where: { entityType: "NationalReview", entityId: a.id },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, at: true, action: true, before: true, after: true, actor: { select: { name: true } } },
  });
  return {
    application: a,
    call,
    criteria,
    severity: context.severity.get(a.regionCode) ?? null,
    context: context.byId.get(a.id) ?? { zScore: null, percentile: null },
    history,
    editable: call.decisionsFinalizedAt === null,
  };
}

// ───────────────────────── Selection ─────────────────────────

/** The proposed list from the national scores and, when asked, a simulation (never written). */
export async function getSelection(actor: Actor, callId: string, whatIf?: ParsedWhatIf) {
  assertCan(actor, "national.decide");
  const call = await callWithRules(db(), callId);
  const rows = await loadNationalDossiers(db(), call.id);
  const rules = rulesOf(call);
  const candidates = candidatesOf(rows);
  const official = selectLaureates(candidates, rules);
  const simulation = whatIf?.active ? simulate(candidates, rules, whatIf) : null;
  const decisionCount = await db().decision.count({ where: { callId: call.id } });
  return { call, rules, dossiers: new Map(rows.map((r) => [r.id, r])), official, simulation, decisionCount, reviewed: rows.filter((r) => r.reviewed).length, total: rows.length };
}

// ───────────────────────── Decisions ─────────────────────────

/** The decision list of a call (draft, finalised or published), with the promotion to propose. */
export async function getDecisionList(actor: Actor, callId: string) {
  assertCan(actor, "national.decide");
  const call = await callWithRules(db(), callId);
  const rows = await loadNationalDossiers(db(), call.id);
  const withdrawn = await db().decision.findMany({
    where: { callId: call.id, application: { status: "WITHDRAWN" } },
    select: { applicationId: true, outcome: true, amountCents: true, application: { select: { reference: true, pole: { select: { name: true } }, withdrawnAt: true } } },
  });
  const promotion = call.resultsPublishedAt ? await proposeReservePromotion(call.id) : null;
  return { call, rules: rulesOf(call), rows, withdrawn, promotion };
}

/** Laureates that still hold their grant: not withdrawn, convention not cancelled. */
export async function activeLaureates(client: Client, callId: string) {
  return client.decision.findMany({
    where: {
      callId,
      outcome: "LAUREATE",
      application: { status: "LAUREATE", OR: [{ convention: { is: null } }, { convention: { is: { status: { not: "CANCELLED" } } } }] },
    },
    select: { applicationId: true, amountCents: true, application: { select: { territoryType: true } } },
  });
}

/**
 * The reserve dossier to promote after a withdrawal (or a cancelled convention): the first of the reserve
 * list whose amount fits the remaining envelope and keeps every priority; null when none does or before
 * publication. Read-only: `promoteReserve` (mutations.ts) applies it once the cell confirms.
 */
export async function proposeReservePromotion(callId: string, client: Client = db()) {
  const call = await callWithRules(client, callId);
  if (!call.resultsPublishedAt) return null;
  // One query after the other: `client` may be a transaction (one connection).
  const active = await activeLaureates(client, call.id);
  const reserve = await client.decision.findMany({
    where: { callId: call.id, outcome: "RESERVE", reserveRank: { not: null }, application: { status: "RESERVE" } },
    orderBy: { reserveRank: "asc" },
    select: { applicationId: true, reserveRank: true, amountCents: true, application: { select: { territoryType: true, reference: true, pole: { select: { name: true } } } } },
  });
  const proposal = reservePromotion(
    active.map((l) => ({ amountCents: l.amountCents ?? 0, territoryType: l.application.territoryType })),
    reserve.map((r) => ({ applicationId: r.applicationId, reserveRank: r.reserveRank!, amountCents: r.amountCents ?? 0, territoryType: r.application.territoryType })),
    rulesOf(call),
  );
  if (!proposal) return null;
  const entry = reserve.find((r) => r.applicationId === proposal.applicationId)!;
  return { ...proposal, reference: entry.application.reference ?? entry.applicationId, poleName: entry.application.pole.name };
}

// ───────────────────────── The applicant's side ─────────────────────────

/** The published decision of a dossier, for those who may read it; null before publication. */
export async function getPublishedDecision(actor: Actor, applicationId: string) {
  const facts = await readFacts(String(applicationId));
  assertCan(actor, "application.read", facts);
  const decision = await db().decision.findUnique({
    where: { applicationId },
    select: { outcome: true, amountCents: true, reserveRank: true, reasons: true, publishedAt: true, letterKey: true },
  });
  if (!decision?.publishedAt) return null;
  return {
    outcome: decision.outcome,
    amountCents: decision.amountCents,
    reserveRank: decision.reserveRank,
    reasons: decision.reasons,
    publishedAt: decision.publishedAt,
    hasLetter: decision.letterKey !== null,
    canRenounce: can(actor, "application.renounce", facts),
    withdrawn: facts!.status === "WITHDRAWN",
  };
}

/** The decision letter (PDF) once published, for those who may read the dossier. */
export async function decisionLetterOf(actor: Actor, applicationId: string) {
  assertCan(actor, "application.read", await readFacts(String(applicationId)));
  const decision = await db().decision.findUnique({ where: { applicationId }, select: { letterKey: true, publishedAt: true, application: { select: { reference: true } } } });
  if (!decision?.publishedAt || !decision.letterKey) throw new AppError("NOT_FOUND");
  return { pdf: await storage().get(decision.letterKey), fileName: `decision-${decision.application.reference ?? applicationId}.pdf` };
}

