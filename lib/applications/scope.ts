// The `where` filter AND-ed into every read of dossiers: the summaries an actor may list.
// Mirrors `application.readSummary` of lib/auth/policy.ts, which tests check against each other.

import {
  type Actor,
  coordinatedRegions,
  evaluatorRegions,
  isNationalMember,
} from "@/lib/auth/policy";
import type { Prisma } from "@/lib/generated/prisma/client";

const NOTHING: Prisma.ApplicationWhereInput = { id: { in: [] } };

export function applicationScope(actor: Actor | null | undefined): Prisma.ApplicationWhereInput {
  if (!actor?.active) return NOTHING;
  const submitted: Prisma.ApplicationWhereInput = { submittedAt: { not: null } };
  const clauses: Prisma.ApplicationWhereInput[] = [
    { ownerId: actor.id },
    { collaborators: { some: { userId: actor.id, acceptedAt: { not: null } } } },
  ];
  if (isNationalMember(actor)) clauses.push(submitted);
  const coordinated = coordinatedRegions(actor);
  if (coordinated.length) clauses.push({ AND: [submitted, { regionCode: { in: coordinated } }] });
  const evaluated = evaluatorRegions(actor);
  if (evaluated.length) {
    clauses.push({
      AND: [
        submitted,
        { regionCode: { in: evaluated } },
        { assignments: { some: { evaluatorId: actor.id, withdrawnAt: null } } },
        { conflicts: { none: { userId: actor.id, hasConflict: true } } },
      ],
    });
  }
  return { OR: clauses };
}
