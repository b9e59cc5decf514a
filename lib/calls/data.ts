import "server-only";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";

export const CALL_LISTS = {
  levers: { orderBy: { position: "asc" } },
  priorities: true,
  learningCommunities: { orderBy: { code: "asc" } },
  documentKinds: { orderBy: { position: "asc" } },
  criteria: { orderBy: { position: "asc" } },
  tranches: { orderBy: { position: "asc" } },
} as const;

/** The call shown to the public: the open one, else the latest one published. Public information. */
export async function getCurrentCall() {
  const open = await db().call.findFirst({
    where: { phase: "OPEN" },
    orderBy: { opensAt: "desc" },
    include: CALL_LISTS,
  });
  if (open) return open;
  return db().call.findFirst({
    where: { phase: { notIn: ["DRAFT", "ARCHIVED"] } },
    orderBy: { opensAt: "desc" },
    include: CALL_LISTS,
  });
}

export type CallDetails = NonNullable<Awaited<ReturnType<typeof getCurrentCall>>>;

/** Calls that are public (not in preparation), newest first. */
export function listPublicCalls() {
  return db().call.findMany({
    where: { phase: { not: "DRAFT" } },
    orderBy: { opensAt: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      year: true,
      phase: true,
      opensAt: true,
      deadlineAt: true,
      envelopeCents: true,
    },
  });
}

/** Every call, drafts included, for the administration. */
export function listAllCalls(actor: Actor) {
  assertCan(actor, "call.manage");
  return db().call.findMany({
    orderBy: [{ year: "desc" }, { opensAt: "desc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      year: true,
      phase: true,
      opensAt: true,
      deadlineAt: true,
      envelopeCents: true,
    },
  });
}

export type CallSummary = Awaited<ReturnType<typeof listPublicCalls>>[number];

/** The call a cell works on: the one named in the address, else the latest one past its opening. */
export function pickCall<T extends { slug: string; phase: string }>(
  calls: T[],
  slug: string | undefined,
): T | undefined {
  return calls.find((c) => c.slug === slug) ?? calls.find((c) => c.phase !== "DRAFT") ?? calls[0];
}

/** A call with everything its form edits, for administrators. */
export async function getCallForAdmin(actor: Actor, callId: string) {
  assertCan(actor, "call.manage");
  const call = await db().call.findUnique({ where: { id: callId }, include: CALL_LISTS });
  if (!call) return null;
  const [applications, evaluations] = await Promise.all([
    db().application.count({ where: { callId, submittedAt: { not: null } } }),
    db().evaluation.count({ where: { application: { callId } } }),
  ]);
  return { call, submittedApplications: applications, scoringStarted: evaluations > 0 };
}
