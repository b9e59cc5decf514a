// Pure rules of the reports (no database): labels and when a reminder is due.
import type { ReportKind, ReportStatus } from "@/lib/generated/prisma/enums";

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  INTERIM: "Bilan intermédiaire",
  FINAL: "Bilan final",
};

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: "À déposer",
  SUBMITTED: "Déposé, en cours d'examen",
  ACCEPTED: "Accepté",
  CHANGES_REQUESTED: "Compléments demandés",
};

/** Reports the pole still has to file (or file again). */
export const OPEN_REPORT_STATUSES: ReportStatus[] = ["DRAFT", "CHANGES_REQUESTED"];

/** Reminders before the due date, in days; 0 is the reminder sent once the due date has passed. */
export const REMINDER_THRESHOLDS = [30, 7, 0] as const;

const DAY = 86_400_000;

/**
 * The reminder to send now for a report due at `dueAt`, given the thresholds already sent, or null.
 * Only the tightest threshold reached is sent (a report created 5 days before its due date gets the
 * 7-day reminder, not the 30-day one too); a threshold is never sent twice.
 */
export function reminderDue(dueAt: Date, now: Date, alreadySent: readonly number[]): number | null {
  const msLeft = dueAt.getTime() - now.getTime();
  const reached = REMINDER_THRESHOLDS.filter((t) => (t === 0 ? msLeft < 0 : msLeft <= t * DAY));
  if (reached.length === 0) return null;
  const tightest = Math.min(...reached);
  // Nothing when this threshold or a tighter one was already sent.
  return alreadySent.some((s) => s <= tightest) ? null : tightest;
}

export type IndicatorReport = { label: string; unit: string; target: string; achieved: string };
