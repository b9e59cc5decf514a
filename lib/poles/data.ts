import "server-only";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";

/** The pole of the applicant (one per account), with its members. */
export async function getOwnPole(actor: Actor) {
  assertCan(actor, "space.applicant");
  return db().pole.findFirst({
    where: { ownerId: actor.id },
    orderBy: { createdAt: "asc" },
    include: {
      members: { orderBy: { position: "asc" } },
      region: { select: { name: true } },
      departement: { select: { name: true } },
    },
  });
}
