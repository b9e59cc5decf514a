// Pure rules of the conventions (no database): numbering, states, deadlines and report due dates.
import type { ConventionStatus } from "@/lib/generated/prisma/enums";
import { addDays, parisDate, parisEndOfDay } from "@/lib/time";

export const CONVENTION_STATUS_LABELS: Record<ConventionStatus, string> = {
  TO_PREPARE: "À envoyer",
  SENT: "Envoyée, en attente de signature",
  SIGNED_BY_POLE: "Signée par le porteur",
  COUNTERSIGNED: "Contresignée",
  CANCELLED: "Annulée",
};

export const CONVENTION_STATUS_SEVERITY: Record<
  ConventionStatus,
  "info" | "success" | "warning" | "error" | "new"
> = {
  TO_PREPARE: "new",
  SENT: "info",
  SIGNED_BY_POLE: "warning",
  COUNTERSIGNED: "success",
  CANCELLED: "error",
};

/** The one transition table of a convention's status. */
const CONVENTION_TRANSITIONS: Record<ConventionStatus, ConventionStatus[]> = {
  TO_PREPARE: ["SENT", "CANCELLED"],
  SENT: ["SIGNED_BY_POLE", "CANCELLED"],
  SIGNED_BY_POLE: ["COUNTERSIGNED", "CANCELLED"],
  COUNTERSIGNED: [],
  CANCELLED: [],
};

export function canMoveConvention(from: ConventionStatus, to: ConventionStatus): boolean {
  return CONVENTION_TRANSITIONS[from].includes(to);
}

/** `PTCE-2025-001`: one sequence per year of call (shared by two calls of one year, so numbers stay unique), three digits at least. */
export function conventionNumber(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new Error(`Numéro de séquence invalide : ${sequence}`);
  return `PTCE-${year}-${String(sequence).padStart(3, "0")}`;
}

/** The sequence of a number of the same year, or null for another year's or an unreadable number. */
export function sequenceOf(number: string, year: number): number | null {
  const match = new RegExp(`^PTCE-${year}-(\\d+)$`).exec(number);
  return match ? Number(match[1]) : null;
}

/** The signing deadline: `days` after sending, at 23:59:59 Paris time. */
export function signatureDeadline(sentAt: Date, days: number): Date {
  return parisEndOfDay(addDays(parisDate(sentAt), days));
}

/** Adds calendar months to a YYYY-MM-DD date; the 31st becomes the month's last day when it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10);
}

/** Months after the end of the convention to file the final report. */
export const FINAL_REPORT_GRACE_MONTHS = 2;

/**
 * Due dates of the reports, counted from the countersignature (Paris days, 23:59:59): the interim report
 * at mid-term (12 months for a two-year convention), the final report two months after the end.
 */
export function reportDueDates(
  countersignedAt: Date,
  durationMonths: number,
): { INTERIM: Date; FINAL: Date } {
  const start = parisDate(countersignedAt);
  return {
    INTERIM: parisEndOfDay(addMonths(start, Math.max(1, Math.round(durationMonths / 2)))),
    FINAL: parisEndOfDay(addMonths(start, durationMonths + FINAL_REPORT_GRACE_MONTHS)),
  };
}

/**
 * Where the national cell starts the promotion of the reserve list for a call (issue 5's page; the lead
 * wires `promoteReserve` there). One place, so that the link changes once.
 */
export function reservePromotionHref(callSlug: string): string {
  return `/cna/decisions?appel=${encodeURIComponent(callSlug)}`;
}
