// Comparable scores across regional panels of different severity. Pure: raw scores are never replaced,
// only put in context (the region's mean and standard deviation, a dossier's z-score and percentile
// within its region, and how much the region's evaluators agreed).
import { mean, standardDeviation } from "@/lib/stats";

export type RegionSeverity = {
  regionCode: string;
  count: number;
  /** mean of the region's consolidated scores (hundredths) */
  mean: number | null;
  /** population standard deviation of them (hundredths) */
  standardDeviation: number | null;
};

/** Per region, the mean and standard deviation of the consolidated scores of its finalised dossiers. */
export function regionSeverity(
  rows: readonly { regionCode: string; score: number }[],
): Map<string, RegionSeverity> {
  const byRegion = new Map<string, number[]>();
  for (const r of rows) {
    const list = byRegion.get(r.regionCode) ?? [];
    list.push(r.score);
    byRegion.set(r.regionCode, list);
  }
  const out = new Map<string, RegionSeverity>();
  for (const [regionCode, scores] of [...byRegion].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    out.set(regionCode, {
      regionCode,
      count: scores.length,
      mean: mean(scores),
      standardDeviation: standardDeviation(scores),
    });
  }
  return out;
}

/** (score − mean) / sd; null when the region has no spread (a single dossier, or all equal). */
export function zScore(
  score: number,
  severity: Pick<RegionSeverity, "mean" | "standardDeviation">,
): number | null {
  if (severity.mean === null || !severity.standardDeviation) return null;
  return (score - severity.mean) / severity.standardDeviation;
}

/**
 * Percentile rank of `score` among `scores` (mid-rank: below + half of the equal ones, in %), 0–100.
 * The best of 4 distinct scores is at 87.5, the worst at 12.5; a region of one dossier puts it at 50.
 */
export function percentileRank(score: number, scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  let below = 0;
  let equal = 0;
  for (const s of scores) {
    if (s < score) below++;
    else if (s === score) equal++;
  }
  return ((below + equal / 2) / scores.length) * 100;
}

/**
 * How much a region's evaluators agreed: the mean, over its dossiers scored by at least two evaluators,
 * of the standard deviation of their weighted scores (hundredths; lower is closer agreement).
 */
export function evaluatorAgreement(
  rows: readonly { regionCode: string; applicationId: string; weightedScore: number }[],
): Map<string, { dossiers: number; meanStandardDeviation: number | null }> {
  const byDossier = new Map<string, { regionCode: string; scores: number[] }>();
  for (const r of rows) {
    const entry = byDossier.get(r.applicationId) ?? { regionCode: r.regionCode, scores: [] };
    entry.scores.push(r.weightedScore);
    byDossier.set(r.applicationId, entry);
  }
  const perRegion = new Map<string, number[]>();
  for (const { regionCode, scores } of byDossier.values()) {
    if (scores.length < 2) continue;
    const list = perRegion.get(regionCode) ?? [];
    list.push(standardDeviation(scores)!);
    perRegion.set(regionCode, list);
  }
  const out = new Map<string, { dossiers: number; meanStandardDeviation: number | null }>();
  for (const [regionCode, sds] of perRegion)
    out.set(regionCode, { dossiers: sds.length, meanStandardDeviation: mean(sds) });
  return out;
}

/** Everything the national view shows beside a raw score (O(n log n): sorted scores per region). */
export function scoreContext(rows: readonly { id: string; regionCode: string; score: number }[]) {
  const severity = regionSeverity(rows);
  const sorted = new Map<string, number[]>();
  for (const r of rows) {
    const list = sorted.get(r.regionCode);
    if (list) list.push(r.score);
    else sorted.set(r.regionCode, [r.score]);
  }
  for (const list of sorted.values()) list.sort((a, b) => a - b);
  // index of the first element ≥ x (or > x when `strict`)
  const bound = (list: number[], x: number, strict: boolean) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? list[mid]! <= x : list[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const byId = new Map<string, { zScore: number | null; percentile: number | null }>();
  for (const r of rows) {
    const list = sorted.get(r.regionCode)!;
    const below = bound(list, r.score, false);
    const equal = bound(list, r.score, true) - below;
    byId.set(r.id, {
      zScore: zScore(r.score, severity.get(r.regionCode)!),
      percentile: ((below + equal / 2) / list.length) * 100,
    });
  }
  return { severity, byId };
}
