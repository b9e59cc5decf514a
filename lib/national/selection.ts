// The selection of the laureates under the envelope: ONE pure function, exact, in integer arithmetic.
//
// Problem. Among the candidates, choose the funded set F that maximises Σ score(F) subject to
//   - Σ amount(F) ≤ envelope;
//   - every amount within [minGrant, maxGrant] (candidates outside the bounds are excluded, with the reason);
//   - only dossiers whose regional opinion is favourable or reserved may be funded;
//   - every priority p (territory types T_p, minimum share s_p in basis points) is met, the share being the
//     share of the TOTAL AMOUNT GRANTED that goes to dossiers of T_p:
//         10 000 × Σ amount(F ∩ T_p) ≥ s_p × Σ amount(F)
//     (so funding nothing is always feasible, and the share does not depend on money left unspent).
//
// Method. Amounts are divided by their greatest common divisor g (with the envelope rounded down in units
// of g), which keeps every sum exact. Candidates are split into groups of the same "signature" (the set of
// priorities their territory type counts for: at most 3 groups, one per territory type). For each group a
// 0/1 knapsack over EXACT sums gives the best score for every total amount, with one bit per (candidate,
// sum) saying "taking this candidate is optimal" for the reconstruction. The groups' totals are then
// combined: every combination of the first groups' sums is enumerated and the last group's sum is taken in
// the interval the envelope and the shares allow (a range-maximum table answers it). Complexity
// O(n × E/g) for the tables and O(E/g) (two groups, the usual case of one priority) or O((E/g)²) (three
// groups) for the combination; a problem beyond MAX_CELLS (or MAX_COMBINATIONS) is refused rather than run
// for minutes.
//
// Tie-breaks, deterministic: (1) the higher total score; (2) the smaller total amount; (3) the set whose
// best-ranked members come first: comparing candidates in RANK order (national score descending, then amount
// ascending, then `tieBreak` ascending, then id), the set that contains the first candidate where the two
// sets differ wins.

export type Opinion = "FAVORABLE" | "RESERVED" | "UNFAVORABLE";
export type Territory = "RURAL" | "QPV" | "URBAN";

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
export type SelectionRules = { envelopeCents: number; minGrantCents: number; maxGrantCents: number; priorities: Priority[] };

export type NotFundedReason =
  | { code: "UNFAVORABLE" }
  | { code: "BELOW_MIN"; minCents: number }
  | { code: "ABOVE_MAX"; maxCents: number }
  | { code: "INVALID" }
  | { code: "EXCLUDED" }
  | { code: "ENVELOPE"; excessCents: number }
  | { code: "PRIORITY"; label: string; minShareBps: number; shareBps: number }
  | { code: "NO_GAIN" };

export type Ranked = { id: string; score: number; amountCents: number; territoryType: Territory; position: number };
export type SelectionResult = {
  laureates: Ranked[];
  /** eligible dossiers (favourable or reserved opinion, amount within bounds) not funded, by rank */
  reserve: (Ranked & { reason: NotFundedReason })[];
  notRetained: (Ranked & { reason: NotFundedReason })[];
  totalScore: number;
  totalAmountCents: number;
  remainingCents: number;
  /** the lowest national score among the laureates (null when nobody is funded) */
  fundingLineScore: number | null;
  shares: { label: string; minShareBps: number; amountCents: number; shareBps: number | null; met: boolean }[];
};

export const MAX_CELLS = 600_000_000;
export const MAX_COMBINATIONS = 50_000_000;

const gcd = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

/** Rank order: score descending, amount ascending, tie-break key, id. */
export function compareRank(a: Pick<Candidate, "id" | "score" | "amountCents" | "tieBreak">, b: typeof a): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.amountCents !== b.amountCents) return a.amountCents - b.amountCents;
  if (a.tieBreak !== b.tieBreak) return a.tieBreak < b.tieBreak ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Share in basis points (rounded down) of `part` in `total`; null when the total is 0. */
export function shareBps(part: number, total: number): number | null {
  return total === 0 ? null : Math.floor((part * 10_000) / total);
}

/** Whether `shares` of a funded set meet every priority (exact integer comparison). */
export function prioritiesMet(funded: { amountCents: number; territoryType: Territory }[], priorities: Priority[]) {
  const total = funded.reduce((s, c) => s + c.amountCents, 0);
  return priorities.map((p) => {
    const part = funded.filter((c) => p.territoryTypes.includes(c.territoryType)).reduce((s, c) => s + c.amountCents, 0);
    return { label: p.label, minShareBps: p.minShareBps, amountCents: part, shareBps: shareBps(part, total), met: part * 10_000 >= p.minShareBps * total };
  });
}

function validRules(r: SelectionRules) {
  const ints = [r.envelopeCents, r.minGrantCents, r.maxGrantCents];
  if (ints.some((x) => !Number.isSafeInteger(x) || x < 0)) throw new RangeError("Règles de sélection invalides.");
  for (const p of r.priorities) {
    if (!Number.isInteger(p.minShareBps) || p.minShareBps < 0 || p.minShareBps > 10_000) throw new RangeError("Part minimale invalide.");
  }
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
      for (let i = 0; i < level.length; i++) level[i] = this.pick(prev[i]!, prev[i + (1 << (k - 1))]!);
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

/** The selection: laureates, reserve list, not retained, with the reasons. Pure and deterministic. */
export function selectLaureates(candidates: readonly Candidate[], rules: SelectionRules, excludedIds: ReadonlySet<string> = new Set()): SelectionResult {
  validRules(rules);
  const ranked = [...candidates].sort(compareRank);
  const seen = new Set<string>();
  for (const c of ranked) {
    if (seen.has(c.id)) throw new RangeError(`Dossier en double : ${c.id}`);
    seen.add(c.id);
  }
  const position = new Map(ranked.map((c, i) => [c.id, i + 1]));
  const view = (c: Candidate): Ranked => ({ id: c.id, score: c.score, amountCents: c.amountCents, territoryType: c.territoryType, position: position.get(c.id)! });

  // Who may be funded at all.
  const notRetained: SelectionResult["notRetained"] = [];
  const eligible: Candidate[] = [];
  for (const c of ranked) {
    let reason: NotFundedReason | null = null;
    if (excludedIds.has(c.id)) reason = { code: "EXCLUDED" };
    else if (c.opinion === "UNFAVORABLE") reason = { code: "UNFAVORABLE" };
    else if (!Number.isSafeInteger(c.score) || c.score < 0 || !Number.isSafeInteger(c.amountCents) || c.amountCents <= 0) reason = { code: "INVALID" };
    else if (c.amountCents < rules.minGrantCents) reason = { code: "BELOW_MIN", minCents: rules.minGrantCents };
    else if (c.amountCents > rules.maxGrantCents) reason = { code: "ABOVE_MAX", maxCents: rules.maxGrantCents };
    if (reason) notRetained.push({ ...view(c), reason });
    else eligible.push(c);
  }

  // Units: the amounts' greatest common divisor; the envelope rounded down to it (exact: every sum of
  // amounts is a multiple of g, so Σ ≤ envelope ⇔ Σ/g ≤ ⌊envelope/g⌋).
  const g = eligible.reduce((acc, c) => gcd(acc, c.amountCents), 0) || 1;
  const capacity = Math.floor(rules.envelopeCents / g);

  // Groups by signature: the priorities a territory type counts for.
  const signature = (t: Territory) => rules.priorities.map((p) => (p.territoryTypes.includes(t) ? "1" : "0")).join("");
  const groupKeys = [...new Set(eligible.map((c) => signature(c.territoryType)))].sort();
  const groups = groupKeys.map((key) => {
    const items = eligible.map((c, index) => ({ c, index })).filter(({ c }) => signature(c.territoryType) === key);
    const total = items.reduce((s, { c }) => s + c.amountCents / g, 0);
    const cap = Math.min(capacity, total);
    if (items.length * (cap + 1) > MAX_CELLS) {
      throw new RangeError("Sélection trop grande pour un calcul exact (montants trop fins au regard de l'enveloppe).");
    }
    return { key, table: new GroupTable(items.map(({ c, index }) => ({ units: c.amountCents / g, score: c.score, index })), cap) };
  });
  const inPriority = rules.priorities.map((_, p) => groups.map((gr) => gr.key[p] === "1"));
  const combinations = groups.slice(0, -1).reduce((n, gr) => n * (gr.table.capacity + 1), 1);
  if (combinations > MAX_COMBINATIONS) {
    throw new RangeError("Sélection trop grande pour un calcul exact (trop de combinaisons entre territoires ; montants trop fins au regard de l'enveloppe).");
  }

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
  const setOf = (sums: number[]) => sums.flatMap((b, i) => groups[i]!.table.members(b)).sort((a, b) => a - b);
  let chosen = setOf(ties[0] ?? []);
  for (const t of ties.slice(1)) {
    const other = setOf(t);
    const inChosen = new Set(chosen);
    const inOther = new Set(other);
    const firstDiff = [...new Set([...chosen, ...other])].sort((a, b) => a - b).find((k) => inChosen.has(k) !== inOther.has(k));
    if (firstDiff !== undefined && inOther.has(firstDiff)) chosen = other;
  }

  const funded = new Set(chosen);
  const laureates = eligible.filter((_, i) => funded.has(i));
  const totalAmountCents = laureates.reduce((s, c) => s + c.amountCents, 0);
  const totalScore = laureates.reduce((s, c) => s + c.score, 0);

  // Why each eligible dossier left out is not funded, against the chosen list.
  const reserve = eligible
    .filter((_, i) => !funded.has(i))
    .map((c) => {
      const excess = totalAmountCents + c.amountCents - rules.envelopeCents;
      let reason: NotFundedReason;
      if (excess > 0) reason = { code: "ENVELOPE", excessCents: excess };
      else {
        const broken = prioritiesMet([...laureates, c], rules.priorities).find((s) => !s.met);
        reason = broken ? { code: "PRIORITY", label: broken.label, minShareBps: broken.minShareBps, shareBps: broken.shareBps ?? 0 } : { code: "NO_GAIN" };
      }
      return { ...view(c), reason };
    });

  return {
    laureates: laureates.map(view),
    reserve,
    notRetained,
    totalScore,
    totalAmountCents,
    remainingCents: rules.envelopeCents - totalAmountCents,
    fundingLineScore: laureates.length ? Math.min(...laureates.map((c) => c.score)) : null,
    shares: prioritiesMet(laureates, rules.priorities),
  };
}

/** A what-if of the simulation: the same function on changed inputs, never written anywhere. */
export type WhatIf = { excludedIds: string[]; amounts: Record<string, number>; shares: Record<number, number> };

export function simulate(candidates: readonly Candidate[], rules: SelectionRules, whatIf: WhatIf): SelectionResult {
  const changed = candidates.map((c) => (whatIf.amounts[c.id] !== undefined ? { ...c, amountCents: whatIf.amounts[c.id]! } : c));
  const priorities = rules.priorities.map((p, i) => (whatIf.shares[i] !== undefined ? { ...p, minShareBps: whatIf.shares[i]! } : p));
  return selectLaureates(changed, { ...rules, priorities }, new Set(whatIf.excludedIds));
}
