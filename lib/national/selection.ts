// The selection of the laureates under the envelope: pure, exact, in integer arithmetic. Two methods on the
// same eligibility:
//
// - MERIT_ORDER (the rule of a public funder, the default): walking down the ranking, a dossier is funded iff
//   some list meeting the envelope and every priority share contains it with all the dossiers already funded;
//   the funded list is the lexicographically first feasible list in rank order (lib/national/merit-order.ts
//   has the walk and its exact feasibility test). Optionally the last grant is adjusted to the envelope left.
// - MAX_SCORE (a what-if, never the rule): the funded set maximises Σ score under the same constraints, by an
//   exact knapsack (below).
//
// Constraints, for both: Σ amount(F) ≤ envelope; every priority p (territory types T_p, minimum share s_p in
// basis points) met as a share of the TOTAL AMOUNT GRANTED: 10 000 × Σ amount(F ∩ T_p) ≥ s_p × Σ amount(F)
// (so funding nothing is always feasible). Eligible: not excluded, opinion favourable or reserved, valid
// integers, score ≥ quality threshold, amount within [minGrant, maxGrant].
//
// MAX_SCORE method. Amounts are in units of their greatest common divisor, which keeps every sum exact, and the
// candidates are split into groups of the same "signature" (the set of priorities their territory type counts
// for: at most 3 groups; lib/national/selection-units.ts). For each group a 0/1 knapsack over EXACT
// sums gives the best score for every total amount, with one bit per (candidate, sum) saying "taking this
// candidate is optimal" for the reconstruction. The groups' totals are then combined: every combination of
// the first groups' sums is enumerated and the last group's sum is taken in the interval the envelope and the
// shares allow (a range-maximum table answers it). Tie-breaks: (1) the higher total score; (2) the smaller
// total amount; (3) the set whose best-ranked members come first (at the first candidate in rank order where
// two sets differ, the set containing it wins). A problem too large for an exact computation is refused.
import { plural } from "@/lib/format";
import { formatScore, reasonText } from "@/lib/national/labels";
import { walkMeritOrder } from "@/lib/national/merit-order";
import { assertCombinations, selectionUnits } from "@/lib/national/selection-units";

type Opinion = "FAVORABLE" | "RESERVED" | "UNFAVORABLE";
export type Territory = "RURAL" | "QPV" | "URBAN";
export type SelectionMethod = "MERIT_ORDER" | "MAX_SCORE";

export type Candidate = {
  id: string;
  /** national score, hundredths of a point (0–10 000) */
  score: number;
  /** national amount, cents */
  amountCents: number;
  territoryType: Territory;
  opinion: Opinion;
  /** last tie-break key (e.g. the dossier's reference), compared as a string */
  tieBreak: string;
};

export type Priority = { label: string; territoryTypes: Territory[]; minShareBps: number };
export type SelectionRules = {
  envelopeCents: number;
  minGrantCents: number;
  maxGrantCents: number;
  priorities: Priority[];
  /** national score, hundredths; a dossier below it is not eligible (0 = no threshold) */
  qualityThreshold: number;
  /** the reserve list keeps the first k eligible dossiers left out, in rank order (Infinity: all of them) */
  reserveListLength: number;
  /** MERIT_ORDER only: the first dossier that does not fit may get the envelope left (≥ minGrant) */
  adjustLastGrant: boolean;
};

export type NotFundedReason =
  | { code: "UNFAVORABLE" }
  | { code: "BELOW_MIN"; minCents: number }
  | { code: "ABOVE_MAX"; maxCents: number }
  | { code: "INVALID" }
  | { code: "EXCLUDED" }
  | { code: "BELOW_THRESHOLD"; thresholdScore: number }
  /** its amount exceeds the envelope left (merit order: when its turn came; max score: by the chosen list) */
  | { code: "ENVELOPE"; remainingCents: number; amountCents: number }
  /** merit order: funding it would leave these priority shares unreachable */
  | { code: "PRIORITY_UNREACHABLE"; labels: string[] }
  /** max score: adding it to the chosen list would break this share */
  | { code: "PRIORITY"; label: string; minShareBps: number; shareBps: number }
  | { code: "NO_GAIN" };

type Ranked = {
  id: string;
  score: number;
  amountCents: number;
  territoryType: Territory;
  position: number;
};
type Laureate = Ranked & { adjusted: boolean; requestedCents: number };
type LeftOut = Ranked & { reason: NotFundedReason };
export type SelectionResult = {
  method: SelectionMethod;
  /** in rank order; amountCents is the amount granted, requestedCents the dossier's amount */
  laureates: Laureate[];
  /** the first `reserveListLength` eligible dossiers left out, in rank order */
  reserve: LeftOut[];
  /** the ineligible dossiers and the eligible ones beyond the reserve list, in rank order */
  notRetained: LeftOut[];
  totalScore: number;
  totalAmountCents: number;
  remainingCents: number;
  /** the lowest national score among the laureates (null when nobody is funded) */
  fundingLineScore: number | null;
  shares: {
    label: string;
    minShareBps: number;
    amountCents: number;
    shareBps: number | null;
    met: boolean;
  }[];
};

/** Rank order: score descending, amount ascending, tie-break key, id. */
export function compareRank(
  a: Pick<Candidate, "id" | "score" | "amountCents" | "tieBreak">,
  b: typeof a,
): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.amountCents !== b.amountCents) return a.amountCents - b.amountCents;
  if (a.tieBreak !== b.tieBreak) return a.tieBreak < b.tieBreak ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Share in basis points (rounded down) of `part` in `total`; null when the total is 0. */
function shareBps(part: number, total: number): number | null {
  return total === 0 ? null : Math.floor((part * 10_000) / total);
}

/** Whether `shares` of a funded set meet every priority (exact integer comparison). */
export function prioritiesMet(
  funded: { amountCents: number; territoryType: Territory }[],
  priorities: Priority[],
) {
  const total = funded.reduce((s, c) => s + c.amountCents, 0);
  return priorities.map((p) => {
    const part = funded
      .filter((c) => p.territoryTypes.includes(c.territoryType))
      .reduce((s, c) => s + c.amountCents, 0);
    return {
      label: p.label,
      minShareBps: p.minShareBps,
      amountCents: part,
      shareBps: shareBps(part, total),
      met: part * 10_000 >= p.minShareBps * total,
    };
  });
}

/** Above this envelope (9 billion euros) the integer share tests could leave the exact range of numbers. */
const MAX_ENVELOPE_CENTS = 900_000_000_000;

function validRules(r: SelectionRules) {
  const ints = [r.envelopeCents, r.minGrantCents, r.maxGrantCents];
  if (ints.some((x) => !Number.isSafeInteger(x) || x < 0))
    throw new RangeError("Règles de sélection invalides.");
  if (r.envelopeCents > MAX_ENVELOPE_CENTS)
    throw new RangeError("Enveloppe trop grande (9 milliards d'euros au plus).");
  for (const p of r.priorities) {
    if (!Number.isInteger(p.minShareBps) || p.minShareBps < 0 || p.minShareBps > 10_000)
      throw new RangeError("Part minimale invalide.");
  }
  if (
    !Number.isInteger(r.qualityThreshold) ||
    r.qualityThreshold < 0 ||
    r.qualityThreshold > 10_000
  ) {
    throw new RangeError("Seuil de qualité invalide : il doit être compris entre 0 et 100.");
  }
  if (
    !(Number.isInteger(r.reserveListLength) || r.reserveListLength === Infinity) ||
    r.reserveListLength < 0
  ) {
    throw new RangeError(
      "Longueur de la liste complémentaire invalide : un nombre entier positif ou nul est attendu.",
    );
  }
}

/** The shared part of both methods: the ranking, the positions, who is eligible and why the others are not. */
function prepare(
  candidates: readonly Candidate[],
  rules: SelectionRules,
  excludedIds: ReadonlySet<string>,
) {
  validRules(rules);
  const ranked = [...candidates].sort(compareRank);
  const seen = new Set<string>();
  for (const c of ranked) {
    if (seen.has(c.id)) throw new RangeError(`Dossier en double : ${c.id}`);
    seen.add(c.id);
  }
  const position = new Map(ranked.map((c, i) => [c.id, i + 1]));
  const view = (c: Candidate): Ranked => ({
    id: c.id,
    score: c.score,
    amountCents: c.amountCents,
    territoryType: c.territoryType,
    position: position.get(c.id)!,
  });
  const ineligible: LeftOut[] = [];
  const eligible: Candidate[] = [];
  for (const c of ranked) {
    let reason: NotFundedReason | null = null;
    if (excludedIds.has(c.id)) reason = { code: "EXCLUDED" };
    else if (c.opinion === "UNFAVORABLE") reason = { code: "UNFAVORABLE" };
    else if (
      !Number.isSafeInteger(c.score) ||
      c.score < 0 ||
      !Number.isSafeInteger(c.amountCents) ||
      c.amountCents <= 0
    )
      reason = { code: "INVALID" };
    else if (c.score < rules.qualityThreshold)
      reason = { code: "BELOW_THRESHOLD", thresholdScore: rules.qualityThreshold };
    else if (c.amountCents < rules.minGrantCents)
      reason = { code: "BELOW_MIN", minCents: rules.minGrantCents };
    else if (c.amountCents > rules.maxGrantCents)
      reason = { code: "ABOVE_MAX", maxCents: rules.maxGrantCents };
    if (reason) ineligible.push({ ...view(c), reason });
    else eligible.push(c);
  }
  return { view, ineligible, eligible };
}

/** The result from each eligible dossier's fate: granted amount, or the reason it is left out. */
function assemble(
  method: SelectionMethod,
  { view, ineligible, eligible }: ReturnType<typeof prepare>,
  rules: SelectionRules,
  fate: ({ grantedCents: number; adjusted: boolean } | { reason: NotFundedReason })[],
): SelectionResult {
  const laureates: Laureate[] = [];
  const leftOut: LeftOut[] = [];
  eligible.forEach((c, i) => {
    const f = fate[i]!;
    if ("reason" in f) leftOut.push({ ...view(c), reason: f.reason });
    else
      laureates.push({
        ...view(c),
        amountCents: f.grantedCents,
        adjusted: f.adjusted,
        requestedCents: c.amountCents,
      });
  });
  const totalAmountCents = laureates.reduce((s, c) => s + c.amountCents, 0);
  return {
    method,
    laureates,
    reserve: leftOut.slice(0, rules.reserveListLength),
    notRetained: [...ineligible, ...leftOut.slice(rules.reserveListLength)].sort(
      (a, b) => a.position - b.position,
    ),
    totalScore: laureates.reduce((s, c) => s + c.score, 0),
    totalAmountCents,
    remainingCents: rules.envelopeCents - totalAmountCents,
    fundingLineScore: laureates.length ? Math.min(...laureates.map((c) => c.score)) : null,
    shares: prioritiesMet(laureates, rules.priorities),
  };
}

/**
 * The selection in merit order: the lexicographically first feasible list in rank order, each eligible dossier
 * left out with the reason it was passed over when its turn came (ENVELOPE or PRIORITY_UNREACHABLE). With
 * `adjustLastGrant`, see walkMeritOrder. Pure and deterministic.
 */
export function selectInMeritOrder(
  candidates: readonly Candidate[],
  rules: SelectionRules,
  excludedIds: ReadonlySet<string> = new Set(),
): SelectionResult {
  const prep = prepare(candidates, rules, excludedIds);
  const steps = walkMeritOrder(prep.eligible, rules);
  return assemble(
    "MERIT_ORDER",
    prep,
    rules,
    steps.map((s) => (s.funded ? s : { reason: s.reason })),
  );
}

/** One group's knapsack over exact sums (in units), suffix order, with the "take" bits. */
class GroupTable {
  readonly best: Float64Array; // best[b]: best score with total exactly b units, -1 when unreachable
  private readonly take: Uint8Array; // bit (i, b): taking item i at remaining sum b is optimal
  constructor(
    readonly items: { units: number; score: number; index: number }[], // in rank order
    readonly capacity: number,
  ) {
    const width = capacity + 1;
    this.best = new Float64Array(width).fill(-1);
    this.best[0] = 0;
    this.take = new Uint8Array(Math.ceil((items.length * width) / 8));
    // Suffix DP: items from the worst ranked to the best ranked, so that the reconstruction, which goes
    // from the best ranked, can prefer taking a candidate whenever that stays optimal.
    for (let i = items.length - 1; i >= 0; i--) {
      const { units, score } = items[i]!;
      const base = i * width;
      for (let b = capacity; b >= units; b--) {
        const from = this.best[b - units]!;
        if (from < 0) continue;
        const withIt = from + score;
        if (withIt >= this.best[b]!) {
          this.best[b] = withIt;
          const bit = base + b;
          this.take[bit >> 3]! |= 1 << (bit & 7);
        }
      }
    }
  }
  /** The items (rank indexes) of the preferred optimal set of exact sum `b`. */
  members(b: number): number[] {
    const width = this.capacity + 1;
    const out: number[] = [];
    for (let i = 0; i < this.items.length && b > 0; i++) {
      const bit = i * width + b;
      if (this.take[bit >> 3]! & (1 << (bit & 7))) {
        out.push(this.items[i]!.index);
        b -= this.items[i]!.units;
      }
    }
    if (b !== 0) throw new Error("reconstruction incohérente");
    return out;
  }
}

/** argmax over [lo, hi] of best (ties: the smaller index), by a sparse table. */
class RangeBest {
  private readonly levels: Int32Array[] = [];
  constructor(private readonly best: Float64Array) {
    const n = best.length;
    const first = new Int32Array(n);
    for (let i = 0; i < n; i++) first[i] = i;
    this.levels.push(first);
    for (let k = 1; 1 << k <= n; k++) {
      const prev = this.levels[k - 1]!;
      const level = new Int32Array(n - (1 << k) + 1);
      for (let i = 0; i < level.length; i++)
        level[i] = this.pick(prev[i]!, prev[i + (1 << (k - 1))]!);
      this.levels.push(level);
    }
  }
  private pick(a: number, b: number) {
    const x = this.best[a]!;
    const y = this.best[b]!;
    return y > x || (y === x && b < a) ? b : a;
  }
  query(lo: number, hi: number): number {
    const k = 31 - Math.clz32(hi - lo + 1);
    return this.pick(this.levels[k]![lo]!, this.levels[k]![hi - (1 << k) + 1]!);
  }
}

/** The list of maximal total score (a what-if of the simulation, never the rule). Pure and deterministic. */
export function selectByMaxScore(
  candidates: readonly Candidate[],
  rules: SelectionRules,
  excludedIds: ReadonlySet<string> = new Set(),
): SelectionResult {
  const prep = prepare(candidates, rules, excludedIds);
  const { eligible } = prep;

  const {
    units,
    capacity,
    groups: unitGroups,
  } = selectionUnits(eligible, rules.envelopeCents, rules.priorities, { withNeutral: true });
  const groups = unitGroups.map((gr) => ({
    inPriority: gr.inPriority,
    table: new GroupTable(
      gr.members.map((index) => ({ units: units[index]!, score: eligible[index]!.score, index })),
      gr.cap,
    ),
  }));
  const inPriority = rules.priorities.map((_, p) => groups.map((gr) => gr.inPriority[p]!));
  // Every group but the last is enumerated; the last is queried by interval.
  assertCombinations(unitGroups.slice(0, -1));

  // Combination: enumerate the sums of every group but the last, take the last one's best in its interval.
  let bestScore = -1;
  let bestAmount = Infinity;
  let ties: number[][] = [];
  const consider = (sums: number[]) => {
    const score = sums.reduce((s, b, i) => s + groups[i]!.table.best[b]!, 0);
    const amount = sums.reduce((s, b) => s + b, 0);
    if (score > bestScore || (score === bestScore && amount < bestAmount)) {
      bestScore = score;
      bestAmount = amount;
      ties = [sums];
    } else if (score === bestScore && amount === bestAmount) ties.push(sums);
  };
  if (groups.length === 0) consider([]);
  else {
    const last = groups.length - 1;
    const range = new RangeBest(groups[last]!.table.best);
    const lastCap = groups[last]!.table.capacity;
    const walk = (i: number, sums: number[], used: number) => {
      if (i === last) {
        let lo = 0;
        let hi = Math.min(lastCap, capacity - used);
        for (const [p, priority] of rules.priorities.entries()) {
          const s = priority.minShareBps;
          const inside = sums.reduce((acc, b, k) => acc + (inPriority[p]![k] ? b : 0), 0);
          // 10 000 × (inside + [last ∈ p]·x) ≥ s × (used + x)
          if (inPriority[p]![last]) {
            const need = s * used - 10_000 * inside; // (10 000 − s)·x ≥ need
            if (need > 0) {
              if (s === 10_000) return;
              lo = Math.max(lo, Math.ceil(need / (10_000 - s)));
            }
          } else {
            const room = 10_000 * inside - s * used; // s·x ≤ room
            if (room < 0) return;
            if (s > 0) hi = Math.min(hi, Math.floor(room / s));
          }
        }
        if (lo > hi) return;
        const x = range.query(lo, hi);
        if (groups[last]!.table.best[x]! < 0) return;
        consider([...sums, x]);
        return;
      }
      const table = groups[i]!.table;
      for (let b = 0; b <= Math.min(table.capacity, capacity - used); b++) {
        if (table.best[b]! < 0) continue;
        walk(i + 1, [...sums, b], used + b);
      }
    };
    walk(0, [], 0);
  }

  // Among equal score and amount, the set whose best-ranked members come first.
  const setOf = (sums: number[]) =>
    sums.flatMap((b, i) => groups[i]!.table.members(b)).sort((a, b) => a - b);
  let chosen = setOf(ties[0] ?? []);
  for (const t of ties.slice(1)) {
    const other = setOf(t);
    const inChosen = new Set(chosen);
    const inOther = new Set(other);
    const firstDiff = [...new Set([...chosen, ...other])]
      .sort((a, b) => a - b)
      .find((k) => inChosen.has(k) !== inOther.has(k));
    if (firstDiff !== undefined && inOther.has(firstDiff)) chosen = other;
  }

  const funded = new Set(chosen);
  const laureates = eligible.filter((_, i) => funded.has(i));
  const totalAmountCents = laureates.reduce((s, c) => s + c.amountCents, 0);

  // Why each eligible dossier left out is not funded, against the chosen list.
  const fate = eligible.map((c, i) => {
    if (funded.has(i)) return { grantedCents: c.amountCents, adjusted: false };
    let reason: NotFundedReason;
    if (totalAmountCents + c.amountCents > rules.envelopeCents)
      reason = {
        code: "ENVELOPE",
        remainingCents: rules.envelopeCents - totalAmountCents,
        amountCents: c.amountCents,
      };
    else {
      const broken = prioritiesMet([...laureates, c], rules.priorities).find((s) => !s.met);
      reason = broken
        ? {
            code: "PRIORITY",
            label: broken.label,
            minShareBps: broken.minShareBps,
            shareBps: broken.shareBps ?? 0,
          }
        : { code: "NO_GAIN" };
    }
    return { reason };
  });
  return assemble("MAX_SCORE", prep, rules, fate);
}

/** The selection by the given method. */
export function runSelection(
  method: SelectionMethod,
  candidates: readonly Candidate[],
  rules: SelectionRules,
  excludedIds: ReadonlySet<string> = new Set(),
): SelectionResult {
  return method === "MERIT_ORDER"
    ? selectInMeritOrder(candidates, rules, excludedIds)
    : selectByMaxScore(candidates, rules, excludedIds);
}

/** A what-if of the simulation: the same function on changed inputs, never written anywhere. */
export type WhatIf = {
  excludedIds: string[];
  amounts: Record<string, number>;
  shares: Record<number, number>;
};

export function simulate(
  method: SelectionMethod,
  candidates: readonly Candidate[],
  rules: SelectionRules,
  whatIf: WhatIf,
): SelectionResult {
  const changed = candidates.map((c) =>
    whatIf.amounts[c.id] !== undefined ? { ...c, amountCents: whatIf.amounts[c.id]! } : c,
  );
  const priorities = rules.priorities.map((p, i) =>
    whatIf.shares[i] !== undefined ? { ...p, minShareBps: whatIf.shares[i]! } : p,
  );
  return runSelection(method, changed, { ...rules, priorities }, new Set(whatIf.excludedIds));
}

// ---- the two methods side by side ----

type SelectionTotals = { count: number; amountCents: number; totalScore: number };
type SelectionDifference = {
  id: string;
  position: number;
  score: number;
  /** the amount granted by the method that funds it */
  amountCents: number;
  fundedBy: SelectionMethod;
  explanation: string;
};
export type SelectionComparison = {
  merit: SelectionTotals;
  maxScore: SelectionTotals;
  /** the dossiers funded by one method and not the other, in rank order */
  items: SelectionDifference[];
  /** the dossiers funded by both at different amounts (the adjusted last grant), in rank order */
  amountChanges: {
    id: string;
    position: number;
    score: number;
    meritCents: number;
    maxScoreCents: number;
    explanation: string;
  }[];
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const totalsOf = (r: SelectionResult): SelectionTotals => ({
  count: r.laureates.length,
  amountCents: r.totalAmountCents,
  totalScore: r.totalScore,
});
const laureatesText = (n: number) => plural(n, "lauréat");

/** What differs between the merit-order list and the max-score list of the same inputs, explained. Pure. */
export function compareSelections(
  merit: SelectionResult,
  maxScore: SelectionResult,
): SelectionComparison {
  const m = totalsOf(merit);
  const x = totalsOf(maxScore);
  const fundedM = new Map(merit.laureates.map((l) => [l.id, l]));
  const fundedX = new Map(maxScore.laureates.map((l) => [l.id, l]));
  const reasonIn = (r: SelectionResult, id: string) =>
    [...r.reserve, ...r.notRetained].find((l) => l.id === id)?.reason;
  const totals = `${laureatesText(x.count)} et un total des notes de ${formatScore(x.totalScore)}, contre ${laureatesText(m.count)} et ${formatScore(m.totalScore)}`;

  const items: SelectionDifference[] = [];
  for (const l of merit.laureates) {
    if (fundedX.has(l.id)) continue;
    let why: string;
    if (x.count > m.count)
      why = ` pour financer davantage de dossiers moins bien classés (${totals}).`;
    else if (x.totalScore > m.totalScore)
      why = ` pour atteindre un total des notes plus élevé (${totals}).`;
    else {
      const reason = reasonIn(maxScore, l.id);
      why = reason ? ` : ${lowerFirst(reasonText(reason))}` : ".";
    }
    items.push({
      id: l.id,
      position: l.position,
      score: l.score,
      amountCents: l.amountCents,
      fundedBy: "MERIT_ORDER",
      explanation: `Financé selon l'ordre de mérite (rang ${l.position}) ; la liste au total de notes maximal l'écarte${why}`,
    });
  }
  for (const l of maxScore.laureates) {
    if (fundedM.has(l.id)) continue;
    const reason = reasonIn(merit, l.id);
    items.push({
      id: l.id,
      position: l.position,
      score: l.score,
      amountCents: l.amountCents,
      fundedBy: "MAX_SCORE",
      explanation: `Financé dans la liste au total de notes maximal (rang ${l.position}) ; l'ordre de mérite le laisse de côté${reason ? ` : ${lowerFirst(reasonText(reason))}` : "."}`,
    });
  }
  items.sort((a, b) => a.position - b.position);

  const amountChanges = merit.laureates
    .filter((l) => fundedX.has(l.id) && fundedX.get(l.id)!.amountCents !== l.amountCents)
    .map((l) => ({
      id: l.id,
      position: l.position,
      score: l.score,
      meritCents: l.amountCents,
      maxScoreCents: fundedX.get(l.id)!.amountCents,
      explanation: l.adjusted
        ? `L'ordre de mérite lui attribue l'enveloppe restante (dernière subvention ajustée) ; la liste au total de notes maximal le finance au montant proposé.`
        : `Montants différents selon la méthode.`,
    }));
  return { merit: m, maxScore: x, items, amountChanges };
}
