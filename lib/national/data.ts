import "server-only";
import { DOSSIER_HEADING, loadDossier, readFacts } from "@/lib/applications/data";
// Reads of the national consolidation, each behind the policy. The dossiers the national cell works on:
// those of a call whose region is finalised, with a regional opinion, in a national status.
import { NATIONAL_STATUSES, SUBMITTED_STATUSES } from "@/lib/applications/status";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
import { VersionedMemo } from "@/lib/memo";
import { decisionLinesOf, departuresFrom, reservePromotion } from "@/lib/national/decision-rules";
import { DEFAULT_AUTHOR, type DecisionDetails } from "@/lib/national/letters";
import type { OverviewFilters, ParsedWhatIf } from "@/lib/national/schema";
import {
  type Candidate,
  compareSelections,
  runSelection,
  type SelectionResult,
  type SelectionRules,
  simulate,
} from "@/lib/national/selection";
import { evaluatorAgreement, scoreContext } from "@/lib/national/statistics";
import { paged } from "@/lib/pagination";
import { storage } from "@/lib/storage/storage";

type Client = Tx | ReturnType<typeof db>;

async function finalizedRegionCodes(client: Client, callId: string): Promise<string[]> {
  const rows = await client.regionalReview.findMany({
    where: { callId, status: "FINALIZED" },
    select: { regionCode: true },
  });
  return rows.map((r) => r.regionCode);
}

/** The `where` of the national dossiers of a call (finalised regions given). */
function nationalWhere(callId: string, regions: string[]): Prisma.ApplicationWhereInput {
  return {
    callId,
    regionCode: { in: regions },
    status: { in: NATIONAL_STATUSES },
    submittedAt: { not: null },
    regionalOpinion: { isNot: null },
  };
}

/** The call with its rules (envelope, bounds, priorities), or NOT_FOUND. */
export async function callWithRules(client: Client, callId: string) {
  const call = await client.call.findUnique({
    where: { id: String(callId) },
    include: { priorities: { orderBy: { id: "asc" } } },
  });
  if (!call || call.phase === "DRAFT") throw new AppError("NOT_FOUND");
  return call;
}
export type CallWithRules = Awaited<ReturnType<typeof callWithRules>>;

export function rulesOf(call: CallWithRules): SelectionRules {
  return {
    envelopeCents: call.envelopeCents,
    minGrantCents: call.minGrantCents,
    maxGrantCents: call.maxGrantCents,
    priorities: call.priorities.map((p) => ({
      label: p.label,
      territoryTypes: p.territoryTypes,
      minShareBps: p.minShareBps,
    })),
    qualityThreshold: call.qualityThreshold,
    reserveListLength: call.reserveListLength,
    adjustLastGrant: call.adjustLastGrant,
  };
}

/**
 * The lists the call's rule allows the cell to decide: the official selection, and, when the call lets the
 * last grant be adjusted, the same list without the adjustment (the cell may decline it).
 */
export function allowedSelections(call: CallWithRules, rows: NationalDossier[]): SelectionResult[] {
  const rules = rulesOf(call);
  const candidates = candidatesOf(rows);
  const official = runSelection(call.selectionMethod, candidates, rules);
  const withoutAdjustment = official.laureates.some((l) => l.adjusted)
    ? runSelection(call.selectionMethod, candidates, { ...rules, adjustLastGrant: false })
    : null;
  return withoutAdjustment ? [official, withoutAdjustment] : [official];
}

/** Every national dossier of a call with what the selection and its pages need. No policy: callers check. */
export async function loadNationalDossiers(client: Client, callId: string) {
  const regions = await finalizedRegionCodes(client, callId);
  const rows = await client.application.findMany({
    where: nationalWhere(callId, regions),
    orderBy: [{ reference: "asc" }, { id: "asc" }],
    select: {
      ...DOSSIER_HEADING,
      ownerId: true,
      pole: { select: { name: true } },
      region: { select: { name: true } },
      regionalOpinion: {
        select: {
          opinion: true,
          consolidatedScore: true,
          proposedAmountCents: true,
          rank: true,
          motivation: true,
        },
      },
      nationalReview: {
        select: {
          score: true,
          amountCents: true,
          scoreJustification: true,
          amountJustification: true,
        },
      },
      decision: {
        select: {
          outcome: true,
          amountCents: true,
          reserveRank: true,
          reasons: true,
          publishedAt: true,
        },
      },
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
  return rows.map((r) => ({
    id: r.id,
    score: r.score,
    amountCents: r.amountCents,
    territoryType: r.territoryType,
    opinion: r.regionalOpinion.opinion,
    tieBreak: r.reference,
  }));
}

// ───────────────────────── National view ─────────────────────────

/**
 * Severity, z-scores, percentiles and evaluator agreement over the finalised regions. Their inputs (regional
 * opinions and submitted evaluations of finalised regions) are frozen until a region is reopened, so the result
 * is kept in memory per call, under a version naming every finalised region and the moment it was finalised: a
 * reopening or a new finalisation changes the version (on every instance, since it is read from the database).
 */
const FROZEN_STATISTICS = new VersionedMemo<
  Promise<{
    context: ReturnType<typeof scoreContext>;
    agreement: ReturnType<typeof evaluatorAgreement>;
  }>
>(20);
function frozenStatistics(
  callId: string,
  finalized: { regionCode: string; finalizedAt: Date | null }[],
) {
  const codes = finalized.map((r) => r.regionCode).sort();
  const version = [...finalized]
    .sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1))
    .map((r) => `${r.regionCode}@${r.finalizedAt?.toISOString() ?? ""}`)
    .join(",");
  return FROZEN_STATISTICS.get(callId, version, async () => {
    const [all, evaluations] = await Promise.all([
      db().$queryRaw<{ id: string; regionCode: string; score: number }[]>`
        SELECT a.id, a."regionCode" AS "regionCode", o."consolidatedScore" AS score
        FROM "Application" a JOIN "RegionalOpinion" o ON o."applicationId" = a.id
        WHERE a."callId" = ${callId} AND a."regionCode" = ANY(${codes}) AND a."submittedAt" IS NOT NULL`,
      db().$queryRaw<{ applicationId: string; regionCode: string; weightedScore: number }[]>`
        SELECT e."applicationId" AS "applicationId", a."regionCode" AS "regionCode", e."weightedScore" AS "weightedScore"
        FROM "Evaluation" e JOIN "Application" a ON a.id = e."applicationId"
        WHERE a."callId" = ${callId} AND a."regionCode" = ANY(${codes}) AND e.status = 'SUBMITTED' AND e."weightedScore" IS NOT NULL
          AND EXISTS (SELECT 1 FROM "RegionalOpinion" o WHERE o."applicationId" = a.id)`,
    ]);
    return { context: scoreContext(all), agreement: evaluatorAgreement(evaluations) };
  });
}

/** Per region: submitted, checked, evaluated, with an opinion, finalised. */
async function regionProgress(callId: string, minEvaluators: number) {
  const checked: ApplicationStatus[] = ["UNDER_REVIEW", "INADMISSIBLE", ...NATIONAL_STATUSES];
  const rows = await db().$queryRaw<
    {
      regionCode: string;
      submitted: number;
      checked: number;
      evaluated: number;
      opinions: number;
    }[]
  >`
    SELECT a."regionCode" AS "regionCode",
      count(*) FILTER (WHERE a.status::text = ANY(${SUBMITTED_STATUSES}))::int AS submitted,
      count(*) FILTER (WHERE a.status::text = ANY(${checked}))::int AS checked,
      -- evaluated: an opinion, or as many submitted evaluations as expected (counted only when there is no
      -- opinion yet). The rule is expectedEvaluations (lib/evaluations/expected.ts): GREATEST(the call's
      -- minimum, the evaluators still assigned), counting the evaluations of evaluators still assigned.
      count(*) FILTER (WHERE o.id IS NOT NULL OR (
        SELECT count(*) FROM "Evaluation" e
        JOIN "EvaluatorAssignment" x ON x."applicationId" = e."applicationId"
          AND x."evaluatorId" = e."evaluatorId" AND x."withdrawnAt" IS NULL
        WHERE e."applicationId" = a.id AND e.status = 'SUBMITTED'
      ) >= GREATEST(${minEvaluators}::int, (
        SELECT count(*) FROM "EvaluatorAssignment" x
        WHERE x."applicationId" = a.id AND x."withdrawnAt" IS NULL
      )))::int AS evaluated,
      count(o.id)::int AS opinions
    FROM "Application" a
    LEFT JOIN "RegionalOpinion" o ON o."applicationId" = a.id
    WHERE a."callId" = ${callId} AND a."submittedAt" IS NOT NULL
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.regionCode, r]));
}

/** The national view: progress of every region, finalised dossiers with their scores in context, totals. */
export async function getNationalOverview(
  actor: Actor,
  callId: string,
  filters: OverviewFilters,
  page: { page: number; size: number; skip: number },
) {
  assertCan(actor, "space.cna");
  const call = await callWithRules(db(), callId);
  const [regions, finalizedOrNot, progress] = await Promise.all([
    db().region.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true } }),
    db().regionalReview.findMany({
      where: { callId },
      select: { regionCode: true, status: true, finalizedAt: true, reopenedAt: true },
    }),
    regionProgress(callId, call.minEvaluators),
  ]);
  const reviews = new Map(finalizedOrNot.map((r) => [r.regionCode, r]));
  const finalized = finalizedOrNot.filter((r) => r.status === "FINALIZED");
  const finalizedCodes = finalized.map((r) => r.regionCode);
  const { context, agreement } = await frozenStatistics(callId, finalized);
  // One SQL query for the page and one for the totals (5 000 dossiers: the ORM's relation filters cost more).
  const conditions = [
    Prisma.sql`a."callId" = ${callId}`,
    Prisma.sql`a."regionCode" = ANY(${finalizedCodes})`,
    Prisma.sql`a.status::text = ANY(${NATIONAL_STATUSES})`,
    Prisma.sql`a."submittedAt" IS NOT NULL`,
    ...(filters.region ? [Prisma.sql`a."regionCode" = ${filters.region}`] : []),
    ...(filters.territoire ? [Prisma.sql`a."territoryType"::text = ${filters.territoire}`] : []),
    ...(filters.communaute === "aucune"
      ? [Prisma.sql`a."learningCommunityId" IS NULL`]
      : filters.communaute
        ? [Prisma.sql`lc.code = ${filters.communaute}`]
        : []),
    ...(filters.avis ? [Prisma.sql`o.opinion::text = ${filters.avis}`] : []),
  ];
  const from = Prisma.sql`FROM "Application" a
    JOIN "RegionalOpinion" o ON o."applicationId" = a.id
    LEFT JOIN "LearningCommunity" lc ON lc.id = a."learningCommunityId"`;
  const where = Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
  type Row = {
    id: string;
    reference: string | null;
    regionCode: string;
    territoryType: "RURAL" | "QPV" | "URBAN";
    amountRequestedCents: number | null;
    poleName: string;
    regionName: string;
    learningCommunity: string | null;
    opinion: "FAVORABLE" | "RESERVED" | "UNFAVORABLE";
    consolidatedScore: number;
    proposedAmountCents: number;
    rank: number | null;
    nationalScore: number | null;
    nationalAmountCents: number | null;
  };
  const [rows, [totals], communities] = await Promise.all([
    db().$queryRaw<Row[]>`
      SELECT a.id, a.reference, a."regionCode" AS "regionCode", a."territoryType"::text AS "territoryType", a."amountRequestedCents" AS "amountRequestedCents",
        p.name AS "poleName", r.name AS "regionName", lc.name AS "learningCommunity", o.opinion::text AS opinion,
        o."consolidatedScore" AS "consolidatedScore", o."proposedAmountCents" AS "proposedAmountCents", o.rank,
        n.score AS "nationalScore", n."amountCents" AS "nationalAmountCents"
      ${from}
      JOIN "Pole" p ON p.id = a."poleId"
      JOIN "Region" r ON r.code = a."regionCode"
      LEFT JOIN "NationalReview" n ON n."applicationId" = a.id
      ${where}
      ORDER BY o."consolidatedScore" DESC, a.reference ASC, a.id ASC
      LIMIT ${page.size} OFFSET ${page.skip}`,
    db().$queryRaw<{ total: number; requested: bigint | null; proposed: bigint | null }[]>`
      SELECT count(*)::int AS total, sum(a."amountRequestedCents") AS requested, sum(o."proposedAmountCents") AS proposed ${from} ${where}`,
    db().learningCommunity.findMany({
      where: { callId },
      orderBy: { code: "asc" },
      select: { code: true, name: true },
    }),
  ]);
  const total = totals!.total;
  const items = rows.map((a) => ({
    id: a.id,
    reference: a.reference,
    regionCode: a.regionCode,
    territoryType: a.territoryType,
    amountRequestedCents: a.amountRequestedCents,
    pole: { name: a.poleName },
    region: { name: a.regionName },
    learningCommunity: a.learningCommunity ? { name: a.learningCommunity } : null,
    regionalOpinion: {
      opinion: a.opinion,
      consolidatedScore: a.consolidatedScore,
      proposedAmountCents: a.proposedAmountCents,
      rank: a.rank,
    },
    nationalReview:
      a.nationalScore === null
        ? null
        : { score: a.nationalScore, amountCents: a.nationalAmountCents! },
  }));
  const finalizedAt = new Map(finalized.map((r) => [r.regionCode, r.finalizedAt]));
  return {
    call,
    regions: regions.map((r) => ({
      ...r,
      progress: progress.get(r.code) ?? { submitted: 0, checked: 0, evaluated: 0, opinions: 0 },
      finalized: finalizedAt.has(r.code),
      finalizedAt: finalizedAt.get(r.code) ?? null,
      reopenedAt: reviews.get(r.code)?.reopenedAt ?? null,
      severity: context.severity.get(r.code) ?? null,
      agreement: agreement.get(r.code) ?? null,
    })),
    communities,
    list: paged(
      items.map((a) => ({
        ...a,
        context: context.byId.get(a.id) ?? { zScore: null, percentile: null },
      })),
      total,
      page.page,
      page.size,
    ),
    totals: {
      dossiers: total,
      requestedCents: Number(totals!.requested ?? 0),
      proposedCents: Number(totals!.proposed ?? 0),
      envelopeCents: call.envelopeCents,
    },
    decided: call.decisionsFinalizedAt !== null,
  };
}

// ───────────────────────── One dossier ─────────────────────────

/**
 * What a CNA member reads before declaring their interests on a dossier: its heading (reference, pole and
 * its structure, region) and the pole's members, to recognise a link; nothing of the content. Null once they
 * declared no conflict (the page then reads `getNationalDossier`); NOT_FOUND when they declared a conflict.
 */
export async function getNationalDeclaration(actor: Actor, applicationId: string) {
  const facts = await readFacts(String(applicationId));
  if (!can(actor, "national.declareInterest", facts)) {
    assertCan(actor, "national.review", facts);
    return null;
  }
  return db().application.findUniqueOrThrow({
    where: { id: String(applicationId) },
    select: {
      ...DOSSIER_HEADING,
      call: { select: { slug: true } },
      pole: {
        select: {
          name: true,
          carrierName: true,
          city: true,
          members: { orderBy: { position: "asc" }, select: { name: true } },
        },
      },
      region: { select: { name: true } },
    },
  });
}

/**
 * The second-level analysis page of a dossier, once the CNA member declared no conflict with it: the whole
 * dossier as submitted, every evaluator's scores and comments, the regional opinion, regional and national
 * values side by side.
 */
export async function getNationalDossier(actor: Actor, applicationId: string) {
  const facts = await readFacts(String(applicationId));
  assertCan(actor, "national.review", facts);
  assertCan(actor, "application.read", facts);
  const a = await db().application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      ...DOSSIER_HEADING,
      callId: true,
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
          submittedAt: true,
          evaluator: { select: { name: true } },
          scores: { select: { criterionId: true, score: true, comment: true } },
        },
      },
    },
  });
  if (!a.regionalOpinion) throw new AppError("NOT_FOUND");
  const dossier = await loadDossier(db(), a.id);
  const call = await callWithRules(db(), a.callId);
  const criteria = await db().criterion.findMany({
    where: { callId: a.callId },
    orderBy: { position: "asc" },
    select: { id: true, label: true, weightBps: true, maxScore: true },
  });
  const regionScores = await db().regionalOpinion.findMany({
    where: {
      application: { callId: a.callId, regionCode: a.regionCode, submittedAt: { not: null } },
    },
    select: { applicationId: true, consolidatedScore: true },
  });
  const context = scoreContext(
    regionScores.map((r) => ({
      id: r.applicationId,
      regionCode: a.regionCode,
      score: r.consolidatedScore,
    })),
  );
  const history = await db().auditEvent.findMany({
    where: { entityType: "NationalReview", entityId: a.id },
    orderBy: { id: "desc" },
    take: 20,
    select: {
      id: true,
      at: true,
      action: true,
      before: true,
      after: true,
      actor: { select: { name: true } },
    },
  });
  return {
    application: a,
    dossier,
    call,
    criteria,
    severity: context.severity.get(a.regionCode) ?? null,
    context: context.byId.get(a.id) ?? { zScore: null, percentile: null },
    history,
    editable: call.decisionsFinalizedAt === null,
  };
}

/**
 * The national cell's declarations of interests on a call's national dossiers (for the lists, which show
 * what each member may still open, and for the minutes of the commission): one row per member and dossier.
 */
export async function nationalDeclarations(actor: Actor, callId: string) {
  assertCan(actor, "national.decide");
  const regions = await finalizedRegionCodes(db(), String(callId));
  return db().conflictDeclaration.findMany({
    where: {
      application: nationalWhere(String(callId), regions),
      user: { roles: { some: { role: "CNA_MEMBER" } } },
    },
    orderBy: [{ declaredAt: "asc" }, { id: "asc" }],
    select: {
      applicationId: true,
      hasConflict: true,
      reason: true,
      declaredAt: true,
      user: { select: { id: true, name: true } },
      application: { select: { reference: true } },
    },
  });
}

// ───────────────────────── Selection ─────────────────────────

/**
 * The proposed list by the call's method from the national scores, the other method beside it with the
 * differences explained, and, when asked, a simulation (never written).
 */
export async function getSelection(actor: Actor, callId: string, whatIf?: ParsedWhatIf) {
  assertCan(actor, "national.decide");
  const call = await callWithRules(db(), callId);
  const rows = await loadNationalDossiers(db(), call.id);
  const rules = rulesOf(call);
  const candidates = candidatesOf(rows);
  const official = runSelection(call.selectionMethod, candidates, rules);
  const merit =
    call.selectionMethod === "MERIT_ORDER"
      ? official
      : runSelection("MERIT_ORDER", candidates, rules);
  const maxScore =
    call.selectionMethod === "MAX_SCORE" ? official : runSelection("MAX_SCORE", candidates, rules);
  const simulation = whatIf?.active
    ? simulate(call.selectionMethod, candidates, rules, whatIf)
    : null;
  const decisionCount = await db().decision.count({ where: { callId: call.id } });
  return {
    call,
    rules,
    dossiers: new Map(rows.map((r) => [r.id, r])),
    official,
    comparison: { merit, maxScore, differences: compareSelections(merit, maxScore) },
    simulation,
    decisionCount,
    reviewed: rows.filter((r) => r.reviewed).length,
    total: rows.length,
  };
}

// ───────────────────────── Decisions ─────────────────────────

/** The decision list of a call (draft, finalised or published), with the promotion to propose. */
export async function getDecisionList(actor: Actor, callId: string) {
  assertCan(actor, "national.decide");
  const call = await callWithRules(db(), callId);
  // Before the list is accepted there is nothing to show: the dossiers are not loaded.
  const rows = (await db().decision.count({ where: { callId: call.id } }))
    ? await loadNationalDossiers(db(), call.id)
    : [];
  const withdrawn = await db().decision.findMany({
    where: { callId: call.id, application: { status: "WITHDRAWN" } },
    select: {
      applicationId: true,
      outcome: true,
      amountCents: true,
      application: {
        select: { reference: true, pole: { select: { name: true } }, withdrawnAt: true },
      },
    },
  });
  const promotion = call.resultsPublishedAt ? await proposeReservePromotion(call.id) : null;
  // Before finalisation: how the list departs from the call's rule (a written justification is then required).
  const departures =
    rows.length && !call.decisionsFinalizedAt
      ? departuresFrom(decisionLinesOf(rows), allowedSelections(call, rows)).departures.map(
          (d) => d.text,
        )
      : [];
  return { call, rules: rulesOf(call), rows, withdrawn, promotion, departures };
}

/** Laureates that still hold their grant: not withdrawn, convention not cancelled. */
async function activeLaureates(client: Client, callId: string) {
  return client.decision.findMany({
    where: {
      callId,
      outcome: "LAUREATE",
      application: {
        status: "LAUREATE",
        OR: [
          { convention: { is: null } },
          { convention: { is: { status: { not: "CANCELLED" } } } },
        ],
      },
    },
    select: {
      applicationId: true,
      amountCents: true,
      application: { select: { territoryType: true } },
    },
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
    where: {
      callId: call.id,
      outcome: "RESERVE",
      reserveRank: { not: null },
      application: { status: "RESERVE" },
    },
    orderBy: { reserveRank: "asc" },
    select: {
      applicationId: true,
      reserveRank: true,
      amountCents: true,
      application: {
        select: { territoryType: true, reference: true, pole: { select: { name: true } } },
      },
    },
  });
  const proposal = reservePromotion(
    active.map((l) => ({
      amountCents: l.amountCents ?? 0,
      territoryType: l.application.territoryType,
    })),
    reserve.map((r) => ({
      applicationId: r.applicationId,
      reserveRank: r.reserveRank!,
      amountCents: r.amountCents ?? 0,
      territoryType: r.application.territoryType,
    })),
    rulesOf(call),
  );
  if (!proposal) return null;
  const entry = reserve.find((r) => r.applicationId === proposal.applicationId)!;
  return {
    ...proposal,
    reference: entry.application.reference ?? entry.applicationId,
    poleName: entry.application.pole.name,
  };
}

// ───────────────────────── The applicant's side ─────────────────────────

/** The published decision of a dossier, for those who may read it; null before publication. */
export async function getPublishedDecision(actor: Actor, applicationId: string) {
  const facts = await readFacts(String(applicationId));
  assertCan(actor, "application.read", facts);
  const decision = await db().decision.findUnique({
    where: { applicationId },
    select: {
      callId: true,
      outcome: true,
      amountCents: true,
      reserveRank: true,
      reasons: true,
      publishedAt: true,
      letterKey: true,
    },
  });
  if (!decision?.publishedAt) return null;
  return {
    outcome: decision.outcome,
    amountCents: decision.amountCents,
    reserveRank: decision.reserveRank,
    reasons: decision.reasons,
    publishedAt: decision.publishedAt,
    // the score, rank, funding line, threshold and appreciations, as the letter gives them
    details: (await decisionDetails(db(), decision.callId, [applicationId])).get(applicationId)!,
    hasLetter: decision.letterKey !== null,
    canRenounce: can(actor, "application.renounce", facts),
    withdrawn: facts!.status === "WITHDRAWN",
  };
}

/** The decision letter (PDF) once published, for those who may read the dossier. */
export async function decisionLetterOf(actor: Actor, applicationId: string) {
  assertCan(actor, "application.read", await readFacts(String(applicationId)));
  const decision = await db().decision.findUnique({
    where: { applicationId },
    select: { letterKey: true, publishedAt: true, application: { select: { reference: true } } },
  });
  if (!decision?.publishedAt || !decision.letterKey) throw new AppError("NOT_FOUND");
  return {
    pdf: await storage().get(decision.letterKey),
    fileName: `decision-${decision.application.reference ?? applicationId}.pdf`,
  };
}

// ───────────────────────── The decision's details (letters and the applicant's page) ─────────────────────────

/**
 * What explains each decision of a call beyond its outcome: the national score and rank frozen at finalisation,
 * the funding line (the lowest score among the laureates of the decided list), the quality threshold, the evaluators' mean score and
 * comments per criterion, the pass-over reason. One read for the letters (publication, promotion) and the
 * applicant's page, so that both say the same. `applicationIds` limits the dossiers read (the call's totals are
 * always over all its decisions). No policy: callers check.
 */
export async function decisionDetails(
  client: Client,
  callId: string,
  applicationIds?: string[],
): Promise<Map<string, DecisionDetails>> {
  // One query after the other: `client` may be a transaction (one connection).
  const call = await client.call.findUniqueOrThrow({
    where: { id: callId },
    select: { qualityThreshold: true, grantorName: true },
  });
  const decisions = await client.decision.findMany({
    where: { callId },
    orderBy: { applicationId: "asc" },
    select: {
      applicationId: true,
      outcome: true,
      score: true,
      meritRank: true,
      adjusted: true,
      passOverReason: true,
      application: {
        select: {
          regionalOpinion: { select: { consolidatedScore: true, proposedAmountCents: true } },
          nationalReview: { select: { score: true, amountCents: true } },
        },
      },
    },
  });
  const scoreOf = (d: (typeof decisions)[number]) =>
    d.score ??
    d.application.nationalReview?.score ??
    d.application.regionalOpinion?.consolidatedScore ??
    null;
  // The funding line is the decided list's: a dossier promoted later from the reserve list does not move it.
  const promoted = new Set(
    (
      await client.auditEvent.findMany({
        where: {
          action: "national.promote",
          entityId: { in: decisions.map((d) => d.applicationId) },
        },
        select: { entityId: true },
      })
    ).map((e) => e.entityId),
  );
  const laureateScores = decisions
    .filter((d) => d.outcome === "LAUREATE" && !promoted.has(d.applicationId))
    .map(scoreOf)
    .filter((s): s is number => s !== null);
  const fundingLineScore = laureateScores.length ? Math.min(...laureateScores) : null;
  const wanted = applicationIds ? new Set(applicationIds) : null;
  const chosen = decisions.filter((d) => !wanted || wanted.has(d.applicationId));
  const criteria = await client.criterion.findMany({
    where: { callId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, label: true, weightBps: true, maxScore: true },
  });
  const evaluations = await client.evaluation.findMany({
    where: { applicationId: { in: chosen.map((d) => d.applicationId) }, status: "SUBMITTED" },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: {
      applicationId: true,
      scores: { select: { criterionId: true, score: true, comment: true } },
    },
  });
  const byDossier = new Map<string, typeof evaluations>();
  for (const e of evaluations)
    byDossier.set(e.applicationId, [...(byDossier.get(e.applicationId) ?? []), e]);
  const out = new Map<string, DecisionDetails>();
  for (const d of chosen) {
    const own = byDossier.get(d.applicationId) ?? [];
    out.set(d.applicationId, {
      score: scoreOf(d),
      meritRank: d.meritRank,
      rankedCount: decisions.length,
      fundingLineScore,
      qualityThreshold: call.qualityThreshold,
      adjusted: d.adjusted,
      proposedAmountCents:
        d.application.nationalReview?.amountCents ??
        d.application.regionalOpinion?.proposedAmountCents ??
        null,
      passOverReason: d.passOverReason,
      authorName: call.grantorName.trim() || DEFAULT_AUTHOR,
      criteria: criteria.map((c) => {
        const scores = own.flatMap((e) => e.scores.filter((s) => s.criterionId === c.id));
        const comments = [...new Set(scores.map((s) => s.comment.trim()).filter(Boolean))];
        const meanScore = scores.length
          ? Math.round((scores.reduce((sum, s) => sum + s.score, 0) * 100) / scores.length)
          : null;
        return {
          label: c.label,
          weightBps: c.weightBps,
          maxScore: c.maxScore,
          meanScore,
          comments,
        };
      }),
    });
  }
  return out;
}

export type PublishedDecision = Awaited<ReturnType<typeof getPublishedDecision>>;
