// In which statuses of a dossier each step of the regional instruction can be taken: the commands
// refuse it otherwise (lib/regional/mutations.ts) and the pages offer it only then (lib/regional/data.ts).
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

export const STEP_STATUSES = {
  /** the completeness check, once */
  checkAdmissibility: ["SUBMITTED"],
  /** evaluators, from submission until the regional opinion */
  assign: ["SUBMITTED", "COMPLEMENT_REQUESTED", "UNDER_REVIEW"],
  /** the regional opinion, on a dossier found admissible */
  opinion: ["UNDER_REVIEW"],
} as const satisfies Record<string, readonly ApplicationStatus[]>;

export type RegionalStep = keyof typeof STEP_STATUSES;

export const stepOpen = (step: RegionalStep, status: ApplicationStatus): boolean =>
  (STEP_STATUSES[step] as readonly ApplicationStatus[]).includes(status);
