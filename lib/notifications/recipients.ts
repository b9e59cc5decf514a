import "server-only";
// Who receives each notice, one function per audience, read through the caller's transaction (a scheduled
// reminder passes the client). Addresses are those of the accounts; a notice goes once per event and address
// (notify() keys it so).
import type { Tx } from "@/lib/db";

/** The members of the national cell (active accounts). */
export async function cnaMemberEmails(tx: Tx): Promise<string[]> {
  const users = await tx.user.findMany({
    where: { active: true, roles: { some: { role: "CNA_MEMBER" } } },
    select: { email: true },
  });
  return users.map((u) => u.email);
}

/** The coordinators of a region's cell (active accounts). */
export async function craCoordinatorEmails(tx: Tx, regionCode: string): Promise<string[]> {
  const users = await tx.user.findMany({
    where: { active: true, roles: { some: { role: "CRA_COORDINATOR", regionCode } } },
    select: { email: true },
  });
  return users.map((u) => u.email);
}

/** The coordinators of these regions (active accounts), one row per coordinator and region. */
export async function craCoordinatorsOfRegions(
  tx: Tx,
  regionCodes: string[],
): Promise<{ regionCode: string; email: string }[]> {
  const roles = await tx.roleAssignment.findMany({
    where: { role: "CRA_COORDINATOR", regionCode: { in: regionCodes }, user: { active: true } },
    select: { regionCode: true, user: { select: { email: true } } },
  });
  return roles.map((r) => ({ regionCode: r.regionCode!, email: r.user.email }));
}

/** The owner of a dossier. */
export async function ownerEmail(tx: Tx, applicationId: string): Promise<string> {
  const a = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { owner: { select: { email: true } } },
  });
  return a.owner.email;
}

/** The applicant side of a dossier: its owner, then the co-editors who accepted, once each. */
export async function applicantEmails(tx: Tx, applicationId: string): Promise<string[]> {
  const a = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      owner: { select: { email: true } },
      collaborators: { where: { acceptedAt: { not: null } }, select: { email: true } },
    },
  });
  return [...new Set([a.owner.email, ...a.collaborators.map((c) => c.email)])];
}

/**
 * The applicant side of a dossier as a reminder selects it (in the `select` of its dossiers, see applicantSide):
 * its owner and the co-editors who accepted, whose accounts are active.
 */
export const APPLICANT_SIDE = {
  owner: { select: { email: true, active: true } },
  collaborators: {
    where: { acceptedAt: { not: null }, user: { active: true } },
    select: { email: true },
  },
} as const;

type ApplicantSide = {
  owner: { email: string; active: boolean };
  collaborators: { email: string }[];
};

/** The owner (when their account is active) first, then the co-editors. */
export function applicantSide(a: ApplicantSide): { email: string; owner: boolean }[] {
  return [
    ...(a.owner.active ? [{ email: a.owner.email, owner: true }] : []),
    ...a.collaborators.map((c) => ({ email: c.email, owner: false })),
  ];
}

/**
 * The evaluators of a call with dossiers still to evaluate, and how many each: their active assignments to
 * dossiers they can evaluate now (found admissible), in a region that has not finalised its results, without a
 * submitted evaluation.
 */
export async function evaluatorsWithWork(tx: Tx, callId: string): Promise<Map<string, number>> {
  const finalized = (
    await tx.regionalReview.findMany({
      where: { callId, status: "FINALIZED" },
      select: { regionCode: true },
    })
  ).map((r) => r.regionCode);
  const [assignments, submitted] = await Promise.all([
    tx.evaluatorAssignment.findMany({
      where: {
        withdrawnAt: null,
        evaluator: { active: true },
        application: { callId, status: "UNDER_REVIEW", regionCode: { notIn: finalized } },
      },
      select: { applicationId: true, evaluatorId: true, evaluator: { select: { email: true } } },
    }),
    tx.evaluation.findMany({
      where: { status: "SUBMITTED", application: { callId } },
      select: { applicationId: true, evaluatorId: true },
    }),
  ]);
  const done = new Set(submitted.map((e) => `${e.applicationId}:${e.evaluatorId}`));
  const waiting = new Map<string, number>();
  for (const a of assignments) {
    if (!done.has(`${a.applicationId}:${a.evaluatorId}`))
      waiting.set(a.evaluator.email, (waiting.get(a.evaluator.email) ?? 0) + 1);
  }
  return waiting;
}
