// The dossier's status: its labels, as applicants and instructors read them, and the one table of its
// transitions, which every command that changes a dossier's status checks (assertTransition).
import { AppError } from "@/lib/errors";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Déposé",
  COMPLEMENT_REQUESTED: "Pièces complémentaires demandées",
  UNDER_REVIEW: "En instruction",
  INADMISSIBLE: "Irrecevable",
  REGIONAL_DONE: "Avis régional rendu",
  LAUREATE: "Lauréat",
  RESERVE: "Liste complémentaire",
  NOT_RETAINED: "Non retenu",
  WITHDRAWN: "Retiré",
};

export const STATUS_SEVERITY: Record<
  ApplicationStatus,
  "info" | "success" | "warning" | "error" | "new"
> = {
  DRAFT: "new",
  SUBMITTED: "info",
  COMPLEMENT_REQUESTED: "warning",
  UNDER_REVIEW: "info",
  INADMISSIBLE: "error",
  REGIONAL_DONE: "info",
  LAUREATE: "success",
  RESERVE: "warning",
  NOT_RETAINED: "error",
  WITHDRAWN: "new",
};

/** Counted as submitted for the progress of a region: everything but drafts and withdrawals. */
export const SUBMITTED_STATUSES: ApplicationStatus[] = [
  "SUBMITTED",
  "COMPLEMENT_REQUESTED",
  "UNDER_REVIEW",
  "INADMISSIBLE",
  "REGIONAL_DONE",
  "LAUREATE",
  "RESERVE",
  "NOT_RETAINED",
];

/** Before the regional opinion a candidacy can be withdrawn by its owner. */
export const WITHDRAWABLE_STATUSES: ApplicationStatus[] = [
  "DRAFT",
  "SUBMITTED",
  "COMPLEMENT_REQUESTED",
  "UNDER_REVIEW",
];

/** The dossiers the national cell reviews and decides on: those with a regional opinion. */
export const NATIONAL_STATUSES: ApplicationStatus[] = [
  "REGIONAL_DONE",
  "LAUREATE",
  "RESERVE",
  "NOT_RETAINED",
];

/** The status a dossier is created in. */
export const INITIAL_STATUS: ApplicationStatus = "DRAFT";

/**
 * The one table of a dossier's status transitions: from → to → the move, in French. A move not in this
 * table is refused. Who may make a move, and when, is the policy's and the commands' business.
 */
export const STATUS_TRANSITIONS: Record<
  ApplicationStatus,
  Partial<Record<ApplicationStatus, string>>
> = {
  DRAFT: {
    SUBMITTED: "Dépôt du dossier",
    WITHDRAWN: "Retrait de la candidature",
  },
  SUBMITTED: {
    UNDER_REVIEW: "Dossier complet et recevable",
    INADMISSIBLE: "Dossier irrecevable",
    COMPLEMENT_REQUESTED: "Pièces complémentaires demandées",
    WITHDRAWN: "Retrait de la candidature",
  },
  COMPLEMENT_REQUESTED: {
    // the applicant answered, or the due date passed (lib/applications/mutations.ts, expireComplementRequests)
    SUBMITTED: "Pièces complémentaires envoyées, ou délai de réponse dépassé",
    WITHDRAWN: "Retrait de la candidature",
  },
  UNDER_REVIEW: {
    REGIONAL_DONE: "Avis régional transmis à la cellule nationale",
    WITHDRAWN: "Retrait de la candidature",
  },
  REGIONAL_DONE: {
    UNDER_REVIEW: "Résultats régionaux rouverts",
    LAUREATE: "Publication des résultats : lauréat",
    RESERVE: "Publication des résultats : liste complémentaire",
    NOT_RETAINED: "Publication des résultats : non retenu",
  },
  RESERVE: { LAUREATE: "Promu depuis la liste complémentaire" },
  LAUREATE: { WITHDRAWN: "Renoncement à la subvention ou retrait par la cellule nationale" },
  INADMISSIBLE: {},
  NOT_RETAINED: {},
  WITHDRAWN: {},
};

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return STATUS_TRANSITIONS[from][to] !== undefined;
}

/** The statuses a dossier may move to from `from`. */
export function nextStatuses(from: ApplicationStatus): ApplicationStatus[] {
  return Object.keys(STATUS_TRANSITIONS[from]) as ApplicationStatus[];
}

/** Refuses (INVALID_STATE) a move of a dossier's status that the table does not allow. */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canMoveApplication(from, to))
    throw new AppError(
      "INVALID_STATE",
      `Un dossier ne peut passer de « ${STATUS_LABELS[from]} » à « ${STATUS_LABELS[to]} ».`,
    );
}
