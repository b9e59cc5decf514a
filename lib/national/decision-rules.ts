// The rules a decision list must meet to be finalised, and the reserve promotion. Pure.
import { formatEuros, formatShare } from "@/lib/format";
import { prioritiesMet, type Priority, type SelectionRules, type Territory } from "@/lib/national/selection";

export type DecisionLine = {
  applicationId: string;
  reference: string;
  outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
  amountCents: number | null;
  reserveRank: number | null;
  territoryType: Territory;
  reasons: string;
};

/** What prevents finalising the list (empty when it can be finalised), in French. */
export function decisionProblems(lines: readonly DecisionLine[], rules: SelectionRules, missing: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (missing.length) problems.push(`Décision manquante pour ${missing.length} dossier${missing.length > 1 ? "s" : ""} : ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? "…" : ""}.`);
  const laureates = lines.filter((l) => l.outcome === "LAUREATE");
  for (const l of laureates) {
    if (l.amountCents === null) problems.push(`${l.reference} : montant attribué manquant.`);
    else if (l.amountCents < rules.minGrantCents || l.amountCents > rules.maxGrantCents) {
      problems.push(`${l.reference} : le montant ${formatEuros(l.amountCents)} est hors des bornes de l'appel (${formatEuros(rules.minGrantCents)} à ${formatEuros(rules.maxGrantCents)}).`);
    }
  }
  const total = laureates.reduce((s, l) => s + (l.amountCents ?? 0), 0);
  if (total > rules.envelopeCents) {
    problems.push(`Le total attribué (${formatEuros(total)}) dépasse l'enveloppe de ${formatEuros(total - rules.envelopeCents)} (enveloppe : ${formatEuros(rules.envelopeCents)}).`);
  }
  for (const s of prioritiesMet(laureates.map((l) => ({ amountCents: l.amountCents ?? 0, territoryType: l.territoryType })), rules.priorities)) {
    if (!s.met) problems.push(`La part « ${s.label} » n'est pas atteinte : ${formatShare(s.shareBps ?? 0)} du montant attribué au lieu de ${formatShare(s.minShareBps)} au moins.`);
  }
  const ranks = lines.filter((l) => l.outcome === "RESERVE").map((l) => l.reserveRank);
  const sorted = [...ranks].sort((a, b) => (a ?? 0) - (b ?? 0));
  if (ranks.some((r) => r === null) || sorted.some((r, i) => r !== i + 1)) {
    problems.push("Les rangs de la liste complémentaire doivent se suivre à partir de 1, sans doublon.");
  }
  for (const l of lines) if (!l.reasons.trim()) problems.push(`${l.reference} : motifs de la décision manquants.`);
  return problems;
}

export type ReserveEntry = { applicationId: string; reserveRank: number; amountCents: number; territoryType: Territory };

/**
 * After a laureate withdraws: the first dossier of the reserve list (by rank) whose amount fits the
 * remaining envelope and keeps every priority met with the remaining laureates; null when none does.
 */
export function reservePromotion(
  activeLaureates: readonly { amountCents: number; territoryType: Territory }[],
  reserve: readonly ReserveEntry[],
  rules: { envelopeCents: number; priorities: Priority[] },
): (ReserveEntry & { remainingCents: number }) | null {
  const granted = activeLaureates.reduce((s, l) => s + l.amountCents, 0);
  const remainingCents = rules.envelopeCents - granted;
  for (const r of [...reserve].sort((a, b) => a.reserveRank - b.reserveRank)) {
    if (r.amountCents > remainingCents) continue;
    if (!prioritiesMet([...activeLaureates, r], rules.priorities).every((s) => s.met)) continue;
    return { ...r, remainingCents };
  }
  return null;
}
