// The regional synthesis of a dossier: the evaluators' scores side by side, with mean, spread and
// standard deviation per criterion and for the weighted total; a disagreement above the call's
// threshold flags the dossier for discussion.
import { mean, spread, standardDeviation } from "@/lib/stats";

export type SubmittedEvaluation = {
  evaluatorId: string;
  weightedScore: number;
  scores: ReadonlyMap<string, number>;
};
export type Dispersion = {
  mean: number | null;
  sd: number | null;
  spread: number | null;
  count: number;
};

export type Synthesis = {
  perCriterion: Map<string, Dispersion>;
  weighted: Dispersion;
  /** the evaluators' weighted scores differ by more than the threshold */
  disagreement: boolean;
};

function dispersion(values: readonly number[]): Dispersion {
  return {
    mean: mean(values),
    sd: standardDeviation(values),
    spread: spread(values),
    count: values.length,
  };
}

/** `threshold` is in hundredths of a point, like the weighted scores (call.disagreementThreshold). */
export function synthesize(
  criterionIds: readonly string[],
  evaluations: readonly SubmittedEvaluation[],
  threshold: number,
): Synthesis {
  const perCriterion = new Map<string, Dispersion>();
  for (const id of criterionIds) {
    perCriterion.set(
      id,
      dispersion(evaluations.flatMap((e) => (e.scores.has(id) ? [e.scores.get(id)!] : []))),
    );
  }
  const weighted = dispersion(evaluations.map((e) => e.weightedScore));
  return { perCriterion, weighted, disagreement: (weighted.spread ?? 0) > threshold };
}

/** The consolidated score proposed to the coordinator: the evaluators' mean, rounded to the hundredth. */
export function proposedConsolidatedScore(
  evaluations: readonly { weightedScore: number }[],
): number | null {
  const m = mean(evaluations.map((e) => e.weightedScore));
  return m === null ? null : Math.round(m);
}
