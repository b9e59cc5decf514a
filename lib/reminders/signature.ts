import "server-only";
// Conventions sent and not yet signed, 7 days and 1 day before their signing deadline: the laureate's owner and
// co-editors are reminded (past it, the national cell may cancel the convention).
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { signatureReminderMail } from "@/lib/mail/reminder-templates";
import { APPLICANT_SIDE, applicantSide, notifyAll } from "@/lib/reminders/recipients";
import {
  daysLeftPhrase,
  parisDaysUntil,
  reminderWindow,
  thresholdDue,
} from "@/lib/reminders/rules";
import { parisDate } from "@/lib/time";

export const SIGNATURE_THRESHOLDS = [7, 1] as const;

export async function remindSignatureDeadline(now: Date): Promise<{ notified: number }> {
  const conventions = await db().convention.findMany({
    where: { status: "SENT", signatureDueAt: reminderWindow(now, SIGNATURE_THRESHOLDS) },
    select: {
      id: true,
      number: true,
      signatureDueAt: true,
      application: { select: { id: true, callId: true, reference: true, ...APPLICANT_SIDE } },
    },
  });
  return notifyAll(
    conventions.flatMap((c) => {
      const due = c.signatureDueAt!;
      const days = parisDaysUntil(now, due);
      const threshold = thresholdDue(days, SIGNATURE_THRESHOLDS);
      if (threshold === null) return [];
      const a = c.application;
      const link = `${appUrl()}/mes-dossiers/${a.id}`;
      const event = `convention.signature-reminder:${c.id}:${parisDate(due)}:${threshold}`;
      return applicantSide(a).map(({ email }) => ({
        kind: "convention.signature-reminder" as const,
        event,
        mail: signatureReminderMail({
          to: email,
          number: c.number,
          reference: a.reference ?? "",
          deadline: formatDateTime(due),
          left: daysLeftPhrase(days),
          link,
        }),
        link,
        callId: a.callId,
        applicationId: a.id,
      }));
    }),
  );
}
