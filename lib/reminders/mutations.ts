import "server-only";
// The reminders of deadlines, written by the daily schedules (lib/jobs/schedules.ts) as notifications, hence
// once per event and person: the recipients come from lib/notifications/recipients.ts.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import {
  depositReminderMail,
  evaluationReminderMail,
  regionalReminderMail,
  signatureReminderMail,
} from "@/lib/mail/reminder-templates";
import { type NotificationInput, notify } from "@/lib/notifications/outbox";
import {
  APPLICANT_SIDE,
  applicantSide,
  craCoordinatorsOfRegions,
  evaluatorsWithWork,
} from "@/lib/notifications/recipients";
import {
  daysLeftPhrase,
  parisDaysUntil,
  reminderWindow,
  thresholdDue,
} from "@/lib/reminders/rules";
import { parisDate } from "@/lib/time";

// ───────────────────────────── Deposit ─────────────────────────────
// Drafts of an open call, 7 days and 1 day before its deadline: their owner and co-editors are reminded.

const DEPOSIT_THRESHOLDS = [7, 1] as const;

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

// ───────────────────────────── Regional deadline ─────────────────────────────
// The evaluation and regional-results reminders both count down to a call's regional deadline.

/** The open or regionally reviewed calls whose regional deadline is one of `thresholds` days away today. */
async function regionalDeadlinesDue(now: Date, thresholds: readonly number[]) {
  const calls = await db().call.findMany({
    where: {
      phase: { in: ["OPEN", "REGIONAL_REVIEW"] },
      regionalDeadlineAt: reminderWindow(now, thresholds),
    },
    select: { id: true, slug: true, title: true, regionalDeadlineAt: true },
  });
  return calls.flatMap((call) => {
    const deadline = call.regionalDeadlineAt!;
    const days = parisDaysUntil(now, deadline);
    const threshold = thresholdDue(days, thresholds);
    return threshold === null ? [] : [{ call, deadline, days, threshold }];
  });
}

// ───────────────────────────── Evaluation ─────────────────────────────
// Evaluators with dossiers still to evaluate, 7 and 2 days before the call's regional deadline (one reminder per
// evaluator and call, with their count), as long as the dossier's region has not finalised its results.

const EVALUATION_THRESHOLDS = [7, 2] as const;

export async function remindEvaluationDeadline(now: Date): Promise<{ notified: number }> {
  const inputs: NotificationInput[] = [];
  const due = await regionalDeadlinesDue(now, EVALUATION_THRESHOLDS);
  for (const { call, deadline, days, threshold } of due) {
    const waiting = await evaluatorsWithWork(db(), call.id);
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

// ───────────────────────────── Regional results ─────────────────────────────
// The coordinators of the regions that have dossiers and have not finalised their results, 7 days and 1 day
// before the call's regional deadline (the regions the call's move to the national review waits for).

const REGIONAL_THRESHOLDS = [7, 1] as const;

export async function remindRegionalDeadline(now: Date): Promise<{ notified: number }> {
  const inputs: NotificationInput[] = [];
  const due = await regionalDeadlinesDue(now, REGIONAL_THRESHOLDS);
  for (const { call, deadline, days, threshold } of due) {
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
      craCoordinatorsOfRegions(db(), open),
    ]);
    const names = new Map(regions.map((r) => [r.code, r.name]));
    for (const c of coordinators) {
      const { regionCode } = c;
      const link = `${appUrl()}/cra?${new URLSearchParams({ appel: call.slug, region: regionCode })}`;
      inputs.push({
        kind: "deadline.regional",
        event: `deadline.regional:${call.id}:${regionCode}:${parisDate(deadline)}:${threshold}`,
        mail: regionalReminderMail({
          to: c.email,
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

// ───────────────────────────── Convention signature ─────────────────────────────
// Conventions sent and not yet signed, 7 days and 1 day before their signing deadline: the laureate's owner and
// co-editors are reminded (past it, the national cell may cancel the convention).

const SIGNATURE_THRESHOLDS = [7, 1] as const;

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

// ───────────────────────────── Writing ─────────────────────────────

const BATCH = 500;

/** Writes the notifications in short transactions; returns how many were new (the others were already there). */
async function notifyAll(inputs: NotificationInput[]): Promise<{ notified: number }> {
  let notified = 0;
  for (let i = 0; i < inputs.length; i += BATCH) {
    const batch = inputs.slice(i, i + BATCH);
    notified += await db().$transaction((tx) => notify(tx, batch));
  }
  return { notified };
}
