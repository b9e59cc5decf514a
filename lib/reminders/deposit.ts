import "server-only";
// Drafts of an open call, 7 days and 1 day before its deadline: their owner and co-editors are reminded.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { depositReminderMail } from "@/lib/mail/reminder-templates";
import { APPLICANT_SIDE, applicantSide, notifyAll } from "@/lib/reminders/recipients";
import {
  daysLeftPhrase,
  parisDaysUntil,
  reminderWindow,
  thresholdDue,
} from "@/lib/reminders/rules";
import { parisDate } from "@/lib/time";

export const DEPOSIT_THRESHOLDS = [7, 1] as const;

export async function remindDepositDeadline(now: Date): Promise<{ notified: number }> {
  const drafts = await db().application.findMany({
    where: {
      status: "DRAFT",
      call: { phase: "OPEN", deadlineAt: reminderWindow(now, DEPOSIT_THRESHOLDS) },
    },
    select: {
      id: true,
      title: true,
      pole: { select: { name: true } },
      call: { select: { id: true, title: true, deadlineAt: true } },
      ...APPLICANT_SIDE,
    },
  });
  return notifyAll(
    drafts.flatMap((d) => {
      const days = parisDaysUntil(now, d.call.deadlineAt);
      const threshold = thresholdDue(days, DEPOSIT_THRESHOLDS);
      if (threshold === null) return [];
      const link = `${appUrl()}/mes-dossiers/${d.id}`;
      // The deadline's date is part of the event: a call whose deadline is moved reminds again for the new one.
      const event = `deadline.deposit:${d.id}:${parisDate(d.call.deadlineAt)}:${threshold}`;
      return applicantSide(d).map(({ email, owner }) => ({
        kind: "deadline.deposit" as const,
        event,
        mail: depositReminderMail({
          to: email,
          title: d.title || d.pole.name,
          callTitle: d.call.title,
          deadline: formatDateTime(d.call.deadlineAt),
          left: daysLeftPhrase(days),
          owner,
          link,
        }),
        link,
        callId: d.call.id,
        applicationId: d.id,
      }));
    }),
  );
}
