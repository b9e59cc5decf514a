import "server-only";
import { applicationFacts, readFacts } from "@/lib/applications/facts";
import { applicationScope } from "@/lib/applications/scope";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
import { paged } from "@/lib/pagination";

// What `application.readSummary` allows: enough to list a dossier, nothing of its content
// (a CRA member sees the content only after declaring no conflict of interest).
const SUMMARY = {
  id: true,
  reference: true,
  title: true,
  status: true,
  regionCode: true,
  submittedAt: true,
  pole: { select: { name: true } },
} as const;

/** The dossiers of the applicant (owned or co-edited), newest first. */
export function listOwnApplications(actor: Actor) {
  assertCan(actor, "space.applicant");
  return db().application.findMany({
    where: {
      AND: [
        applicationScope(actor),
        { OR: [{ ownerId: actor.id }, { collaborators: { some: { userId: actor.id } } }] },
      ],
    },
    orderBy: { updatedAt: "desc" },
    select: {
      ...SUMMARY,
      callId: true,
      amountRequestedCents: true,
      updatedAt: true,
      call: { select: { title: true, year: true } },
    },
  });
}

/** One page of the dossiers of a call in a region, as the actor may see them. */
export async function listRegionApplications(
  actor: Actor,
  callId: string,
  regionCode: string,
  page: { page: number; size: number; skip: number },
) {
  assertCan(actor, "region.read", { kind: "region", regionCode });
  const where = { AND: [applicationScope(actor), { callId, regionCode }] };
  const [items, total] = await Promise.all([
    db().application.findMany({
      where,
      orderBy: [{ reference: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.size,
      select: SUMMARY,
    }),
    db().application.count({ where }),
  ]);
  return paged(items, total, page.page, page.size);
}

/** What every page about a dossier shows at its top: reference, title, status, region, territory, amount asked. */
export const DOSSIER_HEADING = {
  id: true,
  reference: true,
  title: true,
  status: true,
  regionCode: true,
  territoryType: true,
  amountRequestedCents: true,
} as const;

export type StatusCounts = Partial<Record<ApplicationStatus, number>>;

/** Number of dossiers of a call by region and status, within what the actor may see. */
export async function countByRegionAndStatus(
  actor: Actor,
  callId: string,
): Promise<Map<string, StatusCounts>> {
  const rows = await db().application.groupBy({
    by: ["regionCode", "status"],
    where: { AND: [applicationScope(actor), { callId }] },
    _count: { _all: true },
  });
  const byRegion = new Map<string, StatusCounts>();
  for (const row of rows) {
    const counts = byRegion.get(row.regionCode) ?? {};
    counts[row.status] = row._count._all;
    byRegion.set(row.regionCode, counts);
  }
  return byRegion;
}

const DOSSIER = {
  call: {
    include: {
      levers: { orderBy: { position: "asc" } },
      learningCommunities: { orderBy: { code: "asc" } },
      documentKinds: { orderBy: { position: "asc" } },
    },
  },
  pole: {
    include: { members: { orderBy: { position: "asc" } }, region: { select: { name: true } } },
  },
  leverAnswers: true,
  indicators: { orderBy: { position: "asc" } },
  expenses: { orderBy: { position: "asc" } },
  fundings: { orderBy: { position: "asc" } },
  attachments: {
    where: { purpose: "APPLICATION_DOCUMENT" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      documentKindId: true,
      fileName: true,
      mimeType: true,
      sizeBytes: true,
      sha256: true,
      createdAt: true,
    },
  },
  statusChanges: { orderBy: { at: "asc" } },
} as const;

/** The whole dossier, read with `client` (a transaction when it must not change meanwhile). No policy check: callers check. */
export function loadDossier(client: Tx | ReturnType<typeof db>, applicationId: string) {
  return client.application.findUniqueOrThrow({ where: { id: applicationId }, include: DOSSIER });
}

/** A dossier with everything its form and summary show, for those who may read it. */
export async function getApplication(actor: Actor, applicationId: string) {
  const facts = await readFacts(applicationId);
  assertCan(actor, "application.read", facts);
  const application = await loadDossier(db(), applicationId);
  const allowed = (
    action:
      | "application.edit"
      | "application.withdraw"
      | "application.message"
      | "application.invite"
      | "application.answerComplement",
  ) => can(actor, action, facts);
  return {
    application,
    canEdit: allowed("application.edit"),
    canWithdraw: allowed("application.withdraw"),
    canMessage: allowed("application.message"),
    canInvite: allowed("application.invite"),
    canAnswerComplement: allowed("application.answerComplement"),
  };
}

export type ApplicationView = Awaited<ReturnType<typeof getApplication>>["application"];

/** The version a draft is at (optimistic locking), for those who may edit it. */
export async function getDraftVersion(actor: Actor, applicationId: string): Promise<number> {
  assertCan(actor, "application.edit", await applicationFacts(applicationId));
  return (
    await db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { version: true },
    })
  ).version;
}
