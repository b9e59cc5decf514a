// Who evaluates a dossier: a suggestion that balances the workload (when: lib/regional/steps.ts).

export type EvaluatorLoad = { id: string; name: string; load: number };
export type DossierNeed = {
  id: string;
  /** evaluators already assigned (not withdrawn) */
  assigned: readonly string[];
  /** evaluators who may not take it (declared a conflict of interest) */
  excluded: readonly string[];
};

/**
 * For each dossier with fewer than `minimum` evaluators, the least-loaded evaluators who may take it
 * (ties: fewer assignments first, then name, then id, so the suggestion is the same on every run).
 * Loads grow as suggestions are made, so a bulk suggestion spreads the dossiers evenly.
 */
export function suggestAssignments(
  dossiers: readonly DossierNeed[],
  evaluators: readonly EvaluatorLoad[],
  minimum: number,
): Map<string, string[]> {
  const load = new Map(evaluators.map((e) => [e.id, e.load]));
  const byName = new Map(evaluators.map((e) => [e.id, e.name]));
  const suggestions = new Map<string, string[]>();
  for (const dossier of dossiers) {
    const missing = minimum - dossier.assigned.length;
    if (missing <= 0) continue;
    const candidates = evaluators
      .map((e) => e.id)
      .filter((id) => !dossier.assigned.includes(id) && !dossier.excluded.includes(id))
      .sort(
        (a, b) =>
          load.get(a)! - load.get(b)! ||
          byName.get(a)!.localeCompare(byName.get(b)!, "fr") ||
          (a < b ? -1 : 1),
      );
    const chosen = candidates.slice(0, missing);
    for (const id of chosen) load.set(id, load.get(id)! + 1);
    if (chosen.length) suggestions.set(dossier.id, chosen);
  }
  return suggestions;
}
