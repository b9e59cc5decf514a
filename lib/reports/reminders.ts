import "server-only";
// Reminder e-mails before the reports' due dates, sent by `npm run reminders` (e.g. daily from cron).
// Idempotent: each (report, threshold) is claimed by a row of ReportReminder before its e-mail is
// sent, so two runs (even at once) never send the same reminder twice; a failed e-mail frees its claim.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { reportReminderMail } from "@/lib/mail/after-templates";
import { sendMail } from "@/lib/mail/transport";
import { OPEN_REPORT_STATUSES, REMINDER_THRESHOLDS, REPORT_KIND_LABELS, reminderDue } from "@/lib/reports/rules";

export async function sendReportReminders(now = new Date()): Promise<{ sent: number; failed: number }> {
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_THRESHOLDS) * 86_400_000);
  const reports = await db().report.findMany({
    where: { status: { in: OPEN_REPORT_STATUSES }, dueAt: { lte: horizon }, convention: { status: "COUNTERSIGNED" } },
    select: {
      id: true,
      kind: true,
      dueAt: true,
      reminders: { select: { thresholdDays: true } },
      convention: {
        select: {
          number: true,
          application: { select: { id: true, owner: { select: { email: true, active: true } }, collaborators: { where: { acceptedAt: { not: null } }, select: { email: true } } } },
        },
      },
    },
  });
  let sent = 0;
  let failed = 0;
  for (const r of reports) {
    const threshold = reminderDue(r.dueAt, now, r.reminders.map((x) => x.thresholdDays));
    if (threshold === null) continue;
    const claimed = await db().reportReminder.createMany({ data: [{ reportId: r.id, thresholdDays: threshold, sentAt: now }], skipDuplicates: true });
    if (claimed.count !== 1) continue; // another run claimed it
    const a = r.convention.application;
    const recipients = [...(a.owner.active ? [a.owner.email] : []), ...a.collaborators.map((c) => c.email)];
    try {
      for (const to of recipients) {
        await sendMail(reportReminderMail({
          to,
          report: REPORT_KIND_LABELS[r.kind],
          number: r.convention.number,
          dueDate: formatDate(r.dueAt),
          daysLeft: threshold,
          link: `${appUrl()}/mes-dossiers/${a.id}/bilans/${r.id}`,
        }));
      }
      sent += 1;
    } catch (error) {
      console.error("Rappel non envoyé", r.id, error);
      await db().reportReminder.delete({ where: { reportId_thresholdDays: { reportId: r.id, thresholdDays: threshold } } }).catch(() => {});
      failed += 1;
    }
  }
  return { sent, failed };
}
