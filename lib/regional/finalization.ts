// What keeps a region from finalising its results: every dossier is decided on, evaluated by at
// least the call's minimum of evaluators (all of them having submitted), given an opinion and ranked.
import { expectedEvaluations } from "@/lib/evaluations/expected";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

export type DossierProgress = {
  reference: string;
  status: ApplicationStatus;
  activeAssignments: number;
  /** submitted evaluations by evaluators still assigned */
  submittedEvaluations: number;
  hasOpinion: boolean;
  rank: number | null;
};

export function finalizationBlockers(
  dossiers: readonly DossierProgress[],
  minEvaluators: number,
): string[] {
  const blockers: string[] = [];
  for (const d of dossiers) {
    const problem = blockerOf(d, minEvaluators);
    if (problem) blockers.push(`${d.reference} : ${problem}`);
  }
  return blockers;
}

function blockerOf(d: DossierProgress, minEvaluators: number): string | null {
  if (d.status === "SUBMITTED") return "recevabilité à vérifier";
  if (d.status === "COMPLEMENT_REQUESTED") return "pièces complémentaires attendues";
  if (d.status !== "UNDER_REVIEW") return null; // inadmissible, withdrawn or already done
  const expected = expectedEvaluations(minEvaluators, d.activeAssignments);
  if (d.activeAssignments < minEvaluators)
    return `${d.activeAssignments} évaluateur(s) sur ${minEvaluators} au minimum`;
  if (d.submittedEvaluations < expected)
    return `évaluations manquantes (${d.submittedEvaluations} sur ${expected})`;
  if (!d.hasOpinion) return "avis régional à rédiger";
  if (d.rank === null) return "à classer";
  return null;
}
