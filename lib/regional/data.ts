import "server-only";
// What the regional cell reads: the region's table (progress, scores, opinions) and one dossier's
// instruction. Each row's facts are built from the same record and passed to the policy, so that a
// score is shown only to those who may read it.
import {
  applicationFacts,
  complementRequestsOf,
  DOSSIER_HEADING,
  loadDossier,
  messagesOf,
} from "@/lib/applications/data";
import { STATUS_LABELS } from "@/lib/applications/status";
import { type Actor, type ApplicationFacts, assertCan, can } from "@/lib/auth/policy";
import { toCsv } from "@/lib/csv";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { expectedEvaluations } from "@/lib/evaluations/expected";
import type { ApplicationStatus, Opinion, TerritoryType } from "@/lib/generated/prisma/enums";
import { VersionedMemo } from "@/lib/memo";
import { paged } from "@/lib/pagination";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import { suggestAssignments } from "@/lib/regional/assignment";
import { type DossierProgress, finalizationBlockers } from "@/lib/regional/finalization";
import { OPINION_LABELS } from "@/lib/regional/labels";
import { stepOpen } from "@/lib/regional/steps";
import {
  type Dispersion,
  proposedConsolidatedScore,
  type Synthesis,
  synthesize,
} from "@/lib/regional/synthesis";

export const SORTS = ["reference", "score", "progress", "rank", "status"] as const;
export type RegionSort = (typeof SORTS)[number];
export type RegionQuery = {
  status?: ApplicationStatus;
  q?: string;
  territory?: TerritoryType;
  /** only what waits for the actor */
  mine?: boolean;
  /** only dossiers whose evaluators disagree beyond the threshold */
  flagged?: boolean;
  sort: RegionSort;
  page: { page: number; size: number; skip: number };
};

/** What the actor has to do next on a dossier, if anything. */
export type NextStep = { label: string; mine: boolean };

export type RegionRow = {
  id: string;
  reference: string;
  poleName: string;
  territoryType: TerritoryType;
  status: ApplicationStatus;
  amountRequestedCents: number | null;
  assigned: number;
  submitted: number;
  /** null when the actor may not read the scores */
  scores: {
    perCriterion: Map<string, Dispersion>;
    weighted: Dispersion;
    disagreement: boolean;
  } | null;
  opinion: {
    opinion: Opinion;
    consolidatedScore: number;
    proposedAmountCents: number;
    rank: number | null;
  } | null;
  next: NextStep;
};

// ───────────────────────────── The region's table ─────────────────────────────

/** A submitted dossier of the region with everything the table shows and the policy needs, for any actor. */
type RegionRecord = {
  id: string;
  reference: string | null;
  status: ApplicationStatus;
  ownerId: string;
  territoryType: TerritoryType;
  amountRequestedCents: number | null;
  poleName: string;
  collaboratorIds: string[];
  assigned: string[];
  declarations: { userId: string; hasConflict: boolean }[];
  evaluations: {
    evaluatorId: string;
    status: "DRAFT" | "SUBMITTED";
    weightedScore: number | null;
  }[];
  regionalOpinion: {
    opinion: Opinion;
    consolidatedScore: number;
    proposedAmountCents: number;
    rank: number | null;
  } | null;
  /** the figures of the submitted evaluations of the evaluators still assigned */
  synthesis: Synthesis;
  /** what the policy needs, worked out once per version */
  facts: ApplicationFacts;
};
type RegionSnapshot = {
  version: number;
  finalized: boolean;
  review: RegionalReviewRow | null;
  records: RegionRecord[];
};
type RegionalReviewRow = Awaited<ReturnType<ReturnType<typeof db>["regionalReview"]["findUnique"]>>;

/**
 * The region's dossiers are read and their figures computed once per version of the region (a counter
 * that database triggers move on every change the table shows), then shared by the cell's members:
 * a large region holds a thousand dossiers, and twenty people may be working on it.
 */
const snapshots = new VersionedMemo<Promise<RegionSnapshot>>(64);

async function regionSnapshot(
  callId: string,
  regionCode: string,
  grid: { criterionIds: string[]; threshold: number },
): Promise<RegionSnapshot> {
  const [row] = await db().$queryRaw<
    { version: number }[]
  >`SELECT version FROM "RegionTableVersion" WHERE "callId" = ${callId} AND "regionCode" = ${regionCode}`;
  const version = row?.version ?? 0;
  // Requests arriving while a version is being read wait for that reading rather than starting their own.
  return snapshots.get(`${callId}:${regionCode}`, String(version), () =>
    readSnapshot(callId, regionCode, version, grid),
  );
}

async function readSnapshot(
  callId: string,
  regionCode: string,
  version: number,
  grid: { criterionIds: string[]; threshold: number },
): Promise<RegionSnapshot> {
  // Read after the version: a change in between makes the data newer than its version, never older.
  const review = await db().regionalReview.findUnique({
    where: { callId_regionCode: { callId, regionCode } },
  });
  const finalized = review?.status === "FINALIZED";
  return {
    version,
    finalized,
    review,
    records: await loadRegionRecords(callId, regionCode, finalized, grid),
  };
}

async function loadRegionRecords(
  callId: string,
  regionCode: string,
  finalized: boolean,
  grid: { criterionIds: string[]; threshold: number },
): Promise<RegionRecord[]> {
  const rows = await db().$queryRaw<
    (Omit<RegionRecord, "regionalOpinion" | "synthesis" | "facts"> & {
      opinion: Opinion | null;
      consolidatedScore: number | null;
      proposedAmountCents: number | null;
      rank: number | null;
    })[]
  >`
    SELECT a.id, a.reference, a.status::text AS status, a."ownerId", a."territoryType"::text AS "territoryType", a."amountRequestedCents", p.name AS "poleName",
      COALESCE((SELECT array_agg(c."userId") FROM "ApplicationCollaborator" c WHERE c."applicationId" = a.id AND c."acceptedAt" IS NOT NULL AND c."userId" IS NOT NULL), '{}') AS "collaboratorIds",
      COALESCE((SELECT array_agg(s."evaluatorId") FROM "EvaluatorAssignment" s WHERE s."applicationId" = a.id AND s."withdrawnAt" IS NULL), '{}') AS assigned,
      COALESCE((SELECT json_agg(json_build_object('userId', d."userId", 'hasConflict', d."hasConflict")) FROM "ConflictDeclaration" d WHERE d."applicationId" = a.id), '[]') AS declarations,
      COALESCE((SELECT json_agg(json_build_object('evaluatorId', e."evaluatorId", 'status', e.status, 'weightedScore', e."weightedScore"))
                FROM "Evaluation" e WHERE e."applicationId" = a.id), '[]') AS evaluations,
      o.opinion::text AS opinion, o."consolidatedScore", o."proposedAmountCents", o.rank
    FROM "Application" a
    JOIN "Pole" p ON p.id = a."poleId"
    LEFT JOIN "RegionalOpinion" o ON o."applicationId" = a.id
    WHERE a."callId" = ${callId} AND a."regionCode" = ${regionCode} AND a."submittedAt" IS NOT NULL
    ORDER BY a.reference, a.id`;
  const criterionScores = await scoresOf(callId, regionCode);
  return rows.map(({ opinion, consolidatedScore, proposedAmountCents, rank, ...r }) => {
    const active = new Set(r.assigned);
    const submitted = r.evaluations.filter(
      (e) => e.status === "SUBMITTED" && active.has(e.evaluatorId) && e.weightedScore !== null,
    );
    const byEvaluator = criterionScores.get(r.id);
    return {
      ...r,
      facts: factsOf(r, regionCode, finalized),
      regionalOpinion: opinion
        ? {
            opinion,
            consolidatedScore: consolidatedScore!,
            proposedAmountCents: proposedAmountCents!,
            rank,
          }
        : null,
      synthesis: synthesize(
        grid.criterionIds,
        submitted.map((e) => ({
          evaluatorId: e.evaluatorId,
          weightedScore: e.weightedScore!,
          scores: byEvaluator?.get(e.evaluatorId) ?? new Map(),
        })),
        grid.threshold,
      ),
    };
  });
}

function factsOf(
  r: Pick<RegionRecord, "ownerId" | "collaboratorIds" | "status" | "assigned" | "declarations">,
  regionCode: string,
  regionFinalized: boolean,
): ApplicationFacts {
  return {
    kind: "application",
    ownerId: r.ownerId,
    collaboratorIds: r.collaboratorIds,
    regionCode,
    status: r.status,
    submitted: true,
    assignedEvaluatorIds: r.assigned,
    noConflictUserIds: r.declarations.filter((d) => !d.hasConflict).map((d) => d.userId),
    conflictedUserIds: r.declarations.filter((d) => d.hasConflict).map((d) => d.userId),
    regionFinalized,
  };
}

function nextStep(
  actor: Actor,
  facts: ApplicationFacts,
  r: RegionRecord,
  minEvaluators: number,
): NextStep {
  const own = r.evaluations.find((e) => e.evaluatorId === actor.id);
  if (can(actor, "application.declareConflict", facts))
    return { label: "Déclarer vos intérêts", mine: true };
  if (can(actor, "application.evaluate", facts) && own?.status !== "SUBMITTED")
    return { label: own ? "Terminer mon évaluation" : "Évaluer", mine: true };
  if (
    can(actor, "application.checkAdmissibility", facts) &&
    stepOpen("checkAdmissibility", facts.status)
  )
    return { label: "Vérifier la recevabilité", mine: true };
  if (can(actor, "application.assignEvaluators", facts) && facts.status === "UNDER_REVIEW") {
    const submitted = r.synthesis.weighted.count;
    const expected = expectedEvaluations(minEvaluators, facts.assignedEvaluatorIds.length);
    if (facts.assignedEvaluatorIds.length < minEvaluators)
      return { label: "Affecter les évaluateurs", mine: true };
    if (submitted < expected)
      return { label: `Évaluations en cours (${submitted}/${expected})`, mine: false };
    if (!r.regionalOpinion) return { label: "Rédiger l'avis régional", mine: true };
    if (r.regionalOpinion.rank === null) return { label: "À classer", mine: true };
  }
  if (facts.status === "COMPLEMENT_REQUESTED")
    return { label: "Pièces attendues du porteur", mine: false };
  if (own?.status === "SUBMITTED") return { label: "Évaluation rendue", mine: false };
  return { label: "—", mine: false };
}

/** Every dossier of the region the actor may see (the policy's `readSummary`), with its progress, scores and opinion. */
export async function regionTable(
  actor: Actor,
  callId: string,
  regionCode: string,
  query: RegionQuery,
) {
  assertCan(actor, "region.read", { kind: "region", regionCode });
  const call = await db().call.findUniqueOrThrow({
    where: { id: callId },
    select: {
      minEvaluators: true,
      disagreementThreshold: true,
      phase: true,
      criteria: {
        orderBy: { position: "asc" },
        select: { id: true, code: true, label: true, maxScore: true, weightBps: true },
      },
    },
  });
  const snapshot = await regionSnapshot(callId, regionCode, {
    criterionIds: call.criteria.map((c) => c.id),
    threshold: call.disagreementThreshold,
  });
  const rows: RegionRow[] = [];
  const blockers: DossierProgress[] = [];
  for (const r of snapshot.records) {
    const facts = r.facts;
    if (!can(actor, "application.readSummary", facts)) continue;
    const readable = can(actor, "application.readEvaluations", facts);
    rows.push({
      id: r.id,
      reference: r.reference ?? "—",
      poleName: r.poleName,
      territoryType: r.territoryType,
      status: r.status,
      amountRequestedCents: r.amountRequestedCents,
      assigned: r.assigned.length,
      submitted: r.synthesis.weighted.count,
      scores: readable ? r.synthesis : null,
      opinion: readable ? r.regionalOpinion : null,
      next: nextStep(actor, facts, r, call.minEvaluators),
    });
    blockers.push({
      reference: r.reference ?? r.id,
      status: r.status,
      activeAssignments: r.assigned.length,
      submittedEvaluations: r.synthesis.weighted.count,
      hasOpinion: r.regionalOpinion !== null,
      rank: r.regionalOpinion?.rank ?? null,
    });
  }
  const filtered = rows.filter((row) => matches(row, query)).sort(comparator(query.sort));
  const items = filtered.slice(query.page.skip, query.page.skip + query.page.size);
  return {
    call,
    review: snapshot.review,
    finalized: snapshot.finalized,
    list: paged(items, filtered.length, query.page.page, query.page.size),
    all: rows,
    waitingForMe: rows.filter((r) => r.next.mine).length,
    blockers: finalizationBlockers(blockers, call.minEvaluators),
  };
}

/** Criterion scores of the submitted evaluations of the region's dossiers: dossier → evaluator → criterion → score. */
async function scoresOf(callId: string, regionCode: string) {
  const out = new Map<string, Map<string, Map<string, number>>>();
  const rows = await db().$queryRaw<{ a: string; e: string; c: string; s: number }[]>`
    SELECT ev."applicationId" AS a, ev."evaluatorId" AS e, cs."criterionId" AS c, cs.score AS s
    FROM "Evaluation" ev
    JOIN "Application" ap ON ap.id = ev."applicationId"
    JOIN "CriterionScore" cs ON cs."evaluationId" = ev.id
    WHERE ap."callId" = ${callId} AND ap."regionCode" = ${regionCode} AND ap."submittedAt" IS NOT NULL AND ev.status = 'SUBMITTED'`;
  for (const row of rows) {
    const byEvaluator = out.get(row.a) ?? new Map<string, Map<string, number>>();
    const byCriterion = byEvaluator.get(row.e) ?? new Map<string, number>();
    byCriterion.set(row.c, row.s);
    byEvaluator.set(row.e, byCriterion);
    out.set(row.a, byEvaluator);
  }
  return out;
}

function matches(row: RegionRow, q: RegionQuery): boolean {
  if (q.status && row.status !== q.status) return false;
  if (q.territory && row.territoryType !== q.territory) return false;
  if (q.mine && !row.next.mine) return false;
  if (q.flagged && !row.scores?.disagreement) return false;
  if (q.q) {
    const needle = normalize(q.q);
    if (!normalize(`${row.reference} ${row.poleName}`).includes(needle)) return false;
  }
  return true;
}

const normalize = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

function comparator(sort: RegionSort): (a: RegionRow, b: RegionRow) => number {
  const byReference = (a: RegionRow, b: RegionRow) => a.reference.localeCompare(b.reference);
  const last = (v: number | null | undefined, descending: boolean) =>
    v === null || v === undefined ? Infinity : descending ? -v : v;
  switch (sort) {
    case "score":
      return (a, b) =>
        last(a.scores?.weighted.mean, true) - last(b.scores?.weighted.mean, true) ||
        byReference(a, b);
    case "progress":
      return (a, b) =>
        a.submitted / Math.max(a.assigned, 1) - b.submitted / Math.max(b.assigned, 1) ||
        byReference(a, b);
    case "rank":
      return (a, b) =>
        last(a.opinion?.rank, false) - last(b.opinion?.rank, false) || byReference(a, b);
    case "status":
      return (a, b) => a.status.localeCompare(b.status) || byReference(a, b);
    default:
      return byReference;
  }
}

// ───────────────────────────── One dossier ─────────────────────────────

/** A dossier as the regional cell works on it; its content only for those who may read it. */
export async function instructionDossier(actor: Actor, applicationId: string) {
  const record = await dossierRecord(applicationId);
  const facts = record?.facts;
  assertCan(actor, "application.readSummary", facts);
  // The instruction view is the cells' (an applicant follows their dossier in their own space).
  assertCan(actor, "region.read", { kind: "region", regionCode: facts!.regionCode });
  const { summary } = record!;
  const allowed = {
    declare: can(actor, "application.declareConflict", facts),
    read: can(actor, "application.read", facts),
    check:
      can(actor, "application.checkAdmissibility", facts) &&
      stepOpen("checkAdmissibility", facts!.status),
    assign: can(actor, "application.assignEvaluators", facts) && stepOpen("assign", facts!.status),
    evaluate: can(actor, "application.evaluate", facts),
    readEvaluations: can(actor, "application.readEvaluations", facts),
    opinion: can(actor, "application.regionalOpinion", facts) && stepOpen("opinion", facts!.status),
    message: can(actor, "application.message", facts),
  };
  const evaluations = allowed.readEvaluations
    ? record!.evaluations
    : allowed.read
      ? record!.evaluations.filter((e) => e.evaluatorId === actor.id)
      : [];
  const active = new Set(facts!.assignedEvaluatorIds);
  const submitted = evaluations.filter(
    (e) => e.status === "SUBMITTED" && active.has(e.evaluatorId) && e.weightedScore !== null,
  );
  const synthesis = allowed.readEvaluations
    ? synthesize(
        summary.call.criteria.map((c) => c.id),
        submitted.map((e) => ({
          evaluatorId: e.evaluatorId,
          weightedScore: e.weightedScore!,
          scores: new Map(e.scores.map((s) => [s.criterionId, s.score])),
        })),
        summary.call.disagreementThreshold,
      )
    : null;
  return {
    facts: facts!,
    allowed,
    summary,
    dossier: allowed.read ? record!.dossier : null,
    evaluations,
    submittedEvaluations: submitted,
    synthesis,
    proposedScore: proposedConsolidatedScore(
      submitted.map((e) => ({ weightedScore: e.weightedScore! })),
    ),
    opinion: allowed.readEvaluations ? record!.opinion : null,
    complementRequests: allowed.read ? record!.complementRequests : [],
    messages: allowed.message ? record!.messages : [],
    assignment: allowed.assign
      ? await assignmentOptions(facts!, applicationId, summary.call.id, summary.call.minEvaluators)
      : null,
  };
}

/**
 * What a submitted dossier's instruction page may show, read once per version of its region and of the
 * common data (the counters the page cache reads: database triggers move them on every change of what
 * the region's pages show, see README « The page cache »), then shared by the cell's members; each
 * request applies the policy to it. The version is read first, so what is kept is as new as its version
 * or newer. A dossier not submitted (no cell may read it) is read afresh every time.
 */
const dossierRecords = new VersionedMemo<Promise<DossierRecord | null>>(256);
type DossierRecord = NonNullable<Awaited<ReturnType<typeof readDossierRecord>>>;

async function dossierRecord(applicationId: string): Promise<DossierRecord | null> {
  const [row] = await db().$queryRaw<{ version: string | null }[]>`
    SELECT CASE WHEN a."submittedAt" IS NULL THEN NULL
      ELSE coalesce(v.version, 0)::text || '/' || coalesce((SELECT c.version FROM "CommonDataVersion" c WHERE c.id = 1), 0)::text END AS version
    FROM "Application" a
    LEFT JOIN "RegionTableVersion" v ON v."callId" = a."callId" AND v."regionCode" = a."regionCode"
    WHERE a.id = ${applicationId}`;
  if (!row?.version) return readDossierRecord(applicationId);
  return dossierRecords.get(applicationId, row.version, () => readDossierRecord(applicationId));
}

async function readDossierRecord(applicationId: string) {
  const facts = await applicationFacts(applicationId);
  if (!facts) return null;
  const [summary, dossier, evaluations, opinion, complementRequests, messages] = await Promise.all([
    db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: INSTRUCTION_SUMMARY,
    }),
    loadDossier(db(), applicationId),
    db().evaluation.findMany({
      where: { applicationId },
      select: {
        id: true,
        evaluatorId: true,
        status: true,
        recommendation: true,
        comment: true,
        weightedScore: true,
        submittedAt: true,
        evaluator: { select: { name: true } },
        scores: { select: { criterionId: true, score: true, comment: true } },
      },
      orderBy: { evaluator: { name: "asc" } },
    }),
    db().regionalOpinion.findUnique({
      where: { applicationId },
      include: { author: { select: { name: true } } },
    }),
    complementRequestsOf(applicationId),
    messagesOf(applicationId),
  ]);
  return { facts, summary, dossier, evaluations, opinion, complementRequests, messages };
}

const INSTRUCTION_SUMMARY = {
  ...DOSSIER_HEADING,
  submittedAt: true,
  inadmissibleReason: true,
  pole: {
    select: {
      name: true,
      carrierName: true,
      city: true,
      members: { orderBy: { position: "asc" }, select: { name: true } },
    },
  },
  call: {
    select: {
      id: true,
      slug: true,
      title: true,
      minGrantCents: true,
      maxGrantCents: true,
      minEvaluators: true,
      disagreementThreshold: true,
      documentKinds: { orderBy: { position: "asc" }, select: { code: true, label: true } },
      criteria: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          code: true,
          label: true,
          description: true,
          weightBps: true,
          maxScore: true,
          levels: true,
        },
      },
    },
  },
} as const;

/** The region's evaluators with their load in this call, the current assignment and a suggestion. */
async function assignmentOptions(
  facts: ApplicationFacts,
  applicationId: string,
  callId: string,
  minEvaluators: number,
) {
  const [evaluators, loads] = await Promise.all([
    db().user.findMany({
      where: {
        active: true,
        roles: { some: { role: "CRA_EVALUATOR", regionCode: facts.regionCode } },
      },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db().evaluatorAssignment.groupBy({
      by: ["evaluatorId"],
      where: { withdrawnAt: null, application: { callId } },
      _count: { _all: true },
    }),
  ]);
  const loadOf = new Map(loads.map((l) => [l.evaluatorId, l._count._all]));
  const withLoad = evaluators.map((e) => ({
    ...e,
    load: loadOf.get(e.id) ?? 0,
    conflicted: facts.conflictedUserIds.includes(e.id),
  }));
  const suggestion =
    suggestAssignments(
      [
        {
          id: applicationId,
          assigned: facts.assignedEvaluatorIds,
          excluded: facts.conflictedUserIds,
        },
      ],
      withLoad.filter((e) => !e.conflicted),
      minEvaluators,
    ).get(applicationId) ?? [];
  return { evaluators: withLoad, assigned: facts.assignedEvaluatorIds, suggestion, minEvaluators };
}

export type InstructionDossier = Awaited<ReturnType<typeof instructionDossier>>;

// The region's table as CSV: the same rows, filters of the policy included, as the list shows.

const round = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined ? null : Number(v.toFixed(digits));

export async function regionCsv(actor: Actor, callSlug: string, regionCode: string) {
  const call = await db().call.findUnique({
    where: { slug: String(callSlug).slice(0, 100) },
    select: { id: true, slug: true, phase: true },
  });
  if (!call || call.phase === "DRAFT") throw new AppError("NOT_FOUND");
  const table = await regionTable(actor, call.id, String(regionCode).slice(0, 3), {
    sort: "reference",
    page: { page: 1, size: 100_000, skip: 0 },
  });
  const criteria = table.call.criteria;
  const header = [
    "Référence",
    "Pôle",
    "Territoire",
    "Statut",
    "Montant demandé (€)",
    "Évaluateurs affectés",
    "Évaluations rendues",
    ...criteria.flatMap((c) => [`${c.code} moyenne (/${c.maxScore})`, `${c.code} écart type`]),
    "Note pondérée moyenne (/100)",
    "Écart type de la note",
    "Écart max. de la note",
    "Divergence",
    "Avis régional",
    "Note consolidée (/100)",
    "Montant proposé (€)",
    "Rang",
  ];
  const rows = table.all.map((r) => [
    r.reference,
    r.poleName,
    TERRITORY_LABELS[r.territoryType],
    STATUS_LABELS[r.status],
    r.amountRequestedCents === null ? null : r.amountRequestedCents / 100,
    r.assigned,
    r.submitted,
    ...criteria.flatMap((c) => {
      const d = r.scores?.perCriterion.get(c.id);
      return [round(d?.mean, 2), round(d?.sd, 2)];
    }),
    round(
      r.scores?.weighted.mean === null || r.scores?.weighted.mean === undefined
        ? null
        : r.scores.weighted.mean / 100,
      2,
    ),
    round(
      r.scores?.weighted.sd === null || r.scores?.weighted.sd === undefined
        ? null
        : r.scores.weighted.sd / 100,
      2,
    ),
    round(
      r.scores?.weighted.spread === null || r.scores?.weighted.spread === undefined
        ? null
        : r.scores.weighted.spread / 100,
      2,
    ),
    r.scores ? (r.scores.disagreement ? "oui" : "non") : null,
    r.opinion ? OPINION_LABELS[r.opinion.opinion] : null,
    r.opinion ? r.opinion.consolidatedScore / 100 : null,
    r.opinion ? r.opinion.proposedAmountCents / 100 : null,
    r.opinion?.rank ?? null,
  ]);
  return { csv: toCsv(header, rows), fileName: `${call.slug}-${regionCode}-dossiers.csv` };
}
