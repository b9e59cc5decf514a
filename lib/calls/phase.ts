// The phases of a call and the one table of their transitions. Guards say why a move is refused.
import type { CallPhase } from "@/lib/generated/prisma/enums";

export const PHASE_LABELS: Record<CallPhase, string> = {
  DRAFT: "En préparation",
  OPEN: "Ouvert aux candidatures",
  REGIONAL_REVIEW: "Instruction régionale",
  NATIONAL_REVIEW: "Analyse nationale",
  DECIDED: "Résultats publiés",
  ARCHIVED: "Archivé",
};

export type PhaseFacts = {
  deadlineAt: Date;
  submittedCount: number;
  openRegionalReviews: number;
  resultsPublished: boolean;
};
type Guard = (facts: PhaseFacts, now: Date) => string | null;

const PHASE_TRANSITIONS: Partial<Record<CallPhase, Partial<Record<CallPhase, Guard>>>> = {
  DRAFT: { OPEN: () => null },
  OPEN: {
    DRAFT: (f) =>
      f.submittedCount > 0
        ? "Des dossiers ont déjà été déposés : l'appel ne peut revenir en préparation."
        : null,
    REGIONAL_REVIEW: (f, now) =>
      now <= f.deadlineAt ? "La date limite de dépôt n'est pas encore passée." : null,
  },
  REGIONAL_REVIEW: {
    NATIONAL_REVIEW: (f) =>
      f.openRegionalReviews > 0 ? "Toutes les régions n'ont pas finalisé leur instruction." : null,
  },
  NATIONAL_REVIEW: {
    REGIONAL_REVIEW: () => null,
    DECIDED: (f) => (f.resultsPublished ? null : "Les résultats n'ont pas encore été publiés."),
  },
  DECIDED: { ARCHIVED: () => null },
};

/** null when the move is allowed, else the reason it is not. */
export function phaseChangeRefusal(
  from: CallPhase,
  to: CallPhase,
  facts: PhaseFacts,
  now = new Date(),
): string | null {
  const guard = PHASE_TRANSITIONS[from]?.[to];
  if (!guard) return `Passage impossible de « ${PHASE_LABELS[from]} » à « ${PHASE_LABELS[to]} ».`;
  return guard(facts, now);
}

export function nextPhases(from: CallPhase): CallPhase[] {
  return Object.keys(PHASE_TRANSITIONS[from] ?? {}) as CallPhase[];
}
