import "server-only";
// Reports (bilans) filed by the pole and reviewed by the national cell; their attachments; the reminders before their due dates.
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import {
  reportReminderMail,
  reportReviewedMail,
  reportSubmittedMail,
} from "@/lib/mail/after-templates";
import { notify } from "@/lib/notifications/outbox";
import {
  APPLICANT_SIDE,
  applicantSide,
  cnaMemberEmails,
  ownerEmail,
} from "@/lib/notifications/recipients";
import { reportFacts } from "@/lib/reports/data";
import {
  type IndicatorReport,
  OPEN_REPORT_STATUSES,
  REMINDER_THRESHOLDS,
  REPORT_KIND_LABELS,
  reminderDue,
} from "@/lib/reports/rules";
import { reportSchema, reviewSchema } from "@/lib/reports/schema";
import { ACCEPTED_DOCUMENTS, checkUpload, sanitizeFileName } from "@/lib/storage/file-check";
import { storage } from "@/lib/storage/storage";
import { parseInput } from "@/lib/validation";

export const MAX_REPORT_FILE_BYTES = 10 * 1024 * 1024;
const MAX_REPORT_FILES = 20;

const notOpen = () =>
  new AppError(
    "INVALID_STATE",
    "Ce bilan a été déposé : il ne peut plus être modifié, sauf si la cellule nationale demande des compléments.",
  );

/** Saves the pole's report; with `submit`, files it for review (complete contents required). */
export async function fileReport(actor: Actor, reportId: string, input: unknown, now = new Date()) {
  const found = await reportFacts(String(reportId));
  assertCan(actor, "report.submit", found?.facts);
  const data = parseInput(reportSchema, input);
  await db().$transaction(async (tx) => {
    const r = await tx.report.findUniqueOrThrow({
      where: { id: reportId },
      include: {
        convention: {
          select: {
            number: true,
            application: {
              select: {
                id: true,
                callId: true,
                pole: { select: { name: true } },
                indicators: { orderBy: { position: "asc" } },
              },
            },
          },
        },
      },
    });
    if (!OPEN_REPORT_STATUSES.includes(r.status)) throw notOpen();
    // Labels and targets come from the dossier, never from the form.
    const indicators: IndicatorReport[] = r.convention.application.indicators.map((ind, i) => ({
      label: ind.label,
      unit: ind.unit,
      target: r.kind === "INTERIM" ? ind.targetYear1 : ind.targetYear2,
      achieved: data.achieved[i] ?? "",
    }));
    if (data.submit && indicators.some((i) => !i.achieved)) {
      const message = "Indiquez la valeur atteinte de chaque indicateur.";
      throw new AppError("VALIDATION", message, { achieved: [message] });
    }
    const updated = await tx.report.updateMany({
      where: { id: r.id, status: { in: OPEN_REPORT_STATUSES } },
      data: {
        activity: data.activity,
        financialSummary: data.financialSummary,
        indicators,
        ...(data.submit ? { status: "SUBMITTED", submittedAt: now } : {}),
      },
    });
    if (updated.count !== 1) throw notOpen();
    if (data.submit) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.submit",
        entityType: "Report",
        entityId: r.id,
        before: { status: r.status },
        after: { status: "SUBMITTED", kind: r.kind },
      });
      const link = `${appUrl()}/cna/conventions/${r.conventionId}`;
      const a = r.convention.application;
      // Filed again after a request for changes: a new event.
      await notify(
        tx,
        (await cnaMemberEmails(tx)).map((to) => ({
          kind: "report.submitted" as const,
          event: `report.submitted:${r.id}:${now.toISOString()}`,
          mail: reportSubmittedMail({
            to,
            report: REPORT_KIND_LABELS[r.kind],
            number: r.convention.number,
            poleName: a.pole.name,
            link,
          }),
          link,
          callId: a.callId,
          applicationId: a.id,
        })),
      );
    }
  });
  return { submitted: data.submit };
}

/** The national cell accepts a filed report or asks for changes (with a comment). */
export async function reviewReport(
  actor: Actor,
  reportId: string,
  input: unknown,
  now = new Date(),
) {
  const found = await reportFacts(String(reportId));
  assertCan(actor, "report.review", found?.facts);
  const data = parseInput(reviewSchema, input);
  await db().$transaction(async (tx) => {
    const r = await tx.report.findUniqueOrThrow({
      where: { id: reportId },
      include: {
        convention: {
          select: {
            number: true,
            application: { select: { id: true, callId: true } },
          },
        },
      },
    });
    if (r.status !== "SUBMITTED")
      throw new AppError(
        "INVALID_STATE",
        "Seul un bilan déposé, en attente d'examen, peut être examiné.",
      );
    const updated = await tx.report.updateMany({
      where: { id: r.id, status: "SUBMITTED" },
      data: {
        status: data.decision,
        reviewedAt: now,
        reviewerId: actor.id,
        reviewComment: data.comment || null,
      },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "report.review",
      entityType: "Report",
      entityId: r.id,
      before: { status: "SUBMITTED" },
      after: { status: data.decision, comment: data.comment },
    });
    const a = r.convention.application;
    const link = `${appUrl()}/mes-dossiers/${a.id}/bilans/${r.id}`;
    await notify(tx, [
      {
        kind: "report.reviewed",
        event: `report.reviewed:${r.id}:${now.toISOString()}`,
        mail: reportReviewedMail({
          to: await ownerEmail(tx, a.id),
          report: REPORT_KIND_LABELS[r.kind],
          number: r.convention.number,
          accepted: data.decision === "ACCEPTED",
          comment: data.comment,
          link,
        }),
        link,
        callId: a.callId,
        applicationId: a.id,
      },
    ]);
  });
}

/** Adds a document to a report being written, checked by its content. */
export async function addReportAttachment(
  actor: Actor,
  reportId: string,
  file: { name: string; bytes: Buffer },
) {
  const found = await reportFacts(String(reportId));
  assertCan(actor, "report.submit", found?.facts);
  await limitAction("upload", actor.id, 120, 10 * 60);
  const check = await checkUpload({
    bytes: file.bytes,
    declaredName: file.name,
    maxBytes: MAX_REPORT_FILE_BYTES,
    accepted: ACCEPTED_DOCUMENTS,
  });
  if (!check.ok) throw new AppError("VALIDATION", check.message, { file: [check.message] });
  const storageKey = `bilans/${reportId}/${randomUUID()}.${check.extension}`;
  await storage().put(storageKey, file.bytes, check.mimeType);
  try {
    return await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<
        { status: string }[]
      >`SELECT status FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
      if (!row || !(OPEN_REPORT_STATUSES as string[]).includes(row.status)) throw notOpen();
      if ((await tx.attachment.count({ where: { reportId } })) >= MAX_REPORT_FILES)
        throw new AppError(
          "INVALID_STATE",
          `Un bilan compte au plus ${MAX_REPORT_FILES} fichiers.`,
        );
      const attachment = await tx.attachment.create({
        data: {
          purpose: "REPORT",
          reportId,
          fileName: sanitizeFileName(file.name),
          mimeType: check.mimeType,
          sizeBytes: file.bytes.length,
          sha256: check.sha256,
          storageKey,
          uploadedById: actor.id,
        },
        select: { id: true, fileName: true, sizeBytes: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.attachment.add",
        entityType: "Report",
        entityId: reportId,
        after: { attachmentId: attachment.id, fileName: attachment.fileName, sha256: check.sha256 },
      });
      return attachment;
    });
  } catch (error) {
    await storage()
      .delete(storageKey)
      .catch(() => {});
    throw error;
  }
}

async function reportAttachment(attachmentId: string) {
  const a = await db().attachment.findUnique({ where: { id: String(attachmentId) } });
  if (!a?.reportId || a.purpose !== "REPORT") throw new AppError("NOT_FOUND");
  return { attachment: a, found: await reportFacts(a.reportId) };
}

/** The bytes of a report's document, for those who may read the convention. */
export async function readReportAttachment(actor: Actor, attachmentId: string) {
  const { attachment, found } = await reportAttachment(attachmentId);
  assertCan(actor, "convention.read", found?.facts);
  return {
    bytes: await storage().get(attachment.storageKey),
    fileName: attachment.fileName,
    mimeType: attachment.mimeType,
  };
}

/** Removes a document while the report is still being written. */
export async function removeReportAttachment(actor: Actor, attachmentId: string) {
  const { attachment, found } = await reportAttachment(attachmentId);
  assertCan(actor, "report.submit", found?.facts);
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status FROM "Report" WHERE id = ${attachment.reportId} FOR UPDATE`;
    if (!row || !(OPEN_REPORT_STATUSES as string[]).includes(row.status)) throw notOpen();
    await tx.attachment.delete({ where: { id: attachment.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "report.attachment.remove",
      entityType: "Report",
      entityId: attachment.reportId!,
      before: { attachmentId: attachment.id, fileName: attachment.fileName },
    });
  });
  await storage().delete(attachment.storageKey);
}

// Reminders before the reports' due dates (30 and 7 days, and once past), run by the daily schedule
// (lib/jobs/schedules.ts). Each (report, threshold) is claimed by a row of ReportReminder in the transaction that
// writes its notifications: two runs (even at once) never remind twice, and a reminder is never claimed without
// its notifications (their e-mails then leave through the job queue, retried until delivered).

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
