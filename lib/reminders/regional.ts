import "server-only";
// The coordinators of the regions that have dossiers and have not finalised their results, 7 days and 1 day
// before the call's regional deadline (the regions the call's move to the national review waits for).
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { regionalReminderMail } from "@/lib/mail/reminder-templates";
import type { NotificationInput } from "@/lib/notifications/outbox";
import { notifyAll } from "@/lib/reminders/recipients";
import {
  daysLeftPhrase,
  parisDaysUntil,
  reminderWindow,
  thresholdDue,
} from "@/lib/reminders/rules";
import { parisDate } from "@/lib/time";

export const REGIONAL_THRESHOLDS = [7, 1] as const;

export async function remindRegionalDeadline(now: Date): Promise<{ notified: number }> {
  const calls = await db().call.findMany({
    where: {
      phase: { in: ["OPEN", "REGIONAL_REVIEW"] },
      regionalDeadlineAt: reminderWindow(now, REGIONAL_THRESHOLDS),
    },
    select: { id: true, slug: true, title: true, regionalDeadlineAt: true },
  });
  const inputs: NotificationInput[] = [];
  for (const call of calls) {
    const deadline = call.regionalDeadlineAt!;
    const days = parisDaysUntil(now, deadline);
    const threshold = thresholdDue(days, REGIONAL_THRESHOLDS);
    if (threshold === null) continue;
    // As the call's phase guard counts them (lib/calls/mutations.ts): regions with a submitted dossier not withdrawn.
    const [withDossiers, finalized] = await Promise.all([
      db().application.findMany({
        where: { callId: call.id, submittedAt: { not: null }, status: { not: "WITHDRAWN" } },
        distinct: ["regionCode"],
        select: { regionCode: true },
      }),
      db().regionalReview.findMany({
        where: { callId: call.id, status: "FINALIZED" },
        select: { regionCode: true },
      }),
    ]);
    const done = new Set(finalized.map((r) => r.regionCode));
    const open = withDossiers.map((r) => r.regionCode).filter((code) => !done.has(code));
    if (!open.length) continue;
    const [regions, coordinators] = await Promise.all([
      db().region.findMany({ where: { code: { in: open } }, select: { code: true, name: true } }),
      db().roleAssignment.findMany({
        where: { role: "CRA_COORDINATOR", regionCode: { in: open }, user: { active: true } },
        select: { regionCode: true, user: { select: { email: true } } },
      }),
    ]);
    const names = new Map(regions.map((r) => [r.code, r.name]));
    for (const c of coordinators) {
      const regionCode = c.regionCode!;
      const link = `${appUrl()}/cra?${new URLSearchParams({ appel: call.slug, region: regionCode })}`;
      inputs.push({
        kind: "deadline.regional",
        event: `deadline.regional:${call.id}:${regionCode}:${parisDate(deadline)}:${threshold}`,
        mail: regionalReminderMail({
          to: c.user.email,
          region: names.get(regionCode) ?? regionCode,
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
