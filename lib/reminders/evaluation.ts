import "server-only";
// Evaluators with dossiers still to evaluate, 7 and 2 days before the call's regional deadline (one reminder per
// evaluator and call, with their count), as long as the dossier's region has not finalised its results.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { evaluationReminderMail } from "@/lib/mail/reminder-templates";
import type { NotificationInput } from "@/lib/notifications/outbox";
import { notifyAll } from "@/lib/reminders/recipients";
import {
  daysLeftPhrase,
  parisDaysUntil,
  reminderWindow,
  thresholdDue,
} from "@/lib/reminders/rules";
import { parisDate } from "@/lib/time";

export const EVALUATION_THRESHOLDS = [7, 2] as const;

export async function remindEvaluationDeadline(now: Date): Promise<{ notified: number }> {
  const calls = await db().call.findMany({
    where: {
      phase: { in: ["OPEN", "REGIONAL_REVIEW"] },
      regionalDeadlineAt: reminderWindow(now, EVALUATION_THRESHOLDS),
    },
    select: { id: true, slug: true, title: true, regionalDeadlineAt: true },
  });
  const inputs: NotificationInput[] = [];
  for (const call of calls) {
    const deadline = call.regionalDeadlineAt!;
    const days = parisDaysUntil(now, deadline);
    const threshold = thresholdDue(days, EVALUATION_THRESHOLDS);
    if (threshold === null) continue;
    const finalized = (
      await db().regionalReview.findMany({
        where: { callId: call.id, status: "FINALIZED" },
        select: { regionCode: true },
      })
    ).map((r) => r.regionCode);
    // The dossiers an evaluator can evaluate now (found admissible), in a region still at work.
    const [assignments, submitted] = await Promise.all([
      db().evaluatorAssignment.findMany({
        where: {
          withdrawnAt: null,
          evaluator: { active: true },
          application: {
            callId: call.id,
            status: "UNDER_REVIEW",
            regionCode: { notIn: finalized },
          },
        },
        select: { applicationId: true, evaluatorId: true, evaluator: { select: { email: true } } },
      }),
      db().evaluation.findMany({
        where: { status: "SUBMITTED", application: { callId: call.id } },
        select: { applicationId: true, evaluatorId: true },
      }),
    ]);
    const done = new Set(submitted.map((e) => `${e.applicationId}:${e.evaluatorId}`));
    const waiting = new Map<string, number>();
    for (const a of assignments) {
      if (!done.has(`${a.applicationId}:${a.evaluatorId}`))
        waiting.set(a.evaluator.email, (waiting.get(a.evaluator.email) ?? 0) + 1);
    }
    const link = `${appUrl()}/cra?${new URLSearchParams({ appel: call.slug, mes: "1" })}`;
    for (const [email, count] of waiting) {
      inputs.push({
        kind: "deadline.evaluation",
        event: `deadline.evaluation:${call.id}:${parisDate(deadline)}:${threshold}`,
        mail: evaluationReminderMail({
          to: email,
          count,
          callTitle: call.title,
          deadline: formatDateTime(deadline),
          left: daysLeftPhrase(days),
          link,
        }),
        link,
        callId: call.id,
      });
    }
  }
  return notifyAll(inputs);
}
