import "server-only";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { reportFacts } from "@/lib/reports/facts";

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
