import "server-only";
import type { ConventionFacts } from "@/lib/auth/policy";
import { conventionFacts } from "@/lib/conventions/facts";
import { db, type Tx } from "@/lib/db";

/** A report and the facts of its convention (the policy decides on the convention). */
export async function reportFacts(
  reportId: string,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<{ conventionId: string; facts: ConventionFacts | undefined } | undefined> {
  if (typeof reportId !== "string" || reportId.length > 40) return undefined;
  const r = await client.report.findUnique({
    where: { id: reportId },
    select: { conventionId: true },
  });
  if (!r) return undefined;
  return { conventionId: r.conventionId, facts: await conventionFacts(r.conventionId, client) };
}
