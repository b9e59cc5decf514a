import "server-only";
import { cache } from "react";
import { applicationScope } from "@/lib/applications/scope";
import { receiptDocument } from "@/lib/applications/submission";
import { type Actor, type ApplicationFacts, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";
import { paged } from "@/lib/pagination";
import { storage } from "@/lib/storage/storage";

/** What the policy needs to know of a dossier, read from the database (never from the client). */
export async function applicationFacts(
  id: string,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<ApplicationFacts | undefined> {
  if (typeof id !== "string" || id.length > 40) return undefined;
  const a = await client.application.findUnique({
    where: { id },
    select: {
      ownerId: true,
      regionCode: true,
      status: true,
      submittedAt: true,
      callId: true,
      collaborators: { where: { acceptedAt: { not: null } }, select: { userId: true } },
      assignments: { where: { withdrawnAt: null }, select: { evaluatorId: true } },
      conflicts: { select: { userId: true, hasConflict: true } },
    },
  });
  if (!a) return undefined;
  const review = await client.regionalReview.findUnique({
    where: { callId_regionCode: { callId: a.callId, regionCode: a.regionCode } },
    select: { status: true },
  });
  return {
    kind: "application",
    ownerId: a.ownerId,
    collaboratorIds: a.collaborators.flatMap((c) => (c.userId ? [c.userId] : [])),
    regionCode: a.regionCode,
    status: a.status,
    submitted: a.submittedAt !== null,
    assignedEvaluatorIds: a.assignments.map((x) => x.evaluatorId),
    // every declarer, whichever cell: CRA members (regional instruction) and CNA members (national analysis)
    noConflictUserIds: a.conflicts.filter((c) => !c.hasConflict).map((c) => c.userId),
    conflictedUserIds: a.conflicts.filter((c) => c.hasConflict).map((c) => c.userId),
    regionFinalized: review?.status === "FINALIZED",
  };
}

/**
 * The same facts read once per request, for the reads of one page (the dossier, its messages,
 * co-editors, requests): commands keep reading them fresh, since they change them.
 */
export const readFacts = cache((id: string) => applicationFacts(id));

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

/** The acknowledgement of receipt of a submitted dossier, for those who may read it. */
export async function receiptOf(actor: Actor, applicationId: string) {
  const { application: a } = await getApplication(actor, applicationId);
  return receiptDocument(a);
}

// Co-editors: the owner invites other people by e-mail to fill the dossier with them.

export async function listCoEditors(actor: Actor, applicationId: string) {
  assertCan(actor, "application.invite", await readFacts(applicationId));
  return db().applicationCollaborator.findMany({
    where: { applicationId },
    orderBy: { invitedAt: "asc" },
    select: { id: true, email: true, acceptedAt: true },
  });
}

/** The invitation as its recipient sees it, when signed in with the invited address. */
export async function getInvitation(actor: Actor, collaboratorId: string) {
  const invitation = await db().applicationCollaborator.findUnique({
    where: { id: String(collaboratorId) },
    select: {
      id: true,
      email: true,
      acceptedAt: true,
      application: { select: { id: true, title: true, owner: { select: { name: true } } } },
    },
  });
  return invitation && invitation.email === actor.email ? invitation : null;
}

// The message thread of a dossier between its applicants and the instruction team.

export async function listMessages(actor: Actor, applicationId: string) {
  assertCan(actor, "application.message", await readFacts(applicationId));
  return messagesOf(applicationId);
}

/** The thread, oldest first. No policy check: callers check `application.message`. */
export function messagesOf(applicationId: string) {
  return db().message.findMany({
    where: { applicationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      body: true,
      createdAt: true,
      fromInstruction: true,
      author: { select: { name: true } },
    },
  });
}

/** The requests of a dossier with their documents, for those who may read it. */
export async function listComplementRequests(actor: Actor, applicationId: string) {
  assertCan(actor, "application.read", await readFacts(applicationId));
  return complementRequestsOf(applicationId);
}

/** The requests, newest first, each with the kinds of documents it asks for. No policy check: callers check `application.read`. */
export async function complementRequestsOf(applicationId: string) {
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

export type ComplementRequestList = Awaited<ReturnType<typeof listComplementRequests>>;

// The documents of a dossier, read only by those who may read the dossier.

/** A document of a dossier with the dossier's facts. No policy check: callers check. */
export async function attachmentWithFacts(attachmentId: string) {
  const attachment = await db().attachment.findUnique({ where: { id: String(attachmentId) } });
  if (!attachment?.applicationId) throw new AppError("NOT_FOUND");
  return { attachment, facts: await applicationFacts(attachment.applicationId) };
}

/** The bytes of a document, for those who may read its dossier. */
export async function readAttachment(actor: Actor, attachmentId: string) {
  const { attachment, facts } = await attachmentWithFacts(attachmentId);
  assertCan(actor, "application.read", facts);
  return {
    bytes: await storage().get(attachment.storageKey),
    fileName: attachment.fileName,
    mimeType: attachment.mimeType,
  };
}
