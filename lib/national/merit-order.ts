// The walk down the ranking of the selection in merit order, with its EXACT feasibility test. Pure.
//
// The eligible dossiers come in rank order. S is the set funded so far. Dossier c is funded iff some set T of
// eligible dossiers ranked after c makes S ∪ {c} ∪ T feasible (Σ amount ≤ envelope and, for every priority p,
// 10 000 × Σ amount(F ∩ T_p) ≥ s_p × Σ amount(F)). By induction S always has a feasible completion, so the walk
// yields the lexicographically first feasible list in rank order, and the final S is feasible (T = ∅ at the end).
//
// Feasibility, exactly. Amounts are in units of their gcd and dossiers grouped by the set of priorities their
// territory type counts for (lib/national/selection-units.ts). A group in no priority never helps a share (it only adds to the total and spends money): removing
// it from a completion keeps it feasible, so completions use only the groups of non-zero signature. For each of
// those groups we know the subset sums reachable by its dossiers ranked after c (suffix bitsets, computed once
// from the bottom of the ranking; kept as checkpoints every √L dossiers and rebuilt block by block while the
// walk goes down, so memory stays O(√L × E/g) bits). Completion sums x_g must then satisfy Σ x ≤ budget left and
// one linear inequality per priority: every group's sum but the last is enumerated over its reachable sums, and
// the last group's allowed interval is computed exactly and asked for a reachable sum (a next-set-bit query).
// One group: one query; two groups: O(E/g) queries; three groups: refused beyond MAX_COMBINATIONS.
import type { Priority, Territory } from "@/lib/national/selection";
import { assertCombinations, selectionUnits } from "@/lib/national/selection-units";

export type MeritItem = { amountCents: number; territoryType: Territory };
export type MeritRules = {
  envelopeCents: number;
  minGrantCents: number;
  priorities: Priority[];
  adjustLastGrant: boolean;
};
type MeritPassOver =
  | { code: "ENVELOPE"; remainingCents: number; amountCents: number }
  | { code: "PRIORITY_UNREACHABLE"; labels: string[] };
export type MeritStep =
  | { funded: true; grantedCents: number; adjusted: boolean }
  | { funded: false; reason: MeritPassOver };

// ---- bitsets over sums 0..cap (bit b set: sum b reachable) ----

const wordsFor = (cap: number) => (cap >>> 5) + 1;

/** dst = src | (src << shift), bits above cap dropped. dst may not alias src. */
function shiftOr(dst: Uint32Array, src: Uint32Array, shift: number, cap: number) {
  const n = src.length;
  const ws = shift >>> 5;
  const bs = shift & 31;
  for (let w = n - 1; w >= 0; w--) {
    let v = 0;
    if (w >= ws) {
      v = src[w - ws]! << bs;
      if (bs && w - ws - 1 >= 0) v |= src[w - ws - 1]! >>> (32 - bs);
    }
    dst[w] = src[w]! | v;
  }
  const extra = 31 - (cap & 31); // clear the bits above cap in the last word
  if (extra) dst[n - 1]! &= 0xffffffff >>> extra;
}

/** The smallest set bit in [from, to], or -1. */
function nextSet(bits: Uint32Array, from: number, to: number): number {
  if (from > to) return -1;
  let w = from >>> 5;
  let x = bits[w]! & (0xffffffff << (from & 31));
  const last = to >>> 5;
  while (x === 0) {
    if (++w > last) return -1;
    x = bits[w]!;
  }
  const i = w * 32 + (31 - Math.clz32(x & -x));
  return i <= to ? i : -1;
}

/** sums(k): the subset sums (≤ cap) of units[k..L-1]; asked for k non-decreasing (any k works, slower). */
class SuffixSums {
  private readonly block: number;
  private readonly checkpoints = new Map<number, Uint32Array>();
  private readonly cache: Uint32Array[];
  private cachedBlock = -1;
  constructor(
    private readonly units: readonly number[],
    readonly cap: number,
  ) {
    const L = units.length;
    this.block = Math.max(1, Math.ceil(Math.sqrt(L + 1)));
    const W = wordsFor(cap);
    let cur = new Uint32Array(W);
    let spare = new Uint32Array(W);
    cur[0] = 1;
    this.checkpoints.set(L, cur.slice());
    for (let k = L - 1; k >= 0; k--) {
      shiftOr(spare, cur, units[k]!, cap);
      [cur, spare] = [spare, cur];
      if (k % this.block === 0) this.checkpoints.set(k, cur.slice());
    }
    this.cache = Array.from({ length: this.block }, () => new Uint32Array(W));
  }
  at(k: number): Uint32Array {
    const exact = this.checkpoints.get(k);
    if (exact) return exact;
    const b = Math.floor(k / this.block);
    if (b !== this.cachedBlock) {
      const start = b * this.block;
      const end = Math.min(start + this.block, this.units.length);
      let cur = this.checkpoints.get(end)!;
      for (let j = end - 1; j > start; j--) {
        const into = this.cache[j - start]!;
        shiftOr(into, cur, this.units[j]!, this.cap);
        cur = into;
      }
      this.cachedBlock = b;
    }
    return this.cache[k - b * this.block]!;
  }
}

// ---- the walk ----

type Group = { inP: boolean[]; members: number[]; sums: SuffixSums; seen: number };

/** Decide every eligible dossier (given in rank order) in merit order. */
export function walkMeritOrder(items: readonly MeritItem[], rules: MeritRules): MeritStep[] {
  const { envelopeCents, priorities } = rules;
  // Groups of non-zero signature only, each with the suffix sums of its members.
  const {
    units,
    capacity,
    groups: unitGroups,
    signatureOf,
  } = selectionUnits(items, envelopeCents, priorities, { withNeutral: false });
  const groupOf = new Int32Array(items.length).fill(-1);
  const groups: Group[] = unitGroups.map((gr, gi) => {
    for (const i of gr.members) groupOf[i] = gi;
    return {
      inP: gr.inPriority,
      members: gr.members,
      sums: new SuffixSums(
        gr.members.map((i) => units[i]!),
        gr.cap,
      ),
      seen: 0,
    };
  });
  // Every group but the largest is enumerated; the largest is queried by interval.
  assertCombinations(unitGroups.toSorted((a, b) => a.cap - b.cap).slice(0, -1));

  /**
   * Whether the set of `used` units (with `inside[p]` units in priority p) has a completion by dossiers ranked
   * after the current one meeting the envelope and every priority of `enforce`.
   */
  const feasible = (enforce: number[], used: number, inside: number[]): boolean => {
    const budget = capacity - used;
    if (budget < 0) return false;
    const active = enforce.filter((p) => priorities[p]!.minShareBps > 0);
    if (active.length === 0) return true;
    const use = groups
      .filter((gr) => active.some((p) => gr.inP[p]))
      .sort((a, b) => a.sums.cap - b.sums.cap);
    const sets = use.map((gr) => gr.sums.at(gr.seen));
    // Σ_g coef[k][g] × x_g ≥ need[k], with coef = 10 000·[g ∈ p] − s_p and need = s_p × used − 10 000 × inside_p.
    const coef = active.map((p) =>
      use.map((gr) => (gr.inP[p] ? 10_000 : 0) - priorities[p]!.minShareBps),
    );
    const need = active.map((p) => priorities[p]!.minShareBps * used - 10_000 * inside[p]!);
    const search = (j: number, resid: number[], left: number): boolean => {
      if (j === use.length) return resid.every((r) => r <= 0);
      const bits = sets[j]!;
      const top = Math.min(use[j]!.sums.cap, left);
      if (j === use.length - 1) {
        let lo = 0;
        let hi = top;
        for (let k = 0; k < resid.length; k++) {
          const c = coef[k]![j]!;
          const r = resid[k]!;
          if (c > 0) {
            if (r > 0) lo = Math.max(lo, Math.ceil(r / c));
          } else if (c === 0) {
            if (r > 0) return false;
          } else {
            if (r > 0) return false; // c·x ≤ 0 < r
            hi = Math.min(hi, Math.floor(-r / -c));
          }
        }
        return lo <= hi && nextSet(bits, lo, hi) >= 0;
      }
      for (let x = nextSet(bits, 0, top); x >= 0; x = nextSet(bits, x + 1, top)) {
        if (
          search(
            j + 1,
            resid.map((r, k) => r - coef[k]![j]! * x),
            left - x,
          )
        )
          return true;
      }
      return false;
    };
    return search(0, need, budget);
  };

  const all = priorities.map((_, p) => p);
  const steps: MeritStep[] = [];
  let usedUnits = 0;
  let spentCents = 0;
  const insideUnits = priorities.map(() => 0);
  const insideCents = priorities.map(() => 0);
  let adjustmentTried = !rules.adjustLastGrant;
  let envelopeSpent = false;

  items.forEach((c, i) => {
    if (groupOf[i]! >= 0) groups[groupOf[i]!]!.seen++; // suffix sums now start after c
    const sig = signatureOf(c.territoryType);
    const remainingCents = envelopeCents - spentCents;
    const fund = (grantedCents: number, adjusted: boolean) => {
      usedUnits += units[i]!;
      spentCents += grantedCents;
      sig.forEach((inside, p) => {
        if (!inside) return;
        insideUnits[p]! += units[i]!;
        insideCents[p]! += grantedCents;
      });
      steps.push({ funded: true, grantedCents, adjusted });
    };

    if (envelopeSpent || c.amountCents > remainingCents) {
      if (!adjustmentTried) {
        adjustmentTried = true;
        // The remaining envelope offered to the first dossier that does not fit, if every share stays met.
        const meets = priorities.every(
          (p, k) =>
            10_000 * (insideCents[k]! + (sig[k] ? remainingCents : 0)) >=
            p.minShareBps * (spentCents + remainingCents),
        );
        if (remainingCents >= Math.max(rules.minGrantCents, 1) && meets) {
          fund(remainingCents, true);
          envelopeSpent = true;
          return;
        }
      }
      steps.push({
        funded: false,
        reason: { code: "ENVELOPE", remainingCents, amountCents: c.amountCents },
      });
      return;
    }
    const used = usedUnits + units[i]!;
    const inside = insideUnits.map((x, p) => x + (sig[p] ? units[i]! : 0));
    if (feasible(all, used, inside)) {
      fund(c.amountCents, false);
      return;
    }
    const demanding = all.filter((p) => priorities[p]!.minShareBps > 0);
    const alone = demanding.filter((p) => !feasible([p], used, inside));
    const labels = (alone.length ? alone : demanding).map((p) => priorities[p]!.label);
    steps.push({ funded: false, reason: { code: "PRIORITY_UNREACHABLE", labels } });
  });
  return steps;
}
