// Labels of the dossier's status, as applicants and instructors read them.
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
