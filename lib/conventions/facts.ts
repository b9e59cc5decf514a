import "server-only";
import type { ConventionFacts } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";

/** What the policy needs to know of a convention, read from the database (never from the client). */
export async function conventionFacts(
  id: string,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<ConventionFacts | undefined> {
  if (typeof id !== "string" || id.length > 40) return undefined;
  const c = await client.convention.findUnique({
    where: { id },
    select: {
      status: true,
      application: {
        select: {
          ownerId: true,
          regionCode: true,
          collaborators: { where: { acceptedAt: { not: null } }, select: { userId: true } },
        },
      },
    },
  });
  if (!c) return undefined;
  return {
    kind: "convention",
    status: c.status,
    ownerId: c.application.ownerId,
    regionCode: c.application.regionCode,
    collaboratorIds: c.application.collaborators.flatMap((x) => (x.userId ? [x.userId] : [])),
  };
}
