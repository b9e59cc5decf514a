// The weighted total of an evaluation: the one formula, used by the scoring form (live total), the
// server (stored at submission) and the regional synthesis.

export type GridCriterion = { id: string; weightBps: number; maxScore: number };

/**
 * Weighted score in hundredths of a point out of 100: Σ score/maxScore × weight, where the weights
 * (basis points) add up to 10 000. Computed exactly in integers over the common denominator of the
 * criteria's maxima and rounded once, half up, so that the order of criteria never changes the result.
 * Returns null while a criterion has no score.
 */
export function weightedScore(
  grid: readonly GridCriterion[],
  scores: ReadonlyMap<string, number | null | undefined>,
): number | null {
  if (grid.length === 0) return null;
  const denominator = grid.reduce((l, c) => lcm(l, c.maxScore), 1);
  let numerator = 0;
  for (const c of grid) {
    const score = scores.get(c.id);
    if (score === null || score === undefined) return null;
    numerator += score * c.weightBps * (denominator / c.maxScore);
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Whether a score is one of the criterion's levels: an integer from 0 to its maximum. */
export function isValidScore(
  criterion: Pick<GridCriterion, "maxScore">,
  score: unknown,
): score is number {
  return (
    typeof score === "number" &&
    Number.isInteger(score) &&
    score >= 0 &&
    score <= criterion.maxScore
  );
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
