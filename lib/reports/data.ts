import "server-only";
import { type Actor, assertCan, type ConventionFacts, can } from "@/lib/auth/policy";
import { conventionFacts } from "@/lib/conventions/data";
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

/** A report with its convention's dossier indicators, for the pole (to file it) and the cells (to read it). */
export async function getReport(actor: Actor, reportId: string) {
  const found = await reportFacts(String(reportId));
  assertCan(actor, "convention.read", found?.facts);
  const report = await db().report.findUniqueOrThrow({
    where: { id: reportId },
    include: {
      attachments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, fileName: true, sizeBytes: true },
      },
      convention: {
        select: {
          id: true,
          number: true,
          application: {
            select: {
              id: true,
              reference: true,
              title: true,
              pole: { select: { name: true } },
              indicators: { orderBy: { position: "asc" } },
            },
          },
        },
      },
    },
  });
  return {
    report,
    canSubmit: can(actor, "report.submit", found!.facts),
    canReview: can(actor, "report.review", found!.facts),
  };
}
