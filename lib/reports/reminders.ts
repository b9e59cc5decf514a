import "server-only";
// Reminders before the reports' due dates (30 and 7 days, and once past), run by the daily schedule
// (lib/jobs/schedules.ts). Each (report, threshold) is claimed by a row of ReportReminder in the transaction that
// writes its notifications: two runs (even at once) never remind twice, and a reminder is never claimed without
// its notifications (their e-mails then leave through the job queue, retried until delivered).
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { reportReminderMail } from "@/lib/mail/after-templates";
import { notify } from "@/lib/notifications/outbox";
import { APPLICANT_SIDE, applicantSide } from "@/lib/reminders/recipients";
import {
  OPEN_REPORT_STATUSES,
  REMINDER_THRESHOLDS,
  REPORT_KIND_LABELS,
  reminderDue,
} from "@/lib/reports/rules";

export async function sendReportReminders(now = new Date()): Promise<{ notified: number }> {
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_THRESHOLDS) * 86_400_000);
  const reports = await db().report.findMany({
    where: {
      status: { in: OPEN_REPORT_STATUSES },
      dueAt: { lte: horizon },
      convention: { status: "COUNTERSIGNED" },
    },
    select: {
      id: true,
      kind: true,
      dueAt: true,
      reminders: { select: { thresholdDays: true } },
      convention: {
        select: {
          number: true,
          application: { select: { id: true, callId: true, ...APPLICANT_SIDE } },
        },
      },
    },
  });
  let notified = 0;
  for (const r of reports) {
    const threshold = reminderDue(
      r.dueAt,
      now,
      r.reminders.map((x) => x.thresholdDays),
    );
    if (threshold === null) continue;
    const a = r.convention.application;
    const link = `${appUrl()}/mes-dossiers/${a.id}/bilans/${r.id}`;
    notified += await db().$transaction(async (tx) => {
      const claimed = await tx.reportReminder.createMany({
        data: [{ reportId: r.id, thresholdDays: threshold, sentAt: now }],
        skipDuplicates: true,
      });
      if (claimed.count !== 1) return 0; // another run claimed it
      return notify(
        tx,
        applicantSide(a).map(({ email }) => ({
          kind: "report.reminder" as const,
          event: `report.reminder:${r.id}:${threshold}`,
          mail: reportReminderMail({
            to: email,
            report: REPORT_KIND_LABELS[r.kind],
            number: r.convention.number,
            dueDate: formatDate(r.dueAt),
            daysLeft: threshold,
            link,
          }),
          link,
          callId: a.callId,
          applicationId: a.id,
        })),
      );
    });
  }
  return { notified };
}
