// Pure rules of the payments (no database): the schedule of a convention and the refusals of a payment.

import { formatEuros } from "@/lib/format";
import type {
  ConventionStatus,
  ReportKind,
  ReportStatus,
  TrancheCondition,
} from "@/lib/generated/prisma/enums";

export const TRANCHE_CONDITION_LABELS: Record<TrancheCondition, string> = {
  ON_SIGNATURE: "à la signature de la convention",
  AFTER_INTERIM_REPORT: "après acceptation du bilan intermédiaire",
  AFTER_FINAL_REPORT: "après acceptation du bilan final",
};

/**
 * The amount of each tranche: its share of the convention, rounded down to the cent, except the last
 * tranche, which takes the remainder, so that the tranches always add up to the convention's amount
 * exactly (e.g. 70 % / 30 % of 33 333,33 € gives 23 333,33 € and 10 000,00 €).
 */
export function trancheAmounts(
  totalCents: number,
  tranches: readonly { shareBps: number }[],
): number[] {
  if (tranches.length === 0) return [];
  const amounts = tranches.map((t) => Math.floor((totalCents * t.shareBps) / 10_000));
  amounts[amounts.length - 1] = totalCents - amounts.slice(0, -1).reduce((s, a) => s + a, 0);
  return amounts;
}

/** The report a tranche waits for, if any. */
function reportRequiredBy(condition: TrancheCondition): ReportKind | null {
  return condition === "AFTER_INTERIM_REPORT"
    ? "INTERIM"
    : condition === "AFTER_FINAL_REPORT"
      ? "FINAL"
      : null;
}

export type PaymentCheck = {
  conventionStatus: ConventionStatus;
  conventionAmountCents: number;
  paidOnConventionCents: number;
  envelopeCents: number;
  paidOnCallCents: number;
  tranche: { label: string; condition: TrancheCondition; amountCents: number; paidCents: number };
  reports: { kind: ReportKind; status: ReportStatus }[];
  amountCents: number;
};

export type PaymentRefusal = { code: "INVALID_STATE" | "VALIDATION"; message: string };

/** Why a payment must be refused (a French sentence), or null when it may be recorded. */
export function paymentRefusal(p: PaymentCheck): PaymentRefusal | null {
  const message = paymentRefusalMessage(p);
  if (!message) return null;
  const stateRefusal = p.conventionStatus !== "COUNTERSIGNED" || message.startsWith("La tranche");
  return { code: stateRefusal ? "INVALID_STATE" : "VALIDATION", message };
}

function paymentRefusalMessage(p: PaymentCheck): string | null {
  if (p.conventionStatus !== "COUNTERSIGNED") {
    return "Aucun versement n'est possible avant la contre-signature de la convention par la cellule nationale.";
  }
  if (!Number.isInteger(p.amountCents) || p.amountCents <= 0)
    return "Le montant du versement doit être positif.";
  const required = reportRequiredBy(p.tranche.condition);
  if (required && !p.reports.some((r) => r.kind === required && r.status === "ACCEPTED")) {
    const which = required === "INTERIM" ? "du bilan intermédiaire" : "du bilan final";
    return `La tranche « ${p.tranche.label} » n'est versée qu'après acceptation ${which}, qui n'est pas encore accepté.`;
  }
  if (p.paidOnConventionCents + p.amountCents > p.conventionAmountCents) {
    return `Ce versement porterait le total versé à ${formatEuros(p.paidOnConventionCents + p.amountCents)}, au-delà du montant de la convention (${formatEuros(p.conventionAmountCents)}).`;
  }
  if (p.tranche.paidCents + p.amountCents > p.tranche.amountCents) {
    return `Ce versement dépasse le reste de la tranche « ${p.tranche.label} » : ${formatEuros(p.tranche.amountCents - p.tranche.paidCents)} au plus.`;
  }
  if (p.paidOnCallCents + p.amountCents > p.envelopeCents) {
    return `Ce versement porterait le total versé sur l'appel à ${formatEuros(p.paidOnCallCents + p.amountCents)}, au-delà de son enveloppe (${formatEuros(p.envelopeCents)}).`;
  }
  return null;
}
