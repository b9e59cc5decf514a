import "server-only";
import { cache } from "react";
import type { ApplicationFacts } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";

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
