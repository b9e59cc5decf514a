// How many evaluations a dossier expects in its region: at least the call's minimum of evaluators, and
// one from every evaluator still assigned (an extra evaluator's work is awaited too). The one rule,
// used by the regional opinion, the region's finalisation, the cell's pages and, in SQL, the national
// progress (lib/national/data.ts, regionProgress).

/** The number of submitted evaluations a dossier waits for before its regional opinion. */
export function expectedEvaluations(minEvaluators: number, activeAssignments: number): number {
  return Math.max(minEvaluators, activeAssignments);
}
