// The rules a decision list must meet to be finalised, and the reserve promotion. Pure.
import { formatEuros, formatShare } from "@/lib/format";
import {
  type Priority,
  prioritiesMet,
  type SelectionResult,
  type SelectionRules,
  type Territory,
} from "@/lib/national/selection";

export type DecisionLine = {
  applicationId: string;
  reference: string;
  outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
  amountCents: number | null;
  reserveRank: number | null;
  territoryType: Territory;
  reasons: string;
};

/** The decision lines of the national dossiers that have one (the page, the finalisation and its checks). */
export function decisionLinesOf(
  rows: readonly {
    id: string;
    reference: string;
    territoryType: Territory;
    decision: Omit<DecisionLine, "applicationId" | "reference" | "territoryType"> | null;
  }[],
): DecisionLine[] {
  return rows.flatMap((r) =>
    r.decision
      ? [
          {
            applicationId: r.id,
            reference: r.reference,
            territoryType: r.territoryType,
            outcome: r.decision.outcome,
            amountCents: r.decision.amountCents,
            reserveRank: r.decision.reserveRank,
            reasons: r.decision.reasons,
          },
        ]
      : [],
  );
}

/** One way the decision list departs from the call's rule, with the dossiers it concerns. */
export type Departure = { text: string; applicationIds: string[] };

/**
 * How the decision list departs from the lists the call's rule gives (`allowed`: the official selection and,
 * when the last grant may be adjusted, the same list without the adjustment), in French; empty when it is one
 * of them. Laureates and their amounts, then the reserve list's order, are compared. Also returns the list of
 * the rule the decision list is (or is compared with), for the pass-over reasons.
 */
export function departuresFrom(
  lines: readonly DecisionLine[],
  allowed: readonly SelectionResult[],
): { departures: Departure[]; rule: SelectionResult | null } {
  const reference = new Map(lines.map((l) => [l.applicationId, l.reference]));
  const ref = (id: string) => reference.get(id) ?? id;
  const granted = new Map(
    lines.filter((l) => l.outcome === "LAUREATE").map((l) => [l.applicationId, l.amountCents]),
  );
  const reserve = lines
    .filter((l) => l.outcome === "RESERVE")
    .sort((a, b) => (a.reserveRank ?? 0) - (b.reserveRank ?? 0))
    .map((l) => l.applicationId);
  const against = (expected: SelectionResult): Departure[] => {
    const out: Departure[] = [];
    const rule = new Map(expected.laureates.map((l) => [l.id, l]));
    for (const l of expected.laureates) {
      if (!granted.has(l.id))
        out.push({
          text: `${ref(l.id)} (rang ${l.position}) est financé par la règle de l'appel mais n'est pas lauréat.`,
          applicationIds: [l.id],
        });
      else if (granted.get(l.id) !== l.amountCents)
        out.push({
          text: `${ref(l.id)} : ${formatEuros(granted.get(l.id) ?? 0)} attribués au lieu de ${formatEuros(l.amountCents)}.`,
          applicationIds: [l.id],
        });
    }
    for (const id of granted.keys())
      if (!rule.has(id))
        out.push({
          text: `${ref(id)} est lauréat alors que la règle de l'appel ne le finance pas.`,
          applicationIds: [id],
        });
    const expectedReserve = expected.reserve.map((r) => r.id);
    if (reserve.join() !== expectedReserve.join()) {
      out.push({
        text: `La liste complémentaire n'est pas celle de la règle de l'appel (attendue : ${expectedReserve.map(ref).join(", ") || "aucune"}).`,
        applicationIds: [...new Set([...reserve, ...expectedReserve])],
      });
    }
    return out;
  };
  const found = allowed.map(against);
  const matching = found.findIndex((d) => d.length === 0);
  if (matching >= 0) return { departures: [], rule: allowed[matching]! };
  return { departures: found[0] ?? [], rule: allowed[0] ?? null };
}

/** What prevents finalising the list (empty when it can be finalised), in French. */
export function decisionProblems(
  lines: readonly DecisionLine[],
  rules: SelectionRules,
  missing: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  if (missing.length)
    problems.push(
      `Décision manquante pour ${missing.length} dossier${missing.length > 1 ? "s" : ""} : ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? "…" : ""}.`,
    );
  const laureates = lines.filter((l) => l.outcome === "LAUREATE");
  for (const l of laureates) {
    if (l.amountCents === null) problems.push(`${l.reference} : montant attribué manquant.`);
    else if (l.amountCents < rules.minGrantCents || l.amountCents > rules.maxGrantCents) {
      problems.push(
        `${l.reference} : le montant ${formatEuros(l.amountCents)} est hors des bornes de l'appel (${formatEuros(rules.minGrantCents)} à ${formatEuros(rules.maxGrantCents)}).`,
      );
    }
  }
  const total = laureates.reduce((s, l) => s + (l.amountCents ?? 0), 0);
  if (total > rules.envelopeCents) {
    problems.push(
      `Le total attribué (${formatEuros(total)}) dépasse l'enveloppe de ${formatEuros(total - rules.envelopeCents)} (enveloppe : ${formatEuros(rules.envelopeCents)}).`,
    );
  }
  for (const s of prioritiesMet(
    laureates.map((l) => ({ amountCents: l.amountCents ?? 0, territoryType: l.territoryType })),
    rules.priorities,
  )) {
    if (!s.met)
      problems.push(
        `La part « ${s.label} » n'est pas atteinte : ${formatShare(s.shareBps ?? 0)} du montant attribué au lieu de ${formatShare(s.minShareBps)} au moins.`,
      );
  }
  const ranks = lines.filter((l) => l.outcome === "RESERVE").map((l) => l.reserveRank);
  const sorted = [...ranks].sort((a, b) => (a ?? 0) - (b ?? 0));
  if (ranks.some((r) => r === null) || sorted.some((r, i) => r !== i + 1)) {
    problems.push(
      "Les rangs de la liste complémentaire doivent se suivre à partir de 1, sans doublon.",
    );
  }
  for (const l of lines)
    if (!l.reasons.trim()) problems.push(`${l.reference} : motifs de la décision manquants.`);
  return problems;
}

export type ReserveEntry = {
  applicationId: string;
  reserveRank: number;
  amountCents: number;
  territoryType: Territory;
};

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
